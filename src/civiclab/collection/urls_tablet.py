"""Routes of face-to-face collection on a tablet (collection/views_tablet.py)."""

from django.urls import path

from civiclab.collection import views_tablet as views

CAMPAIGN = "experiments/<slug:slug>/campaigns/<int:pk>/"

urlpatterns = [
    path(CAMPAIGN + "collect/", views.tablet, name="tablet"),
    path(CAMPAIGN + "collect/submit/", views.tablet_submit, name="tablet_submit"),
    # Served from the page's own folder so that the worker's scope covers the page.
    path(CAMPAIGN + "collect/sw.js", views.tablet_sw, name="tablet_sw"),
]
