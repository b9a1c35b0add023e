"""Addresses of the qualitative analysis, under each experiment."""

from django.urls import path

from civiclab.qualitative import views, views_analysis, views_exchange, views_themes

app_name = "qualitative"

BASE = "experiments/<slug:slug>/qualitative/"
SOURCE = f"{BASE}sources/<int:pk>/"
CODE = f"{BASE}codebook/<int:pk>/"

urlpatterns = [
    path(BASE, views.index, name="index"),
    path(f"{BASE}sources/new/", views.source_new, name="source_new"),
    path(f"{BASE}sources/open-answers/", views.open_answers_new, name="open_answers_new"),
    path(SOURCE, views.source, name="source"),
    path(f"{SOURCE}edit/", views.source_edit, name="source_edit"),
    path(f"{SOURCE}delete/", views.source_delete, name="source_delete"),
    path(f"{SOURCE}code/", views.coding_add, name="coding_add"),
    path(f"{SOURCE}code-answers/", views.code_answers, name="code_answers"),
    path(f"{SOURCE}quote/", views.verbatim_new, name="verbatim_new"),
    path(f"{BASE}codings/<int:pk>/delete/", views.coding_delete, name="coding_delete"),
    path(f"{BASE}codings/<int:pk>/memo/", views.coding_memo, name="coding_memo"),
    path(f"{BASE}codebook/", views.codebook, name="codebook"),
    path(f"{BASE}codebook/new/", views.code_edit, name="code_new"),
    path(CODE, views.code_edit, name="code_edit"),
    path(f"{CODE}delete/", views.code_delete, name="code_delete"),
    path(f"{CODE}merge/", views.code_merge, name="code_merge"),
    path(f"{CODE}memo/", views.code_memo, name="code_memo"),
    path(f"{BASE}verbatims/", views.verbatims, name="verbatims"),
    path(f"{BASE}verbatims/<int:pk>/", views.verbatim_edit, name="verbatim_edit"),
    path(f"{BASE}verbatims/<int:pk>/delete/", views.verbatim_delete, name="verbatim_delete"),
    path(f"{BASE}passages/", views_analysis.passages, name="passages"),
    path(f"{BASE}analysis/", views_analysis.analysis_page, name="analysis"),
    path(f"{BASE}agreement/", views_analysis.agreement, name="agreement"),
    path(f"{BASE}codebook/import/", views_exchange.codebook_import, name="codebook_import"),
    path(
        f"{BASE}codebook/export.<str:fmt>", views_exchange.codebook_export, name="codebook_export"
    ),
    path(f"{BASE}passages.<str:fmt>", views_exchange.passages_export, name="passages_export"),
    path(f"{BASE}project.qdpx", views_exchange.project_export, name="project_export"),
    path(f"{SOURCE}themes/", views_themes.themes_page, name="themes"),
    path(f"{BASE}themes/<int:pk>/<str:action>/", views_themes.decide, name="theme_decide"),
]
