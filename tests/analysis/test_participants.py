"""Participants against the territory's population, and results weighted to it (hand-computed
values: 2 respondents from the centre and 1 from Wazemmes, a population split 50/50)."""

import pytest
from django.urls import reverse

from civiclab.analysis.dashboard import dashboard_data
from civiclab.analysis.models import PopulationMargin, ReferencePopulation
from civiclab.analysis.participants import participants_data
from civiclab.impact.models import Indicator, Kind
from tests.analysis.test_dashboard import IMMEDIATE, answered, impact  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tasks_inline(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def population(experiment_a):
    population = ReferencePopulation.objects.create(
        territory=experiment_a.territory, label="Lille 15 ans ou plus", source="Test", year=2022
    )
    for category in ("centre", "wazemmes"):
        PopulationMargin.objects.create(
            population=population, variable="quartier", category=category, count=1000
        )
    return population


def after_wave(data):
    (questionnaire,) = data["questionnaires"]
    return next(w for w in questionnaire["waves"] if w["wave"] == "after")


def test_profile_ratios_and_dissimilarity(answered, population, experiment_a):  # noqa: F811
    wave = after_wave(participants_data(experiment_a))
    (quarter,) = wave["variables"]
    rows = {c["key"]: c for c in quarter["categories"]}
    # Centre: 2 of 3 = 0.667 against 0.5 -> ratio 1.333; Wazemmes: 1/3 against 0.5 -> 0.667.
    assert rows["centre"]["share"] == pytest.approx(2 / 3)
    assert rows["centre"]["ratio"] == pytest.approx(4 / 3)
    assert rows["wazemmes"]["ratio"] == pytest.approx(2 / 3)
    # D = ½(|2/3 − 1/2| + |1/3 − 1/2|) = 1/6; once weighted the profiles match: 0.
    assert quarter["dissimilarity"] == pytest.approx(1 / 6)
    assert quarter["weighted_dissimilarity"] == pytest.approx(0, abs=1e-6)
    # Weights 0.75, 0.75, 1.5: efficiency (Σw)² / (n·Σw²) = 9 / (3 × 3.375) = 0.8889.
    assert wave["weighting"]["efficiency"] == pytest.approx(9 / 10.125, abs=1e-6)
    assert wave["weighting"]["min"] == pytest.approx(0.75)


def test_weighted_dashboard_uses_the_raking_weights(answered, population, impact):  # noqa: F811
    trust = Indicator.objects.create(
        experiment=impact.experiment,
        impact=impact,
        name="Confiance",
        kind=Kind.SHARE,
        questionnaire=answered,
        question_code="confiance",
        options=["3", "4"],
    )
    plain = dashboard_data(impact.experiment)["indicators"][str(trust.pk)]
    weighted = dashboard_data(impact.experiment, weighted=True)["indicators"][str(trust.pk)]
    # After: the two centre respondents agree, the one from Wazemmes does not.
    # Unweighted 2/3; weighted (0.75 + 0.75) / 3 = 0.5.
    assert plain["value"] == pytest.approx(2 / 3)
    assert weighted["value"] == pytest.approx(0.5)
    assert weighted["weighted"] is True and weighted["n"] == 3


def test_no_population_says_what_to_do(client, answered, coordinator_a):  # noqa: F811
    client.force_login(coordinator_a)
    page = client.get(reverse("analysis:participants", args=[answered.experiment.slug]))
    assert page.status_code == 200
    assert "census margins" in page.content.decode() or "recensement" in page.content.decode()


def test_the_page_shows_ratios_and_efficiency(client, answered, population, coordinator_a):  # noqa: F811
    client.force_login(coordinator_a)
    page = client.get(reverse("analysis:participants", args=[answered.experiment.slug]))
    text = page.content.decode()
    assert "Wazemmes" in text
    assert "1,33" in text and "0,67" in text
    assert "89\u202f%" in text, "weighting efficiency"


def test_outsiders_do_not_see_who_took_part(client, experiment_a, outsider, partner_b):
    url = reverse("analysis:participants", args=[experiment_a.slug])
    for user in (outsider, partner_b):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_an_indicator_on_a_weighting_variable_stays_unweighted(answered, population, impact):  # noqa: F811
    """Weighted to the neighbourhoods' 50/50, the share of the centre would be 50 % by
    construction: it is shown unweighted (2 of 3) with the reason."""
    centre = Indicator.objects.create(
        experiment=impact.experiment, impact=impact, name="Centre", kind=Kind.SHARE,
        questionnaire=answered, question_code="quartier", options=["centre"],
    )  # fmt: skip
    result = dashboard_data(impact.experiment, weighted=True)["indicators"][str(centre.pk)]
    assert result["value"] == pytest.approx(2 / 3)
    assert result["weighted"] is False
    assert {"code": "weighting_variable"} in result["caveats"]


def test_without_population_figures_weighted_results_say_unweighted(answered, impact):  # noqa: F811
    trust = Indicator.objects.create(
        experiment=impact.experiment, impact=impact, name="Confiance", kind=Kind.SHARE,
        questionnaire=answered, question_code="confiance", options=["3", "4"],
    )  # fmt: skip
    data = dashboard_data(impact.experiment, weighted=True)
    assert data["weighted"] is False
    assert data["indicators"][str(trust.pk)]["weighted"] is False
