"""The impact dashboard: indicators computed from the answers, by wave and breakdown, shown to
the experiment's readers only, computed in the background and cached."""

import datetime

import pytest
from django.urls import reverse

from civiclab.analysis import cache
from civiclab.analysis.dashboard import DASHBOARD, dashboard_data
from civiclab.collection.models import Campaign, Respondent
from civiclab.collection.services import Submission, submit
from civiclab.experiments.models import Membership
from civiclab.impact.models import Impact, Indicator, Kind, Measurement
from tests.collection.conftest import adult_answers
from tests.conftest import give_role, make_user

pytestmark = pytest.mark.django_db
IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}


@pytest.fixture(autouse=True)
def tasks_inline(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def answered(campaign, questionnaire):
    """Before: trust 2 and 4. After: trust 4, 3 and 1, ages 30, 40 and 50."""
    after = Campaign.objects.create(questionnaire=questionnaire, label="Après", wave="after")
    for trust, quarter in (("2", "centre"), ("4", "wazemmes")):
        send(campaign, confiance=trust, quartier=quarter)
    for trust, age, quarter in (("4", 30, "centre"), ("3", 40, "centre"), ("1", 50, "wazemmes")):
        send(after, confiance=trust, age=age, quartier=quarter)
    return questionnaire


def send(campaign, **changes):
    submit(campaign, Submission(answers=adult_answers(**changes), version_number=1))


@pytest.fixture
def impact(experiment_a):
    return Impact.objects.create(experiment=experiment_a, title="Plus de confiance")


def indicator(impact, **fields):
    return Indicator.objects.create(
        experiment=impact.experiment, impact=impact, name=fields.pop("name", "x"), **fields
    )


def test_a_share_is_computed_at_the_latest_wave_with_its_trend(answered, impact):
    trust = indicator(
        impact,
        kind=Kind.SHARE,
        questionnaire=answered,
        question_code="confiance",
        options=["3", "4"],
        breakdowns=["quartier"],
        baseline_value=50,
        target_value=80,
    )
    result = dashboard_data(impact.experiment)["indicators"][str(trust.pk)]
    # After: "4" and "3" of 3 answers -> 2/3; before: "4" of 2 -> 1/2.
    assert result["wave"] == "after"
    assert result["value"] == pytest.approx(2 / 3)
    assert result["n"] == 3
    assert [(w["wave"], w["value"]) for w in result["waves"]] == [
        ("before", pytest.approx(0.5)),
        ("after", pytest.approx(2 / 3)),
    ]
    assert (result["baseline"], result["target"]) == (0.5, 0.8), "percent become fractions"
    # By neighbourhood, after: centre 2 of 2, Wazemmes 0 of 1; labels from the choices.
    groups = result["breakdowns"]["quartier"]["groups"]
    assert [(g["key"], g["label"][0], g["value"], g["n"]) for g in groups] == [
        ("centre", "Centre", 1.0, 2),
        ("wazemmes", "Wazemmes", 0.0, 1),
    ]
    assert {"code": "small_n", "n": 3} in result["caveats"]
    # Before → after as independent samples: +1/6. Score test with the pooled share 3/5:
    # z = (2/3 − 1/2) / sqrt(0.6 × 0.4 × (1/2 + 1/3)) = 0.372678, two-sided p = 0.7094.
    change = result["change"]
    assert (change["from"], change["to"]) == ("before", "after")
    assert change["difference"] == pytest.approx(1 / 6)
    assert change["p_value"] == pytest.approx(0.7094, abs=1e-4)
    assert change["low"] < 0 < change["high"], "too few answers for a clear change"


def test_mean_manual_and_ratio_indicators(answered, impact, lab_admin):
    age = indicator(impact, kind=Kind.MEAN, questionnaire=answered, question_code="age")
    count = indicator(impact, kind=Kind.COUNT, questionnaire=answered, question_code="age")
    attendance = indicator(impact, kind=Kind.MANUAL, name="Présents")
    for day, value in ((1, 40), (20, 60)):
        Measurement.objects.create(
            indicator=attendance,
            value=value,
            measured_on=datetime.date(2026, 5, day),
            recorded_by=lab_admin,
        )
    share = indicator(impact, kind=Kind.RATIO, numerator=count, denominator=attendance)
    results = dashboard_data(impact.experiment)["indicators"]
    assert results[str(age.pk)]["value"] == pytest.approx(40.0)  # (30 + 40 + 50) / 3
    assert results[str(attendance.pk)]["value"] == 60.0
    assert [h["value"] for h in results[str(attendance.pk)]["history"]] == [40.0, 60.0]
    assert results[str(share.pk)]["value"] == pytest.approx(3 / 60)


def test_a_question_missing_from_the_questionnaire_is_reported(answered, impact):
    lost = indicator(impact, kind=Kind.MEAN, questionnaire=answered, question_code="disparue")
    result = dashboard_data(impact.experiment)["indicators"][str(lost.pk)]
    assert result["missing_question"] == "disparue"


def test_the_page_shows_the_figures_to_readers(client, answered, impact, coordinator_a):
    indicator(
        impact,
        kind=Kind.SHARE,
        questionnaire=answered,
        question_code="confiance",
        options=["3", "4"],
    )
    client.force_login(coordinator_a)
    page = client.get(reverse("analysis:dashboard", args=[impact.experiment.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "67\u202f%" in text, "2 of 3 shown as a French percentage"
    assert "Plus de confiance" in text
    assert "trend-" in text, "a chart specification is embedded"


def test_results_are_cached_until_answers_change(client, answered, impact, coordinator_a):
    indicator(impact, kind=Kind.COUNT, questionnaire=answered, question_code="age")
    client.force_login(coordinator_a)
    url = reverse("analysis:dashboard", args=[impact.experiment.slug])
    client.get(url)
    data, fresh = cache.cached(impact.experiment.pk, DASHBOARD)
    assert fresh and data is not None
    send(Campaign.objects.get(wave="after"), age=60)
    assert cache.cached(impact.experiment.pk, DASHBOARD)[1] is False
    client.get(url)
    assert cache.cached(impact.experiment.pk, DASHBOARD)[1] is True


def test_who_may_not_see_the_dashboard(client, experiment_a, partner_b, outsider):
    url = reverse("analysis:dashboard", args=[experiment_a.slug])
    assert client.get(url).status_code == 302, "anonymous visitors are sent to log in"
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(partner_b)
    assert client.get(url).status_code == 404, "a partner of another experiment"
    observer = make_user("observatrice")
    give_role(observer, experiment_a, Membership.Role.OBSERVER)
    client.force_login(observer)
    assert client.get(url).status_code == 403, "observers see no results"


def test_partners_and_researchers_read_the_aggregates(client, experiment_a):
    url = reverse("analysis:dashboard", args=[experiment_a.slug])
    for role in (Membership.Role.PARTNER, Membership.Role.RESEARCHER):
        reader = make_user(f"lecteur-{role}")
        give_role(reader, experiment_a, role)
        client.force_login(reader)
        assert client.get(url).status_code == 200


def test_the_same_people_at_both_waves_are_compared_with_themselves(campaign, impact):
    """Three people answer both waves: no → yes, yes → yes, no → no. McNemar: one discordant
    pair, exact p = 1; the share of agreement goes from 1/3 to 2/3 (+1/3)."""
    questionnaire = campaign.questionnaire
    after = Campaign.objects.create(questionnaire=questionnaire, label="Après", wave="after")
    for before_trust, after_trust in (("2", "4"), ("4", "3"), ("1", "1")):
        person = Respondent.objects.create(experiment=impact.experiment)
        for wave, trust in ((campaign, before_trust), (after, after_trust)):
            submit(
                wave,
                Submission(
                    answers=adult_answers(confiance=trust), version_number=1, respondent=person
                ),
            )
    send(campaign, confiance="4")  # someone who answered once: not in the panel
    trust = indicator(
        impact, kind=Kind.SHARE, questionnaire=questionnaire, question_code="confiance",
        options=["3", "4"],
    )  # fmt: skip
    panel = dashboard_data(impact.experiment)["indicators"][str(trust.pk)]["change"]["panel"]
    assert panel["test"] == "mcnemar"
    assert panel["n"] == 3
    assert panel["difference"] == pytest.approx(1 / 3)
    assert panel["p_value"] == pytest.approx(1.0)
    assert {"code": "small_paired", "n": 3} in panel["caveats"]
