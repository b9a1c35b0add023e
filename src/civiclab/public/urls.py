"""Addresses of the public site (under /public/, no login) and of each experiment's
Publication tab for its team."""

from django.urls import path

from civiclab.gallery.urls import RenditionSize  # noqa: F401 (registers <rendition:>)
from civiclab.public import views, views_manage

app_name = "public"

PUBLIC = "public/<slug:slug>/"
MANAGE = "experiments/<slug:slug>/publication/"

urlpatterns = [
    path("public/", views.catalogue, name="catalogue"),
    # Before the experiment pages: these words are not experiment addresses.
    path("public/news/", views.news_list, name="news_list"),
    path("public/feed.atom", views.feed, name="feed"),
    path(PUBLIC, views.experiment, name="experiment"),
    path(f"{PUBLIC}kit.zip", views.kit, name="kit"),
    path(f"{PUBLIC}report.pdf", views.report, name="report"),
    path(f"{PUBLIC}documents/<int:pk>/", views.document, name="document"),
    path(f"{PUBLIC}media/<int:pk>/<rendition:size>.jpg", views.picture, name="picture"),
    path(f"{PUBLIC}media/<int:pk>/video", views.video, name="video"),
    path(f"{PUBLIC}media/<int:pk>/captions.vtt", views.captions, name="captions"),
    path(f"{PUBLIC}feed.atom", views.experiment_feed, name="experiment_feed"),
    path(f"{PUBLIC}news/<slug:post_slug>/", views.news, name="news"),
    path(MANAGE, views_manage.manage, name="manage"),
    path(f"{MANAGE}preview/", views_manage.preview, name="preview"),
    path(f"{MANAGE}news/new/", views_manage.news_create, name="news_create"),
    path(f"{MANAGE}news/<int:pk>/", views_manage.news_edit, name="news_edit"),
    path(f"{MANAGE}news/<int:pk>/delete/", views_manage.news_delete, name="news_delete"),
    path(f"{MANAGE}news/<int:pk>/preview/", views_manage.news_preview, name="news_preview"),
]
