"""Staff pages of collection: campaigns (waves), quotas, invitations, respondents."""

from django.urls import path

from civiclab.collection import views_manage as views

# Staff pages of one campaign (the same prefix as collection.urls.CAMPAIGN).
CAMPAIGN = "experiments/<slug:slug>/campaigns/<int:pk>/"
OF_QUESTIONNAIRE = "experiments/<slug:slug>/questionnaires/<int:questionnaire_pk>/campaigns/"
RESPONDENTS = "experiments/<slug:slug>/respondents/"

urlpatterns = [
    path(OF_QUESTIONNAIRE, views.campaign_list, name="campaign_list"),
    path(f"{OF_QUESTIONNAIRE}new/", views.campaign_edit, name="campaign_new"),
    path(CAMPAIGN, views.campaign_detail, name="campaign_detail"),
    path(f"{CAMPAIGN}edit/", views.campaign_edit, name="campaign_edit"),
    path(f"{CAMPAIGN}quotas/", views.campaign_quotas, name="campaign_quotas"),
    path(f"{CAMPAIGN}invitations/", views.campaign_invitations, name="campaign_invitations"),
    path(
        f"{CAMPAIGN}invitations.csv",
        views.campaign_invitations_csv,
        name="campaign_invitations_csv",
    ),
    path(RESPONDENTS, views.respondent_list, name="respondents"),
    path(
        f"{RESPONDENTS}<int:pk>/personal-data/",
        views.respondent_personal_data,
        name="respondent_personal_data",
    ),
    path(f"{RESPONDENTS}<int:pk>/erase/", views.respondent_erase, name="respondent_erase"),
]
