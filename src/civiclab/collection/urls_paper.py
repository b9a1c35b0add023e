from django.urls import path

from civiclab.collection import views_paper as views
from civiclab.collection.urls import CAMPAIGN

urlpatterns = [
    path(f"{CAMPAIGN}paper/", views.entry, name="paper_entry"),
    path(f"{CAMPAIGN}paper/checks/", views.checks, name="paper_checks"),
    path(f"{CAMPAIGN}paper/checks/<int:check_pk>/", views.resolve, name="paper_check"),
]
