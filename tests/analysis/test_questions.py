"""Question by question: every question of a wave, overall or split by a profile question,
computed in the background, readable by the experiment's readers only."""

import pytest
from django.urls import reverse

from civiclab.analysis.questions import questions_data
from tests.analysis.test_dashboard import IMMEDIATE, answered  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tasks_inline(settings):
    settings.TASKS = IMMEDIATE


def test_every_question_is_summarised_at_the_wave(answered):  # noqa: F811
    data = questions_data(answered, "after", weighted=False)
    assert data["n"] == 3
    trust = data["questions"]["confiance"]["by"][""][0]
    shares = {option: (count, share) for option, count, share, _low, _high in trust["shares"]}
    # After: answers 4, 3 and 1.
    assert shares["4"] == (1, pytest.approx(1 / 3))
    assert shares["2"] == (0, 0.0)
    age = data["questions"]["age"]["by"][""][0]
    assert age["mean"] == pytest.approx(40.0)


def test_the_page_splits_by_a_question(client, answered, coordinator_a):  # noqa: F811
    client.force_login(coordinator_a)
    url = reverse("analysis:questions", args=[answered.experiment.slug])
    page = client.get(url, {"questionnaire": answered.pk, "wave": "after"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "J&#x27;ai confiance dans le conseil de quartier" in text
    assert "Tout à fait d&#x27;accord" in text, "answers are shown by their labels"


def test_outsiders_see_no_questions(client, answered, outsider):  # noqa: F811
    client.force_login(outsider)
    url = reverse("analysis:questions", args=[answered.experiment.slug])
    assert client.get(url).status_code == 404
