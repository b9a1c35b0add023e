from django.urls import path

from civiclab.portfolio import views

app_name = "portfolio"

urlpatterns = [
    path("portfolio/", views.index, name="index"),
    path("experiments/<slug:slug>/progress/", views.progress_report, name="progress"),
    path(
        "experiments/<slug:slug>/progress.pdf",
        views.progress_report,
        {"fmt": "pdf"},
        name="progress_pdf",
    ),
]
