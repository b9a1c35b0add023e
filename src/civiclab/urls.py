"""URL map of civiclab."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from civiclab.core import views as core_views
from civiclab.experiments import views as experiment_views

admin.site.site_header = _("civiclab administration")
admin.site.site_title = "civiclab"

urlpatterns = [
    path("", experiment_views.home, name="home"),
    # First: respondents' links are the busiest addresses, and Django tries every pattern
    # in order until one matches.
    path("", include("civiclab.collection.urls")),
    path("", include("civiclab.experiments.urls")),
    path("", include("civiclab.planning.urls")),
    path("", include("civiclab.meetings.urls")),
    path("", include("civiclab.portfolio.urls")),
    path("", include("civiclab.surveys.urls")),
    path("", include("civiclab.budget.urls")),
    path("", include("civiclab.documents.urls")),
    path("", include("civiclab.impact.urls")),
    path("", include("civiclab.analysis.urls")),
    path("", include("civiclab.qualitative.urls")),
    path("", include("civiclab.gallery.urls")),
    path("", include("civiclab.opendata.urls")),
    path("", include("civiclab.reports.urls")),
    path("", include("civiclab.public.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz", core_views.healthz, name="healthz"),
]

handler403 = "civiclab.core.views.forbidden"
handler404 = "civiclab.core.views.not_found"
handler500 = "civiclab.core.views.server_error"
