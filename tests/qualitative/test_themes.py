"""Suggested themes for open answers: computed in the background, reviewed by a person, and
only turned into codes when accepted."""

import pytest
from django.urls import reverse

from civiclab.collection.services import Submission, submit
from civiclab.qualitative import services, themes
from civiclab.qualitative.models import Code, Coding, SuggestedTheme, ThemeRun
from tests.analysis.conftest import campaign, questionnaire  # noqa: F401
from tests.collection.conftest import adult_answers
from tests.stats.french_answers import labelled_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tasks_inline(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }


@pytest.fixture
def consultation(campaign, questionnaire, analyst_a, experiment_a):  # noqa: F811
    """120 open answers on known themes."""
    texts, _labels = labelled_answers(120, seed=3)
    for text in texts:
        submit(campaign, Submission(answers=adult_answers(commentaire=text), version_number=1))
    question = questionnaire.current_version().questions.get(code="commentaire")
    return services.open_answers_source(analyst_a, experiment_a, questionnaire, question)


def themes_url(source):
    return reverse("qualitative:themes", args=[source.experiment.slug, source.pk])


def decide(client, theme, action, **data):
    url = reverse(
        "qualitative:theme_decide", args=[theme.run.source.experiment.slug, theme.pk, action]
    )
    return client.post(url, data)


@pytest.fixture
def run_now(django_capture_on_commit_callbacks):
    """Queued tasks start once the request's transaction commits: here, at once."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def test_themes_are_suggested_for_review_and_code_nothing(client, analyst_a, consultation, run_now):
    client.force_login(analyst_a)
    run_now(client.post, themes_url(consultation), {"n_themes": "5"})
    run = ThemeRun.objects.get()
    assert (run.status, run.answers, run.progress) == ("done", 120, 1.0)
    suggested = list(run.themes.all())
    assert len(suggested) == 5
    assert sum(t.size for t in suggested) <= 120
    assert all(t.top_terms and t.examples and t.decision == "pending" for t in suggested)
    assert all(set(t.examples) <= set(t.response_ids) for t in suggested)
    assert not Coding.objects.exists()  # nothing is applied before a person accepts it
    page = client.get(themes_url(consultation)).content.decode()
    assert suggested[0].label in page


def test_a_second_request_while_one_runs_gets_the_same_run(analyst_a, consultation):
    first = ThemeRun.objects.create(source=consultation, requested_by=analyst_a)
    assert themes.start_run(analyst_a, consultation, None) == first
    assert ThemeRun.objects.count() == 1


def test_accepting_a_theme_codes_its_answers_once(client, analyst_a, consultation, codes, run_now):
    run_now(themes.start_run, analyst_a, consultation, 4)
    theme = SuggestedTheme.objects.order_by("-size").first()
    client.force_login(analyst_a)
    decide(client, theme, "rename", label="Transports")
    decide(client, theme, "accept", parent=codes["family"].pk)
    theme.refresh_from_db()
    assert theme.decision == "accepted"
    code = Code.objects.get(name="Transports")
    assert code.parent == codes["family"] and theme.code == code
    coded = set(Coding.objects.filter(code=code).values_list("response_id", flat=True))
    assert coded == set(theme.response_ids)
    assert all(c.coder == analyst_a for c in Coding.objects.filter(code=code))
    decide(client, theme, "accept")  # a second click changes nothing
    assert Coding.objects.filter(code=code).count() == len(coded)


def test_merging_discarding_and_splitting(client, analyst_a, consultation, run_now):
    run_now(themes.start_run, analyst_a, consultation, 4)
    first, second, third, fourth = SuggestedTheme.objects.order_by("-size")
    client.force_login(analyst_a)
    decide(client, second, "merge", into=first.pk)
    first.refresh_from_db()
    assert (
        first.size == len(set(first.response_ids))
        and not SuggestedTheme.objects.filter(pk=second.pk).exists()
    )
    decide(client, fourth, "discard")
    fourth.refresh_from_db()
    assert fourth.decision == "discarded"
    members = set(third.response_ids)
    run_now(decide, client, third, "split")
    halves = SuggestedTheme.objects.exclude(pk__in=[first.pk, fourth.pk])
    assert halves.count() == 2
    assert set().union(*(set(h.response_ids) for h in halves)) <= members
    assert sum(h.size for h in halves) >= len(members) - 2  # a couple may stay unclassified


def test_a_researcher_reads_themes_but_does_not_run_or_accept_them(
    client, researcher_a, analyst_a, consultation, run_now
):
    run_now(themes.start_run, analyst_a, consultation, 3)
    theme = SuggestedTheme.objects.first()
    client.force_login(researcher_a)
    assert client.get(themes_url(consultation)).status_code == 200
    assert client.post(themes_url(consultation), {"n_themes": "3"}).status_code == 403
    assert decide(client, theme, "accept").status_code == 403
    assert ThemeRun.objects.count() == 1 and not Code.objects.exists()


def test_an_impossible_number_of_themes_is_refused(client, analyst_a, consultation):
    client.force_login(analyst_a)
    response = client.post(themes_url(consultation), {"n_themes": "500"}, follow=True)
    assert not ThemeRun.objects.exists()
    assert "40" in response.content.decode()
