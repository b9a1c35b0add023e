"""Routes of answer imports, under a campaign's staff prefix."""

from django.urls import path

from civiclab.collection import views_import as views

CAMPAIGN = "experiments/<slug:slug>/campaigns/<int:pk>/"
IMPORT = f"{CAMPAIGN}imports/<int:import_pk>/"

urlpatterns = [
    path(f"{CAMPAIGN}import/", views.import_start, name="import_start"),
    path(f"{IMPORT}columns/", views.import_mapping, name="import_mapping"),
    path(f"{IMPORT}preview/", views.import_preview, name="import_preview"),
    path(IMPORT, views.import_detail, name="import_detail"),
    path(f"{IMPORT}report.csv", views.import_report_csv, name="import_report_csv"),
]
