from django.urls import path

from civiclab.collection import views_answering as views

urlpatterns = [
    path("a/<str:token>/", views.start, name="answer_start"),
    path("a/<str:token>/d/<str:draft>/", views.page, name="answer_page"),
    path("i/<str:token>/", views.invitation, name="invitation"),
]
