"""Addresses of the reports: under each experiment, and the lab's look."""

from django.urls import path

from civiclab.reports import views

app_name = "reports"

BASE = "experiments/<slug:slug>/reports/"
REPORT = f"{BASE}<int:pk>/"

urlpatterns = [
    path("lab/look/", views.look, name="look"),
    path("lab/look/logo", views.logo, name="logo"),
    path("lab/steering-deck.<str:fmt>", views.steering, name="steering"),
    path(BASE, views.index, name="index"),
    path(f"{BASE}add-chart/", views.chart_add, name="chart_add"),
    path(REPORT, views.report, name="report"),
    path(f"{REPORT}report.<str:fmt>", views.download, name="download"),
    path(f"{REPORT}settings/", views.settings_edit, name="settings"),
    path(f"{REPORT}delete/", views.delete, name="delete"),
    path(f"{REPORT}template/", views.save_template, name="save_template"),
    path(f"{REPORT}blocks/", views.block_add, name="block_add"),
    path(f"{REPORT}blocks/<int:block_pk>/", views.block_edit, name="block_edit"),
    path(f"{REPORT}blocks/<int:block_pk>/delete/", views.block_delete, name="block_delete"),
    path(f"{REPORT}blocks/<int:block_pk>/move/", views.block_move, name="block_move"),
]
