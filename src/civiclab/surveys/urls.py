from django.urls import path

from civiclab.surveys import builder_views as builder
from civiclab.surveys import views

app_name = "surveys"
BASE = "experiments/<slug:slug>/questionnaires/"
ONE = f"{BASE}<int:pk>/"

urlpatterns = [
    path(BASE, views.questionnaire_list, name="list"),
    path(f"{BASE}import/", views.questionnaire_import, name="import"),
    path(f"{BASE}new/", builder.questionnaire_new, name="new"),
    path(ONE, views.questionnaire_detail, name="detail"),
    path(f"{ONE}xlsform.xlsx", views.questionnaire_export, name="export"),
    # building (edit_questionnaires)
    path(f"{ONE}build/", builder.builder, name="build"),
    path(f"{ONE}build/question/new/", builder.question_edit, name="question_new"),
    path(f"{ONE}build/question/<int:question_pk>/", builder.question_edit, name="question_edit"),
    path(
        f"{ONE}build/question/<int:question_pk>/move/", builder.question_move, name="question_move"
    ),
    path(
        f"{ONE}build/question/<int:question_pk>/<str:action>/",
        builder.question_action,
        name="question_action",
    ),
    path(f"{ONE}build/section/new/", builder.section_edit, name="section_new"),
    path(f"{ONE}build/section/<int:section_pk>/", builder.section_edit, name="section_edit"),
    path(f"{ONE}build/section/<int:section_pk>/move/", builder.section_move, name="section_move"),
    path(
        f"{ONE}build/section/<int:section_pk>/<str:action>/",
        builder.section_action,
        name="section_action",
    ),
    path(f"{ONE}build/matrix/new/", builder.matrix_edit, name="matrix_new"),
    path(f"{ONE}build/matrix/<int:section_pk>/", builder.matrix_edit, name="matrix_edit"),
    path(f"{ONE}build/bank/", builder.bank_insert, name="bank_insert"),
    path(f"{ONE}build/lists/", builder.choice_lists, name="lists"),
    path(f"{ONE}build/lists/new/", builder.choice_list_edit, name="list_new"),
    path(f"{ONE}build/lists/<int:list_pk>/", builder.choice_list_edit, name="list_edit"),
    # reading and co-construction (view_questionnaires, then the right of each action)
    path(f"{ONE}preview/", builder.preview, name="preview"),
    path(f"{ONE}comments/", builder.comments, name="comments"),
    path(
        f"{ONE}comments/<int:thread_pk>/<str:action>/",
        builder.thread_action,
        name="thread_action",
    ),
    path(f"{ONE}status/<str:action>/", builder.status_change, name="status"),
    path(f"{ONE}versions/", builder.versions, name="versions"),
]
