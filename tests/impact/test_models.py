"""The rules an indicator must follow, checked by `Indicator.clean` (forms and services)."""

import pytest
from django.core.exceptions import ValidationError

from civiclab.experiments.models import Hypothesis
from civiclab.impact.models import Impact, Indicator, Kind


def indicator(experiment, impact, **fields):
    return Indicator(experiment=experiment, impact=impact, name="Indicateur", **fields)


def errors_of(item) -> dict:
    with pytest.raises(ValidationError) as problem:
        item.full_clean()
    return problem.value.message_dict


def test_a_valid_share_passes(share_a):
    share_a.breakdowns = ["tranche_age", "qpv"]
    share_a.full_clean()


def test_a_question_based_kind_needs_a_questionnaire(experiment_a, impact_a):
    item = indicator(experiment_a, impact_a, kind=Kind.MEAN, question_code="seances")
    assert "questionnaire" in errors_of(item)


def test_the_questionnaire_must_belong_to_the_experiment(experiment_a, impact_a, questionnaire_b):
    """A questionnaire of experiment B cannot feed an indicator of A."""
    item = indicator(
        experiment_a,
        impact_a,
        kind=Kind.SHARE,
        questionnaire=questionnaire_b,
        question_code="sexe",
        options=["femme"],
    )
    assert "questionnaire" in errors_of(item)


def test_the_question_must_exist_in_the_current_version(experiment_a, impact_a, questionnaire_a):
    """`ancienne` only exists in version 1: the current version (2) does not have it."""
    item = indicator(
        experiment_a,
        impact_a,
        kind=Kind.SHARE,
        questionnaire=questionnaire_a,
        question_code="ancienne",
        options=["femme"],
    )
    assert "question_code" in errors_of(item)


@pytest.mark.parametrize(
    ("kind", "code", "ok"),
    [
        (Kind.SHARE, "sexe", True),
        (Kind.SHARE, "influence", True),
        (Kind.SHARE, "canal", True),
        (Kind.SHARE, "seances", False),
        (Kind.SHARE, "avis", False),
        (Kind.MEAN, "seances", True),
        (Kind.MEAN, "influence", True),
        (Kind.MEAN, "sexe", False),
        (Kind.MEDIAN, "seances", True),
        (Kind.MEDIAN, "avis", False),
        (Kind.COUNT, "avis", True),
        (Kind.COUNT, "", True),
    ],
)
def test_question_types_compatible_with_each_kind(
    experiment_a, impact_a, questionnaire_a, kind, code, ok
):
    options = {"sexe": ["femme"], "influence": ["3", "4"], "canal": ["sms"]}
    item = indicator(
        experiment_a,
        impact_a,
        kind=kind,
        questionnaire=questionnaire_a,
        question_code=code,
        options=options.get(code, []) if kind == Kind.SHARE else [],
    )
    if ok:
        item.full_clean()
    else:
        assert "question_code" in errors_of(item)


def test_a_mean_needs_its_question(experiment_a, impact_a, questionnaire_a):
    item = indicator(experiment_a, impact_a, kind=Kind.MEAN, questionnaire=questionnaire_a)
    assert "question_code" in errors_of(item)


def test_a_share_needs_at_least_one_existing_option(share_a):
    share_a.options = []
    assert "options" in errors_of(share_a)
    share_a.options = ["femme", "autre"]
    assert "autre" in " ".join(errors_of(share_a)["options"])


def test_only_a_share_has_options(share_a):
    share_a.kind, share_a.question_code = Kind.MEAN, "seances"
    assert "options" in errors_of(share_a)


def test_breakdowns_are_choice_questions_of_the_questionnaire(share_a):
    for wrong in (["avis"], ["seances"], ["inconnue"]):
        share_a.breakdowns = wrong
        assert "breakdowns" in errors_of(share_a), wrong


def test_a_subgroup_is_answers_of_a_choice_question(share_a):
    share_a.subgroup_code, share_a.subgroup_options = "tranche_age", ["15_24"]
    share_a.full_clean()
    share_a.subgroup_options = ["12_14"]
    assert "subgroup_options" in errors_of(share_a)
    share_a.subgroup_code, share_a.subgroup_options = "avis", ["x"]
    assert "subgroup_code" in errors_of(share_a)


def test_a_manual_indicator_has_no_questionnaire(manual_a, questionnaire_a):
    manual_a.full_clean()
    manual_a.questionnaire = questionnaire_a
    assert "questionnaire" in errors_of(manual_a)


def test_a_ratio_needs_two_other_indicators_of_the_experiment(
    experiment_a, impact_a, share_a, manual_a, indicator_b
):
    item = indicator(experiment_a, impact_a, kind=Kind.RATIO)
    assert "numerator" in errors_of(item)
    item.numerator, item.denominator = share_a, share_a
    assert "denominator" in errors_of(item)
    item.denominator = indicator_b
    assert "denominator" in errors_of(item)
    item.denominator = manual_a
    item.full_clean()


def test_a_ratio_cannot_close_a_cycle(experiment_a, impact_a, share_a, manual_a):
    """R1 = share / manual; turning `manual` into a ratio of R1 would loop."""
    r1 = indicator(experiment_a, impact_a, kind=Kind.RATIO, numerator=share_a, denominator=manual_a)
    r1.save()
    manual_a.kind, manual_a.numerator, manual_a.denominator = Kind.RATIO, r1, share_a
    assert "numerator" in errors_of(manual_a)


def test_only_a_ratio_has_numerator_and_denominator(share_a, manual_a):
    share_a.numerator = manual_a
    assert "numerator" in errors_of(share_a)


def test_the_impact_must_belong_to_the_experiment(experiment_a, indicator_b, questionnaire_a):
    item = indicator(experiment_a, indicator_b.impact, kind=Kind.MANUAL)
    assert "impact" in errors_of(item)


def test_an_impact_serves_a_hypothesis_of_its_own_experiment(experiment_a, experiment_b):
    other = Hypothesis.objects.create(experiment=experiment_b, text="Autre", position=1)
    impact = Impact(experiment=experiment_a, hypothesis=other, title="Impact")
    with pytest.raises(ValidationError) as problem:
        impact.full_clean()
    assert "hypothesis" in problem.value.message_dict
    impact.hypothesis = None  # an impact may serve no hypothesis yet
    impact.full_clean()


def test_deleting_the_experiment_takes_its_framework_along(experiment_a, impact_a, manual_a):
    """Indicators protect their impact, and ratios their terms, but not from the deletion of
    the whole experiment."""
    other = Indicator.objects.create(
        experiment=experiment_a, impact=impact_a, name="Autre", kind=Kind.MANUAL
    )
    Indicator.objects.create(
        experiment=experiment_a,
        impact=impact_a,
        name="Ratio",
        kind=Kind.RATIO,
        numerator=manual_a,
        denominator=other,
    )
    experiment_a.delete()
    assert not Indicator.objects.exists() and not Impact.objects.exists()
