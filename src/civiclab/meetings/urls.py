from django.urls import path

from civiclab.meetings import views

app_name = "meetings"

urlpatterns = [
    path("experiments/<slug:slug>/meetings/", views.experiment_meetings, name="experiment"),
    path("experiments/<slug:slug>/meetings/new/", views.meeting_new, name="new"),
    path("lab/meetings/", views.lab_meetings, name="lab"),
    path("lab/meetings/new/", views.meeting_new, name="lab_new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("meetings/<int:pk>/status/", views.meeting_status, name="status"),
    path("meetings/<int:pk>/sections/", views.section_add, name="section_add"),
    path("meetings/<int:pk>/sections/<int:section_id>/items/", views.item_add, name="item_add"),
    path("meetings/<int:pk>/items/<int:item_id>/minutes/", views.item_minutes, name="item_minutes"),
    path(
        "meetings/<int:pk>/items/<int:item_id>/outcomes/",
        views.outcome_add,
        name="item_outcome_add",
    ),
    *[
        path(
            f"meetings/<int:pk>/items/<int:item_id>/{action}/",
            views.item_change,
            {"action": action},
            name=f"item_{action}",
        )
        for action in ("edit", "up", "down", "delete")
    ],
    path(
        "meetings/<int:pk>/items/<int:item_id>/documents/",
        views.item_document,
        name="item_document",
    ),
    path("meetings/<int:pk>/outcomes/", views.outcome_add, name="outcome_add"),
    path(
        "meetings/<int:pk>/outcomes/<int:outcome_id>/status/",
        views.outcome_status,
        name="outcome_status",
    ),
    path("meetings/<int:pk>/attendance/", views.attendance_add, name="attendance_add"),
    path(
        "meetings/<int:pk>/attendance/<int:attendance_id>/",
        views.attendance_set,
        name="attendance_set",
    ),
    path("meetings/<int:pk>/invitation.ics", views.invite_ics, name="invite_ics"),
    path(
        "meetings/<int:pk>/minutes.docx", views.minutes_export, {"fmt": "docx"}, name="minutes_docx"
    ),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_export, {"fmt": "pdf"}, name="minutes_pdf"),
]
