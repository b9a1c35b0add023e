"""Addresses of the Data tab of each experiment, and the public open-data files."""

from django.urls import path

from civiclab.opendata import views

app_name = "opendata"

BASE = "experiments/<slug:slug>/data/"
PUBLIC = "open-data/<slug:slug>/"

urlpatterns = [
    path(BASE, views.index, name="index"),
    path(f"{BASE}settings/", views.edit_settings, name="settings"),
    path(f"{BASE}aggregates.<str:fmt>", views.aggregates_file, name="aggregates"),
    path(f"{BASE}dictionary.<str:fmt>", views.dictionary_file, name="dictionary"),
    path(f"{BASE}exports/", views.exports, name="exports"),
    path(f"{BASE}exports/<int:pk>/", views.job, name="job"),
    path(f"{BASE}exports/<int:pk>/download/", views.download, name="download"),
    path(f"{BASE}exports/<int:pk>/codebook/", views.download_codebook, name="codebook"),
    path(f"{PUBLIC}aggregates.<str:fmt>", views.public_aggregates, name="public_aggregates"),
    path(f"{PUBLIC}dictionary.<str:fmt>", views.public_dictionary, name="public_dictionary"),
    path(f"{PUBLIC}<slug:form_id>/answers.csv", views.public_answers, name="public_answers"),
    path(
        f"{PUBLIC}<slug:form_id>/answers-dictionary.csv",
        views.public_answers_dictionary,
        name="public_answers_dictionary",
    ),
]
