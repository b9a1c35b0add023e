"""Addresses of the impact framework: under each experiment, and the lab's library."""

from django.urls import path

from civiclab.impact import views

app_name = "impact"

BASE = "experiments/<slug:slug>/impact/"

urlpatterns = [
    path("impact/library/", views.lab_library, name="lab_library"),
    path(BASE, views.framework, name="framework"),
    path(f"{BASE}impacts/new/", views.impact_edit, name="impact_new"),
    path(f"{BASE}impacts/<int:pk>/", views.impact_edit, name="impact_edit"),
    path(f"{BASE}impacts/<int:pk>/delete/", views.impact_delete, name="impact_delete"),
    path(f"{BASE}impacts/<int:pk>/move/", views.impact_move, name="impact_move"),
    path(f"{BASE}indicators/new/", views.indicator_edit, name="indicator_new"),
    path(f"{BASE}indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path(f"{BASE}indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path(f"{BASE}indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path(f"{BASE}indicators/<int:pk>/move/", views.indicator_move, name="indicator_move"),
    path(
        f"{BASE}indicators/<int:pk>/measurements/",
        views.measurement_add,
        name="measurement_add",
    ),
    path(
        f"{BASE}indicators/<int:pk>/measurements/<int:measurement_pk>/delete/",
        views.measurement_delete,
        name="measurement_delete",
    ),
    path(f"{BASE}library/", views.library, name="library"),
    path(f"{BASE}library/<int:pk>/add/", views.library_add, name="library_add"),
]
