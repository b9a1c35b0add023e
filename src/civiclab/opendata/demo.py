"""The demo lab's open data: the Lille neighbourhood councils publish their aggregate results
and anonymised answers, the other public experiments their aggregates only."""

from civiclab.experiments.models import Experiment
from civiclab.opendata.models import OpenDataSettings

PUBLISHED = {
    "conseils-de-quartier-lille": {"publish_aggregates": True, "publish_answers": True},
    "engagement-citoyen-hauts-de-france": {"publish_aggregates": True},
    "participation-espace-public-oignies": {"publish_aggregates": True, "min_cell": 10},
}


def build_demo_opendata() -> None:
    """Create the demo's publication settings where they are missing (files are written on
    the first request, in the background)."""
    for experiment in Experiment.objects.filter(slug__in=PUBLISHED):
        OpenDataSettings.objects.get_or_create(
            experiment=experiment, defaults=PUBLISHED[experiment.slug]
        )
