from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "civiclab.analysis"
    label = "analysis"
    verbose_name = _("Analysis")

    def ready(self):
        from civiclab.analysis import receivers  # noqa: F401  (connects the signal receivers)
