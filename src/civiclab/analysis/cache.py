"""Results computed once per state of an experiment's answers, then read from the database.

A state is the stamp "count.highest id.revision": a new answer changes the first two; a
correction or a deletion of an answer, or a change of what is computed (an indicator, a
value entered by hand, the population figures), bumps the revision. A page never
recomputes a stale result itself: it shows what is cached and asks a background task for
the rest."""

from collections.abc import Callable

from django.db.models import Count, F, Max

from civiclab.analysis.models import AnswersRevision, CachedResult
from civiclab.collection.models import Response


def results_outdated(experiment_id: int) -> None:
    """Mark every cached result of the experiment as stale. Only an UPDATE: the revision row
    is created with the experiment, so an experiment being deleted is never written again."""
    AnswersRevision.objects.filter(experiment_id=experiment_id).update(revision=F("revision") + 1)


# Raised whenever what a result holds changes: results cached by an older civiclab are then
# recomputed after an upgrade instead of being shown without their new parts.
COMPUTATION = 2


def stamp(experiment_id: int) -> str:
    totals = Response.objects.filter(
        campaign__questionnaire__experiment_id=experiment_id
    ).aggregate(n=Count("pk"), last=Max("pk"))
    revision = (
        AnswersRevision.objects.filter(experiment_id=experiment_id)
        .values_list("revision", flat=True)
        .first()
    )
    return f"{totals['n']}.{totals['last'] or 0}.{revision or 0}.v{COMPUTATION}"


def cached(experiment_id: int, key: str) -> tuple[dict | None, bool]:
    """(data, fresh): the last result stored under `key`, and whether answers changed since."""
    row = CachedResult.objects.filter(experiment_id=experiment_id, key=key).first()
    if row is None:
        return None, False
    return row.data, row.stamp == stamp(experiment_id)


def compute(experiment_id: int, key: str, build: Callable[[], dict]) -> dict:
    """Build the result for the answers as they are now, store it under `key` and return it."""
    current = stamp(experiment_id)
    data = build()
    CachedResult.objects.update_or_create(
        experiment_id=experiment_id, key=key, defaults={"stamp": current, "data": data}
    )
    return data
