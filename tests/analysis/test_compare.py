"""A library indicator side by side across experiments: each reader sees only the
experiments they may see."""

import pytest
from django.urls import reverse

from civiclab.impact.models import Impact, Indicator, Kind, LibraryIndicator
from tests.analysis.test_dashboard import IMMEDIATE, answered  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tasks_inline(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def shared(answered, experiment_b):  # noqa: F811
    library = LibraryIndicator.objects.get(code="femmes")
    for experiment, questionnaire in ((answered.experiment, answered), (experiment_b, None)):
        impact = Impact.objects.create(experiment=experiment, title=f"Impact {experiment.pk}")
        Indicator.objects.create(
            experiment=experiment,
            impact=impact,
            library_indicator=library,
            name=f"Confiance {experiment.title}",
            kind=Kind.SHARE if questionnaire else Kind.MANUAL,
            questionnaire=questionnaire,
            question_code="confiance" if questionnaire else "",
            options=["3", "4"] if questionnaire else [],
        )
    return library


def test_each_reader_sees_only_their_experiments(
    client, shared, coordinator_a, lab_admin, experiment_a, experiment_b
):
    url = reverse("analysis:compare", args=[shared.code])
    client.force_login(coordinator_a)
    text = client.get(url).content.decode()
    assert "67\u202f%" in text, "experiment A's latest wave: 2 of 3"
    assert experiment_a.title in text
    assert experiment_b.title not in text and text.count('<th scope="row">') == 1
    client.force_login(lab_admin)
    assert client.get(url).content.decode().count('<th scope="row">') == 2


def test_an_outsider_sees_no_experiment(client, shared, outsider):
    client.force_login(outsider)
    page = client.get(reverse("analysis:compare", args=[shared.code]))
    assert page.status_code == 200
    assert '<th scope="row">' not in page.content.decode()


def test_an_unknown_library_code_is_not_found(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("analysis:compare", args=["inconnu"])).status_code == 404
