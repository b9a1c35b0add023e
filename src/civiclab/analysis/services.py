"""Changes to what the analysis compares answers with, each atomic and journaled."""

from django.db import transaction

from civiclab.analysis.cache import results_outdated
from civiclab.analysis.models import PopulationMargin, ReferencePopulation
from civiclab.audit.models import AuditEvent
from civiclab.audit.services import record
from civiclab.experiments.models import Experiment


def save_population(actor, population: ReferencePopulation, margins: dict, experiment) -> None:
    """Store `population` with exactly `margins` ({variable: {category: people}})."""
    created = population.pk is None
    with transaction.atomic():
        before = {} if created else _margins(population)
        population.save()
        population.margins.all().delete()
        PopulationMargin.objects.bulk_create(
            PopulationMargin(population=population, variable=v, category=c, count=n)
            for v, categories in margins.items()
            for c, n in categories.items()
        )
        action = AuditEvent.Action.CREATED if created else AuditEvent.Action.CHANGED
        record(actor, action, population, experiment, {"margins": [before, margins]})
        # Every experiment of the territory compares and weights with these figures.
        for experiment_id in Experiment.objects.filter(
            territory_id=population.territory_id
        ).values_list("pk", flat=True):
            results_outdated(experiment_id)


def _margins(population: ReferencePopulation) -> dict:
    found: dict = {}
    for v, c, n in population.margins.values_list("variable", "category", "count"):
        found.setdefault(v, {})[c] = n
    return found
