from django.urls import path

from civiclab.surveys import views

app_name = "surveys"
BASE = "experiments/<slug:slug>/questionnaires/"

urlpatterns = [
    path(BASE, views.questionnaire_list, name="list"),
    path(f"{BASE}import/", views.questionnaire_import, name="import"),
    path(f"{BASE}<int:pk>/", views.questionnaire_detail, name="detail"),
    path(f"{BASE}<int:pk>/xlsform.xlsx", views.questionnaire_export, name="export"),
]
