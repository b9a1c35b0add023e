"""Reading the impact framework in a fixed number of queries, whatever its size."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery

from civiclab.experiments.models import Experiment, Hypothesis
from civiclab.impact.models import Impact, Indicator, LibraryIndicator, Measurement


@dataclass
class Branch:
    """A hypothesis of the protocol (or None) and the impacts that test it."""

    hypothesis: Hypothesis | None
    impacts: list[Impact] = field(default_factory=list)


def with_latest_measurement(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """Annotate `latest_value` and `latest_on`: the most recent hand-entered value, a later
    correction of the same day winning over the value it corrects."""
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by(
        "-measured_on", "-recorded_at", "-id"
    )
    return indicators.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_on=Subquery(latest.values("measured_on")[:1]),
    )


def indicators_of(experiment: Experiment) -> QuerySet[Indicator]:
    return with_latest_measurement(
        Indicator.objects.filter(experiment=experiment).select_related(
            "questionnaire", "library_indicator", "responsible", "numerator", "denominator"
        )
    ).order_by("position", "id")


@dataclass
class Framework:
    branches: list[Branch]  # one per hypothesis, in the protocol's order
    unlinked: list[Impact]  # impacts that serve no hypothesis yet
    impact_count: int
    indicator_count: int


def framework_of(experiment: Experiment) -> Framework:
    """Hypotheses → impacts → indicators of `experiment`, in three queries."""
    impacts = list(
        Impact.objects.filter(experiment=experiment)
        .select_related("hypothesis")
        .order_by("position", "id")
    )
    indicators = list(indicators_of(experiment))
    by_impact: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        indicator.experiment = experiment  # their addresses need its slug: no query each
        by_impact.setdefault(indicator.impact_id, []).append(indicator)
    for impact in impacts:
        impact.experiment = experiment
        impact.indicator_list = by_impact.get(impact.pk, [])
    linked = {i.hypothesis_id for i in impacts if i.hypothesis_id}
    branches = []
    for hypothesis in Hypothesis.objects.filter(experiment=experiment).order_by("position", "id"):
        # A retired hypothesis stays in view only while impacts still point to it.
        if hypothesis.is_retired and hypothesis.pk not in linked:
            continue
        branch = Branch(hypothesis, [i for i in impacts if i.hypothesis_id == hypothesis.pk])
        branches.append(branch)
    unlinked = [i for i in impacts if i.hypothesis_id is None]
    return Framework(branches, unlinked, len(impacts), len(indicators))


def library_by_category() -> list[tuple[str, list[LibraryIndicator]]]:
    """The lab's library, grouped by category in the order of the categories."""
    groups: dict[str, list[LibraryIndicator]] = {}
    for item in LibraryIndicator.objects.all():
        groups.setdefault(item.category, []).append(item)
    labels = dict(LibraryIndicator.Category.choices)
    return [(labels[c], groups[c]) for c in LibraryIndicator.Category.values if c in groups]
