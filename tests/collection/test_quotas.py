"""Quota counts: the pure count against numbers worked out by hand, then from the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civiclab.collection import campaigns
from civiclab.collection.models import Response
from civiclab.collection.quotas import count_quotas, grouped_answers, quota_report
from tests.collection.test_campaigns import answer, open_questionnaire

SEX_BY_AGE = [
    ({"sexe": "f", "age": "15_24"}, 3),
    ({"sexe": "h", "age": "15_24"}, 3),
    ({"sexe": "f", "age": "50_plus"}, 2),
]


@pytest.fixture
def questionnaire(experiment_a, coordinator_a):
    return open_questionnaire(experiment_a, coordinator_a)


@pytest.fixture
def campaign(questionnaire, coordinator_a):
    return campaigns.create_campaign(coordinator_a, questionnaire, label="Vague 1", paper=True)


def test_count_by_hand():
    """Seven answers: f/15_24 twice, h/15_24 once, f/50_plus three times, one without age.
    By hand: f/15_24 = 2 of 3, h/15_24 = 1 of 3, f/50_plus = 3 of 2 (reached)."""
    answers = [
        {"sexe": "f", "age": "15_24"},
        {"sexe": "f", "age": "15_24", "qpv": "oui"},
        {"sexe": "h", "age": "15_24"},
        {"sexe": "f", "age": "50_plus"},
        {"sexe": "f", "age": "50_plus"},
        {"sexe": "f", "age": "50_plus"},
        {"sexe": "h"},
    ]
    report = count_quotas(SEX_BY_AGE, [(a, 1) for a in answers], target=10)
    assert [(c.count, c.target, c.reached) for c in report.cells] == [
        (2, 3, False),
        (1, 3, False),
        (3, 2, True),
    ]
    assert [c.percent for c in report.cells] == [66, 33, 150]
    assert [c.missing for c in report.cells] == [1, 2, 0]
    assert report.total == 7 and report.percent == 70 and not report.reached
    assert report.cells_reached == 1


def test_grouped_and_one_by_one_give_the_same_counts():
    groups = [({"sexe": "f", "age": "15_24"}, 40), ({"sexe": "f"}, 5), ({}, 3)]
    report = count_quotas([*SEX_BY_AGE, ({"sexe": "f"}, 50)], groups, target=48)
    assert [c.count for c in report.cells] == [40, 0, 0, 45]
    assert report.total == 48 and report.reached and report.percent == 100


def test_multiple_choice_answers_count_in_each_of_their_choices():
    answers = [({"canaux": ["affiche", "reseaux"]}, 1), ({"canaux": ["reseaux"]}, 1)]
    report = count_quotas([({"canaux": "affiche"}, 1), ({"canaux": "reseaux"}, 5)], answers)
    assert [c.count for c in report.cells] == [1, 2]


def test_no_target_means_no_percentage():
    report = count_quotas([({"sexe": "f"}, 0)], [({"sexe": "f"}, 2)])
    assert report.percent is None and not report.reached and report.cells[0].percent == 0


@pytest.mark.django_db
def test_report_from_the_database_matches_the_hand_count(coordinator_a, campaign):
    campaigns.set_quotas(coordinator_a, campaign, SEX_BY_AGE)
    campaign.target_size = 10
    campaign.save()
    for sexe, age in [("f", "15_24"), ("f", "15_24"), ("h", "15_24")] + [("f", "50_plus")] * 3:
        answer(campaign, sexe=sexe, age=age)
    answer(campaign, sexe="h", channel="paper")
    report = quota_report(campaign)
    assert [(c.cell, c.count, c.target) for c in report.cells] == [
        ({"sexe": "f", "age": "15_24"}, 2, 3),
        ({"sexe": "h", "age": "15_24"}, 1, 3),
        ({"sexe": "f", "age": "50_plus"}, 3, 2),
    ]
    assert report.total == 7 and report.target == 10 and report.percent == 70


@pytest.mark.django_db
def test_the_database_groups_the_answers(coordinator_a, campaign):
    """Thousands of answers come back as one row per combination, in one query."""
    version = campaign.questionnaire.current_version()
    combos = [("f", "15_24"), ("h", "25_49"), ("f", "50_plus"), ("autre", None)]
    Response.objects.bulk_create(
        Response(
            campaign=campaign,
            version=version,
            channel="online",
            answers={"sexe": sexe, **({"age": age} if age else {}), "enfants": i % 4},
            fingerprint=str(i),
        )
        for i in range(2000)
        for sexe, age in [combos[i % 4]]
    )
    with CaptureQueriesContext(connection) as queries:
        groups = grouped_answers(campaign, ["sexe", "age"])
    assert len(queries) == 1
    assert sorted((sorted(g.items()), n) for g, n in groups) == [
        ([("age", "15_24"), ("sexe", "f")], 500),
        ([("age", "25_49"), ("sexe", "h")], 500),
        ([("age", "50_plus"), ("sexe", "f")], 500),
        ([("sexe", "autre")], 500),
    ]
    campaigns.set_quotas(coordinator_a, campaign, [({"sexe": "f"}, 600), ({"sexe": "h"}, 600)])
    with CaptureQueriesContext(connection) as queries:
        report = quota_report(campaign)
    assert len(queries) == 2
    assert [c.count for c in report.cells] == [1000, 500]
    assert report.total == 2000


@pytest.mark.django_db
def test_campaign_without_quotas_still_counts(campaign):
    answer(campaign, sexe="f")
    report = quota_report(campaign)
    assert report.cells == [] and report.total == 1 and report.target is None
