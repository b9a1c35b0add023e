from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    name = "civiclab.gallery"
    label = "gallery"
    verbose_name = _("Photos and videos")

    def ready(self):
        from civiclab.gallery import signals  # noqa: F401 — connects the receivers
