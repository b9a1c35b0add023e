"""A Kobo form using a function civiclab cannot evaluate is imported, reported, and cannot
open for collection until the condition is rewritten."""

import io

import openpyxl
import pytest

from civiclab.surveys import review
from civiclab.surveys.models import Questionnaire
from civiclab.surveys.review import TransitionRefused
from civiclab.surveys.services import import_xlsform
from tests.surveys.forms import minimal_form

pytestmark = pytest.mark.django_db


def form_with_sum() -> bytes:
    return minimal_form(
        [
            ["integer", "adultes", "Adultes du foyer"],
            ["integer", "enfants", "Enfants du foyer"],
            ["calculate", "foyer", ""],
        ]
    )


@pytest.fixture
def imported(coordinator_a, experiment_a):
    data = form_with_sum()
    # minimal_form has no calculation column: add one with a function we do not evaluate.
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["survey"]
    sheet.cell(row=1, column=4, value="calculation")
    sheet.cell(row=4, column=4, value="sum(${adultes}, ${enfants})")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return import_xlsform(coordinator_a, experiment_a, buffer.getvalue())


def test_the_import_keeps_the_text_and_reports_the_row(imported):
    questionnaire, report = imported
    assert (
        questionnaire.current_version().questions.get(code="foyer").calculation.startswith("sum(")
    )
    lines = [line for line in report if line.name == "foyer"]
    assert lines and lines[0].row == 4
    assert "sum" in str(lines[0].reason)


def test_collection_cannot_open_until_it_is_rewritten(imported, coordinator_a):
    questionnaire, _ = imported
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.APPROVED)
    with pytest.raises(TransitionRefused, match="foyer"):
        review.open_collection(coordinator_a, questionnaire)
    questionnaire.current_version().questions.filter(code="foyer").update(
        calculation="${adultes} + ${enfants}"
    )
    review.open_collection(coordinator_a, questionnaire)
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.OPEN
