"""Changes to the framework go through services: atomic, validated, written to the journal."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from civiclab.audit.models import AuditEvent
from civiclab.impact import services
from civiclab.impact.models import Impact, Indicator, Kind, LibraryIndicator, Measurement
from civiclab.impact.selectors import framework_of


def events(action, model):
    return AuditEvent.objects.filter(action=action, object_type=f"impact.{model}")


def test_saving_an_impact_is_journalled(experiment_a, hypothesis_a, analyst_a):
    impact = services.save_impact(
        analyst_a, Impact(experiment=experiment_a, hypothesis=hypothesis_a, title="Plus divers")
    )
    created = events("created", "impact").get()
    assert created.actor == analyst_a and created.experiment == experiment_a
    impact.title = "Des conseils plus divers"
    services.save_impact(analyst_a, impact)
    changed = events("changed", "impact").get()
    assert changed.changes["title"] == ["Plus divers", "Des conseils plus divers"]


def test_new_items_go_last(experiment_a, analyst_a):
    first = services.save_impact(analyst_a, Impact(experiment=experiment_a, title="Un"))
    second = services.save_impact(analyst_a, Impact(experiment=experiment_a, title="Deux"))
    assert second.position > first.position


def test_an_invalid_indicator_is_not_saved(experiment_a, impact_a, questionnaire_a, analyst_a):
    item = Indicator(
        experiment=experiment_a,
        impact=impact_a,
        name="Part",
        kind=Kind.SHARE,
        questionnaire=questionnaire_a,
        question_code="seances",
        options=["1"],
    )
    with pytest.raises(ValidationError):
        services.save_indicator(analyst_a, item)
    assert not Indicator.objects.exists()
    assert not AuditEvent.objects.filter(object_type__startswith="impact.").exists()


def test_an_impact_with_indicators_is_not_deleted(share_a, analyst_a):
    with pytest.raises(ValidationError):
        services.delete_impact(analyst_a, share_a.impact)
    services.delete_indicator(analyst_a, share_a)
    services.delete_impact(analyst_a, share_a.impact)
    assert not Impact.objects.exists()
    assert events("deleted", "impact").count() == 1
    assert events("deleted", "indicator").count() == 1


def test_an_indicator_used_by_a_ratio_is_not_deleted(experiment_a, share_a, manual_a, analyst_a):
    ratio = Indicator(
        experiment=experiment_a,
        impact=share_a.impact,
        name="Ratio",
        kind=Kind.RATIO,
        numerator=share_a,
        denominator=manual_a,
    )
    services.save_indicator(analyst_a, ratio)
    with pytest.raises(ValidationError):
        services.delete_indicator(analyst_a, manual_a)
    assert Indicator.objects.filter(pk=manual_a.pk).exists()


def test_measurements_keep_their_history(manual_a, analyst_a):
    """A correction is a new measurement; the latest date wins, then the latest recording."""
    services.add_measurement(analyst_a, manual_a, Decimal("40"), date(2026, 3, 1), "Émargement")
    wrong = services.add_measurement(analyst_a, manual_a, Decimal("55"), date(2026, 5, 1))
    fixed = services.add_measurement(
        analyst_a, manual_a, Decimal("57"), date(2026, 5, 1), note="Correction"
    )
    Measurement.objects.filter(pk=wrong.pk).update(recorded_at=timezone.now() - timedelta(hours=1))
    assert list(manual_a.measurements.values_list("value", flat=True)) == [40, 55, 57]
    framework = framework_of(manual_a.experiment)
    row = framework.branches[0].impacts[0].indicator_list[-1]
    assert row.latest_value == Decimal("57") and row.latest_on == date(2026, 5, 1)
    assert events("created", "measurement").count() == 3
    assert fixed.recorded_by == analyst_a
    services.delete_measurement(analyst_a, fixed)
    assert events("deleted", "measurement").count() == 1


def test_only_manual_indicators_take_measurements(share_a, analyst_a):
    with pytest.raises(ValidationError):
        services.add_measurement(analyst_a, share_a, Decimal("1"), date(2026, 1, 1))
    assert not Measurement.objects.exists()


def test_moving_an_indicator(share_a, manual_a, analyst_a):
    services.move_indicator(analyst_a, manual_a, -1)
    assert list(share_a.impact.indicators.order_by("position")) == [manual_a, share_a]
    assert events("changed", "indicator").get().changes == {"position": [2, 1]}
    services.move_indicator(analyst_a, manual_a, -1)  # already first: nothing happens
    assert events("changed", "indicator").count() == 1


def test_create_from_library_links_the_bank_question(
    experiment_a, impact_a, questionnaire_a, analyst_a
):
    library = LibraryIndicator.objects.get(code="habitants-qpv")
    indicator = services.create_from_library(
        analyst_a, experiment_a, library, impact_a, questionnaire_a
    )
    assert indicator.library_indicator == library
    assert (indicator.questionnaire, indicator.question_code) == (questionnaire_a, "qpv")
    assert indicator.options == ["oui"] and indicator.name == library.name
    assert indicator.question().type == "single_choice"
    assert events("created", "indicator").count() == 1


def test_create_from_library_refuses_a_questionnaire_without_the_code(
    experiment_a, impact_a, questionnaire_a, analyst_a
):
    library = LibraryIndicator.objects.get(code="eval-parole")
    with pytest.raises(ValidationError) as problem:
        services.create_from_library(analyst_a, experiment_a, library, impact_a, questionnaire_a)
    assert "eval_parole" in str(problem.value)
    assert not Indicator.objects.exists()


def test_a_manual_library_indicator_needs_no_questionnaire(experiment_a, impact_a, analyst_a):
    library = LibraryIndicator.objects.get(code="presence-evenements")
    indicator = services.create_from_library(analyst_a, experiment_a, library, impact_a)
    assert indicator.kind == Kind.MANUAL and indicator.questionnaire is None
