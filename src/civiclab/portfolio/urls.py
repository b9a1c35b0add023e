from django.urls import path

from civiclab.portfolio import views

app_name = "portfolio"

urlpatterns = [path("portfolio/", views.index, name="index")]
