"""Addresses of the results: under each experiment."""

from django.urls import path

from civiclab.analysis import views

app_name = "analysis"

urlpatterns = [
    path("impact/library/<slug:code>/compare/", views.compare, name="compare"),
    path("experiments/<slug:slug>/results/", views.dashboard, name="dashboard"),
    path("experiments/<slug:slug>/results/participants/", views.participants, name="participants"),
    path("experiments/<slug:slug>/results/population/", views.population, name="population"),
    path("experiments/<slug:slug>/results/questions/", views.questions, name="questions"),
    path("experiments/<slug:slug>/results/crosstab/", views.crosstab, name="crosstab"),
]
