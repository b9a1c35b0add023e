"""Two questions crossed on the results pages, with the test in words."""

import pytest
from django.urls import reverse

from civiclab.analysis.crosstabs import crosstab_data
from tests.analysis.test_dashboard import IMMEDIATE, answered  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tasks_inline(settings):
    settings.TASKS = IMMEDIATE


def test_counts_by_row(answered):  # noqa: F811
    data = crosstab_data(answered, "after", "quartier", "confiance", weighted=False)
    # After: centre answered 4 and 3, Wazemmes answered 1.
    assert data["rows"] == ["centre", "wazemmes"]
    counts = dict(zip(data["rows"], data["counts"], strict=True))
    assert counts["centre"] == [0, 0, 1, 1] and counts["wazemmes"] == [1, 0, 0, 0]
    assert data["n"] == 3
    assert data["test"] == "fisher", "expected counts far below 5"


def test_a_question_crossed_with_itself_or_a_text_is_refused(answered):  # noqa: F811
    assert crosstab_data(answered, "after", "quartier", "quartier", False) == {
        "error": "not_crossable"
    }
    assert crosstab_data(answered, "after", "quartier", "commentaire", False)["error"]


def test_the_page_shows_the_table_and_the_verdict(client, answered, coordinator_a):  # noqa: F811
    client.force_login(coordinator_a)
    url = reverse("analysis:crosstab", args=[answered.experiment.slug])
    page = client.get(url, {"wave": "after", "rows": "quartier", "columns": "confiance"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Wazemmes" in text and "100\u202f%" in text
    assert "Fisher" in text


def test_outsiders_cannot_cross(client, answered, outsider):  # noqa: F811
    client.force_login(outsider)
    url = reverse("analysis:crosstab", args=[answered.experiment.slug])
    assert client.get(url, {"rows": "quartier", "columns": "confiance"}).status_code == 404
