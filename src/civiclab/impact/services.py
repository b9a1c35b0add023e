"""State changes of the impact framework. Each is atomic and audited."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import changed_fields, in_site_language, record, snapshot
from civiclab.experiments.models import Experiment
from civiclab.impact.models import (
    Impact,
    Indicator,
    LibraryIndicator,
    Measurement,
    current_questions,
)
from civiclab.surveys.models import Questionnaire

Action = AuditEvent.Action


def _fields(model) -> list[str]:
    """The fields a person edits, as the audit trail compares them."""
    skip = {"id", "experiment", "position"}
    return [f.name for f in model._meta.concrete_fields if f.name not in skip and f.editable]


def _save(actor, item, siblings) -> None:
    """Validate and save an impact or an indicator, new ones last of `siblings`."""
    is_new = item.pk is None
    fields = _fields(type(item))
    before = {} if is_new else snapshot(type(item).objects.get(pk=item.pk), fields)
    if is_new:
        item.position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    item.full_clean()
    item.save()
    changes = changed_fields(before, snapshot(item, fields))
    if is_new or changes:
        record(actor, Action.CREATED if is_new else Action.CHANGED, item, item.experiment, changes)


@transaction.atomic
@in_site_language
def save_impact(actor, impact: Impact) -> Impact:
    """Create or update an impact sought (its experiment is set)."""
    _save(actor, impact, Impact.objects.filter(experiment_id=impact.experiment_id))
    return impact


@transaction.atomic
@in_site_language
def delete_impact(actor, impact: Impact) -> None:
    if impact.indicators.exists():
        raise ValidationError(
            _("Delete or move this impact's indicators first."), code="has_indicators"
        )
    record(actor, Action.DELETED, impact, impact.experiment)
    impact.delete()


@transaction.atomic
@in_site_language
def save_indicator(actor, indicator: Indicator) -> Indicator:
    """Create or update an indicator; it must pass every rule of `Indicator.clean`."""
    if indicator.pk is not None:
        # Moved to another impact: it goes last there.
        old = Indicator.objects.filter(pk=indicator.pk).values_list("impact_id", flat=True)[0]
        if old != indicator.impact_id:
            last = indicator.impact.indicators.aggregate(last=Max("position"))["last"]
            indicator.position = (last or 0) + 1
    _save(actor, indicator, Indicator.objects.filter(impact_id=indicator.impact_id))
    return indicator


@transaction.atomic
@in_site_language
def delete_indicator(actor, indicator: Indicator) -> None:
    """Delete an indicator and its measurements, unless a ratio is computed from it."""
    used_by = Indicator.objects.filter(Q(numerator=indicator) | Q(denominator=indicator))
    if used_by.exists():
        raise ValidationError(
            _("The ratio “%(ratio)s” is computed from this indicator: change it first.")
            % {"ratio": used_by.first()},
            code="used_by_ratio",
        )
    count = indicator.measurements.count()
    record(
        actor,
        Action.DELETED,
        indicator,
        indicator.experiment,
        {"measurements": [count, 0]} if count else None,
    )
    indicator.delete()


def _move(actor, item, siblings, step: int) -> None:
    ordered = list(siblings.select_for_update().order_by("position", "id"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index + step
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, sibling in enumerate(ordered, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])
    record(actor, Action.CHANGED, item, item.experiment, {"position": [index + 1, target + 1]})


@transaction.atomic
@in_site_language
def move_impact(actor, impact: Impact, step: int) -> None:
    """Move an impact one place up (-1) or down (+1) in its experiment's framework."""
    _move(actor, impact, Impact.objects.filter(experiment_id=impact.experiment_id), step)


@transaction.atomic
@in_site_language
def move_indicator(actor, indicator: Indicator, step: int) -> None:
    """Move an indicator one place up (-1) or down (+1) under its impact."""
    _move(actor, indicator, Indicator.objects.filter(impact_id=indicator.impact_id), step)


@transaction.atomic
@in_site_language
def add_measurement(
    actor,
    indicator: Indicator,
    value: Decimal,
    measured_on: date,
    source: str = "",
    note: str = "",
) -> Measurement:
    """Record a value of a manual indicator; an earlier value is never changed."""
    if not indicator.is_manual:
        raise ValidationError(
            _("Only an indicator with values entered by hand takes measurements."),
            code="not_manual",
        )
    measurement = Measurement(
        indicator=indicator,
        value=value,
        measured_on=measured_on,
        source=source,
        note=note,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    measurement.full_clean()
    measurement.save()
    record(
        actor,
        Action.CREATED,
        measurement,
        indicator.experiment,
        {"value": ["", f"{measurement.value:f}"], "measured_on": ["", str(measured_on)]},
    )
    return measurement


@transaction.atomic
@in_site_language
def delete_measurement(actor, measurement: Measurement) -> None:
    record(actor, Action.DELETED, measurement, measurement.indicator.experiment)
    measurement.delete()


@transaction.atomic
@in_site_language
def create_from_library(
    actor,
    experiment: Experiment,
    library: LibraryIndicator,
    impact: Impact,
    questionnaire: Questionnaire | None = None,
) -> Indicator:
    """Copy a library indicator into `experiment`, under `impact`, computed on the question of
    `questionnaire` that carries the library's question code."""
    indicator = Indicator(
        experiment=experiment,
        impact=impact,
        library_indicator=library,
        name=library.name,
        definition=library.definition,
        unit=library.unit,
        kind=library.kind,
        options=list(library.options),
    )
    if indicator.is_question_based:
        if questionnaire is None:
            raise ValidationError(
                {"questionnaire": _("Choose the questionnaire whose answers are counted.")}
            )
        indicator.questionnaire = questionnaire
        if library.question_code:
            if library.question_code not in current_questions(questionnaire):
                raise ValidationError(
                    {
                        "questionnaire": _(
                            "“%(questionnaire)s” has no question “%(code)s”: insert the "
                            "standard block of the question bank first."
                        )
                        % {"questionnaire": questionnaire, "code": library.question_code}
                    }
                )
            indicator.question_code = library.question_code
        indicator.data_source = str(questionnaire)
    _save(actor, indicator, Indicator.objects.filter(impact_id=impact.pk))
    return indicator
