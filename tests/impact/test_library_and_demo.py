"""The library seeded by migration agrees with the question bank; the demo frameworks use
the real codes of the demo questionnaires and building them twice adds nothing."""

import pytest
from django.core.management import call_command

from civiclab.experiments.models import Experiment
from civiclab.impact.demo import build_demo_framework
from civiclab.impact.models import Impact, Indicator, Kind, LibraryIndicator, Measurement
from civiclab.surveys import bank


def _bank_question(code):
    for block in bank.BLOCKS.values():
        for question in block.questions:
            if question.code == code:
                return question
    return None


def test_library_is_seeded_on_the_bank_codes_and_values(db):
    items = list(LibraryIndicator.objects.all())
    categories = {item.category for item in items}
    assert {"participation", "diversity", "deliberative_quality"} <= categories
    for item in items:
        if not item.question_code:
            continue
        question = _bank_question(item.question_code)
        assert question is not None, item.code
        values = {row.value for row in bank.CHOICE_LISTS[question.choice_list]}
        assert set(item.options) <= values, item.code


def test_every_oecd_item_has_its_indicator(db):
    codes = set(
        LibraryIndicator.objects.filter(category="deliberative_quality").values_list(
            "question_code", flat=True
        )
    )
    assert codes == {code for code, _fr, _en in bank.EVALUATION_ITEMS}
    item = LibraryIndicator.objects.get(question_code="eval_influence")
    assert item.options == ["4", "5"] and item.kind == Kind.SHARE


def test_diversity_indicators_count_the_right_answers(db):
    options = dict(LibraryIndicator.objects.values_list("code", "options"))
    assert options["femmes"] == ["femme"]
    assert options["habitants-qpv"] == ["oui"]
    assert options["employes-ouvriers"] == ["5", "6"]
    assert options["sans-bac"] == ["aucun_cep", "brevet", "cap_bep"]


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", "--quiet")


def _counts():
    return [m.objects.count() for m in (Impact, Indicator, Measurement)]


def test_demo_frameworks(demo):
    for experiment in Experiment.objects.all():
        impacts = experiment.impacts.all()
        indicators = experiment.indicators.all()
        assert 2 <= impacts.count() <= 4, experiment.slug
        for indicator in indicators:
            indicator.full_clean()  # every code is a real one of the demo questionnaire
        if experiment.questionnaires.exists():
            assert 4 <= indicators.count() <= 7, experiment.slug
            assert impacts.filter(hypothesis__isnull=False).count() >= 2
            assert indicators.filter(library_indicator__isnull=False).exists()
            manual = [i for i in indicators.filter(kind=Kind.MANUAL) if i.measurements.exists()]
            assert [i.measurements.count() for i in manual] == [3]
            assert any("tranche_age" in i.breakdowns for i in indicators)
    thin = Indicator.objects.get(
        experiment__slug="participation-espace-public-oignies", subgroup_code="tranche_age"
    )
    assert thin.subgroup_options == ["15_24"]


def test_demo_framework_is_idempotent(demo):
    first = _counts()
    for experiment in Experiment.objects.all():
        build_demo_framework(experiment, None)
    call_command("demo", "--quiet")
    assert _counts() == first
