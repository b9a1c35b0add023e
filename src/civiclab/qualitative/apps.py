from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualitativeConfig(AppConfig):
    name = "civiclab.qualitative"
    label = "qualitative"
    verbose_name = _("Qualitative analysis")
