"""URLs of data collection: each channel keeps its own module of routes."""

app_name = "collection"
# Staff pages of one campaign live under this prefix (defined before the imports below, which
# read it).
CAMPAIGN = "experiments/<slug:slug>/campaigns/<int:pk>/"

from civiclab.collection import (  # noqa: E402
    urls_answering,
    urls_import,
    urls_manage,
    urls_paper,
    urls_tablet,
)

urlpatterns = [
    *urls_answering.urlpatterns,
    *urls_manage.urlpatterns,
    *urls_tablet.urlpatterns,
    *urls_paper.urlpatterns,
    *urls_import.urlpatterns,
]
