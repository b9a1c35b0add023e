"""Stored responses become a typed Polars frame for the analysis, personal data left out."""

import datetime

import polars as pl
import pytest

from civiclab.collection.frames import answers_frame, question_types
from civiclab.collection.models import Campaign, Response
from civiclab.collection.services import Submission, submit
from civiclab.surveys.models import Question
from tests.collection.conftest import adult_answers

pytestmark = pytest.mark.django_db


def questionnaire_frame(questionnaire, **filters):
    responses = Response.objects.filter(campaign__questionnaire=questionnaire, **filters)
    return answers_frame(responses, question_types(questionnaire))


def send(campaign, answers):
    response, _created = submit(campaign, Submission(answers=answers, version_number=1))
    return response


def test_each_question_gets_a_column_of_its_type(campaign, questionnaire):
    send(campaign, adult_answers())
    frame = questionnaire_frame(questionnaire)
    assert frame.height == 1
    assert frame.schema["age"] == pl.Float64
    assert frame.schema["canal"] == pl.List(pl.String)
    assert frame.schema["confiance"] == pl.String
    assert frame.schema["date_reunion"] == pl.Date
    row = frame.row(0, named=True)
    assert row["age"] == 34
    assert row["canal"] == ["affiche", "reseaux"]
    assert row["date_reunion"] == datetime.date(2026, 3, 12)
    assert row["wave"] == Campaign.Wave.BEFORE
    assert row["channel"] == Response.Channel.ONLINE


def test_personal_data_never_reach_the_frame(campaign, questionnaire):
    send(campaign, adult_answers())
    frame = questionnaire_frame(questionnaire)
    assert "nom" not in frame.columns and "courriel" not in frame.columns
    assert "Camille" not in str(frame.to_dicts())


def test_an_unanswered_question_is_null(campaign, questionnaire):
    send(campaign, adult_answers(commentaire=None, canal=None))
    row = questionnaire_frame(questionnaire).row(0, named=True)
    assert row["commentaire"] is None
    assert row["canal"] is None


def test_responses_can_be_narrowed_to_a_wave(campaign, questionnaire):
    after = Campaign.objects.create(
        questionnaire=questionnaire, label="Vague 2", wave=Campaign.Wave.AFTER
    )
    send(campaign, adult_answers(age=30))
    send(after, adult_answers(age=40))
    send(after, adult_answers(age=50))
    frame = questionnaire_frame(questionnaire, campaign__wave=Campaign.Wave.AFTER)
    assert sorted(frame["age"].to_list()) == [40, 50]


def test_no_responses_give_an_empty_frame_with_the_columns(questionnaire):
    frame = questionnaire_frame(questionnaire)
    assert frame.height == 0
    assert "age" in frame.columns and "response_id" in frame.columns


def test_a_code_whose_type_changed_between_versions_is_read_as_text(campaign, questionnaire):
    """A number become a text in a later version: both kinds of answers stay readable."""
    send(campaign, adult_answers(age=34))
    version = questionnaire.current_version()
    later = version.questionnaire.versions.create(number=2)
    later.questions.create(code="age", type=Question.Type.SHORT_TEXT, position=1)
    types = question_types(questionnaire)
    assert types["age"] == Question.Type.SHORT_TEXT
    response = Response.objects.get()
    Response.objects.filter(pk=response.pk).update(answers={**response.answers, "age": 34})
    frame = answers_frame(Response.objects.all(), types)
    assert frame["age"].to_list() == ["34"]
