"""Cached results stay until the experiment's answers change, and only then."""

import pytest

from civiclab.analysis import cache
from civiclab.analysis.models import AnswersRevision, ReferencePopulation
from civiclab.analysis.services import save_population
from civiclab.collection.models import Response
from civiclab.collection.services import Submission, submit
from civiclab.impact.models import Impact
from tests.collection.conftest import adult_answers

pytestmark = pytest.mark.django_db


def send(campaign, **changes):
    response, _created = submit(
        campaign, Submission(answers=adult_answers(**changes), version_number=1)
    )
    return response


def test_a_result_is_fresh_until_a_new_answer_arrives(campaign, experiment_a):
    send(campaign)
    data = cache.compute(experiment_a.pk, "dashboard", lambda: {"n": 1})
    assert data == {"n": 1}
    assert cache.cached(experiment_a.pk, "dashboard") == ({"n": 1}, True)
    send(campaign, age=50)
    assert cache.cached(experiment_a.pk, "dashboard") == ({"n": 1}, False)


def test_a_corrected_answer_makes_results_stale(campaign, experiment_a):
    response = send(campaign)
    cache.compute(experiment_a.pk, "dashboard", lambda: {"n": 1})
    response.answers = {**response.answers, "age": 35}
    response.save(update_fields=["answers"])
    assert cache.cached(experiment_a.pk, "dashboard")[1] is False


def test_a_deleted_answer_makes_results_stale(campaign, experiment_a):
    first = send(campaign)
    send(campaign, age=60)
    cache.compute(experiment_a.pk, "dashboard", lambda: {"n": 2})
    Response.objects.filter(pk=first.pk).delete()
    assert cache.cached(experiment_a.pk, "dashboard")[1] is False


def test_nothing_cached_yet(experiment_a):
    assert cache.cached(experiment_a.pk, "dashboard") == (None, False)


def test_another_experiments_answers_do_not_matter(campaign, experiment_a, experiment_b):
    send(campaign)
    cache.compute(experiment_b.pk, "dashboard", lambda: {"n": 0})
    send(campaign, age=70)
    assert cache.cached(experiment_b.pk, "dashboard") == ({"n": 0}, True)


def test_a_new_indicator_or_population_makes_results_stale(campaign, experiment_a, lab_admin):

    send(campaign)
    cache.compute(experiment_a.pk, "dashboard", lambda: {"n": 1})
    Impact.objects.create(experiment=experiment_a, title="Plus de confiance")
    assert cache.cached(experiment_a.pk, "dashboard")[1] is False
    cache.compute(experiment_a.pk, "dashboard", lambda: {"n": 1})
    population = ReferencePopulation(territory=experiment_a.territory, label="Lille")
    save_population(lab_admin, population, {"sexe": {"femme": 52, "homme": 48}}, experiment_a)
    assert cache.cached(experiment_a.pk, "dashboard")[1] is False


def test_an_experiment_with_a_framework_can_still_be_deleted(experiment_b):

    Impact.objects.create(experiment=experiment_b, title="Un impact")
    experiment_b.delete()
    assert not AnswersRevision.objects.filter(experiment_id=experiment_b.pk).exists()


def test_results_of_an_older_civiclab_are_recomputed(campaign, experiment_a, monkeypatch):
    send(campaign)
    cache.compute(experiment_a.pk, "dashboard", lambda: {"n": 1})
    monkeypatch.setattr(cache, "COMPUTATION", cache.COMPUTATION + 1)
    assert cache.cached(experiment_a.pk, "dashboard")[1] is False
