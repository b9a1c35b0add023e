"""Addresses of the gallery: the team's pages under each experiment (the public site serves
its own renditions, see `civiclab.public.urls`)."""

from django.urls import path, register_converter

from civiclab.gallery import views
from civiclab.gallery.renditions import SIZES

app_name = "gallery"


class RenditionSize:
    regex = "|".join(SIZES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RenditionSize, "rendition")

BASE = "experiments/<slug:slug>/gallery/"

urlpatterns = [
    path(BASE, views.index, name="index"),
    path(f"{BASE}upload/", views.upload, name="upload"),
    path(f"{BASE}<int:pk>/", views.detail, name="detail"),
    path(f"{BASE}<int:pk>/edit/", views.edit, name="edit"),
    path(f"{BASE}<int:pk>/delete/", views.delete, name="delete"),
    path(f"{BASE}<int:pk>/move/", views.move, name="move"),
    path(f"{BASE}<int:pk>/original/", views.original, name="original"),
    path(f"{BASE}<int:pk>/<rendition:size>.jpg", views.thumbnail, name="thumbnail"),
    path(f"{BASE}<int:pk>/captions.vtt", views.captions, name="captions"),
]
