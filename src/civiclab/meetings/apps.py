from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "civiclab.meetings"
    label = "meetings"
    verbose_name = _("Meetings")
