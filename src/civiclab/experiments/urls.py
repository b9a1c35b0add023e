from django.urls import path

from civiclab.experiments import views

app_name = "experiments"

urlpatterns = [
    path("experiments/", views.experiment_list, name="list"),
    path("experiments/new/", views.experiment_create, name="create"),
    path("experiments/<slug:slug>/", views.experiment_detail, name="detail"),
    path("experiments/<slug:slug>/edit/", views.experiment_edit, name="edit"),
    path("experiments/<slug:slug>/status/", views.experiment_status, name="status"),
    path("experiments/<slug:slug>/team/", views.team, name="team"),
    path(
        "experiments/<slug:slug>/team/<int:membership_id>/remove/",
        views.team_remove,
        name="team_remove",
    ),
    path("experiments/<slug:slug>/journal/", views.audit, name="audit"),
    path("experiments/<slug:slug>/protocol/", views.protocol, name="protocol"),
    path(
        "experiments/<slug:slug>/protocol/history/",
        views.protocol_history,
        name="protocol_history",
    ),
    path("experiments/<slug:slug>/protocol/diff/", views.protocol_diff, name="protocol_diff"),
    path(
        "experiments/<slug:slug>/protocol/v<int:number>/",
        views.protocol,
        name="protocol_version",
    ),
    path(
        "experiments/<slug:slug>/protocol/v<int:number>/validate/",
        views.protocol_validate,
        name="protocol_validate",
    ),
    path(
        "experiments/<slug:slug>/protocol/hypotheses/edit/",
        views.protocol_hypotheses_edit,
        name="protocol_hypotheses_edit",
    ),
    path(
        "experiments/<slug:slug>/protocol/<str:section>/edit/",
        views.protocol_section_edit,
        name="protocol_section_edit",
    ),
]
