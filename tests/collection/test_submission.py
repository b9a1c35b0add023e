"""Answers are checked on the server and stored exactly once, whatever the channel sends."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from civiclab.collection import services
from civiclab.collection.models import Campaign, Invitation, PersonalData, Respondent, Response
from civiclab.collection.services import Conflict, Submission, SubmissionError, submit
from tests.collection.conftest import adult_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    # Messages are checked in English; the French ones are checked through the pages.
    with translation.override("en"):
        yield


def send(campaign, answers, **kwargs):
    kwargs.setdefault("version_number", 1)
    return submit(campaign, Submission(answers=answers, **kwargs))


def errors_of(campaign, answers, **kwargs) -> dict:
    with pytest.raises(SubmissionError) as caught:
        send(campaign, answers, **kwargs)
    assert Response.objects.count() == 0, "nothing is stored when the answers are refused"
    return caught.value.errors


def test_a_valid_response_is_stored_with_personal_data_apart(campaign):
    response, created = send(campaign, adult_answers())
    assert created
    assert response.answers["age"] == 34
    assert response.answers["canal"] == ["affiche", "reseaux"]
    assert "nom" not in response.answers and "courriel" not in response.answers
    personal = PersonalData.objects.get(response=response)
    assert personal.data == {"nom": "Camille Martin", "courriel": "camille@example.org"}
    assert personal.respondent == response.respondent
    response.version.refresh_from_db()
    assert response.version.frozen, "a version with answers is frozen"


def test_an_anonymous_response_creates_no_respondent(campaign):
    response, _ = send(campaign, adult_answers(nom=None, courriel=None))
    assert response.respondent is None
    assert Respondent.objects.count() == 0


def test_the_same_uuid_sent_twice_is_stored_once(campaign):
    key = uuid.uuid4()
    first, created_first = send(campaign, adult_answers(), uuid=key)
    again, created_again = send(campaign, adult_answers(), uuid=key)
    assert (created_first, created_again) == (True, False)
    assert again.pk == first.pk
    assert Response.objects.count() == 1
    assert PersonalData.objects.count() == 1


def test_another_content_under_a_known_uuid_is_refused(campaign):
    key = uuid.uuid4()
    send(campaign, adult_answers(), uuid=key)
    with pytest.raises(Conflict) as caught:
        send(campaign, adult_answers(age=35), uuid=key)
    assert caught.value.status == 409
    assert Response.objects.get().answers["age"] == 34


def test_a_uuid_stored_in_another_campaign_is_a_conflict(campaign, questionnaire):
    key = uuid.uuid4()
    send(campaign, adult_answers(), uuid=key)
    other = Campaign.objects.create(questionnaire=questionnaire, label="Vague 2")
    with pytest.raises(Conflict):
        send(other, adult_answers(), uuid=key)
    assert Response.objects.count() == 1


def test_the_server_computes_calculations_itself(campaign):
    """What a client sends for a calculation is ignored: the server computes it."""
    response, _ = send(campaign, adult_answers(majeur=0))
    assert response.answers["majeur"] == 1


@pytest.mark.parametrize(
    ("changes", "code", "message"),
    [
        ({"age": 200}, "age", "Age must be between 15 and 110."),
        ({"age": "34.5"}, "age", "A whole number is expected."),
        ({"age": True}, "age", "A number is expected."),
        ({"age": "NaN"}, "age", "A number is expected."),
        ({"age": None}, "age", "This question requires an answer."),
        ({"confiance": "9"}, "confiance", "This is not one of the proposed answers."),
        ({"confiance": None}, "confiance", "This question requires an answer."),
        ({"canal": ["affiche", "reseaux", "bouche"]}, "canal", "Deux réponses au plus."),
        ({"canal": ["affiche", "affiche"]}, "canal", "The same answer is given twice."),
        ({"canal": {"a": 1}}, "canal", "A list of proposed answers is expected."),
        ({"priorites": ["securite", "inconnu"]}, "priorites", "This is not one of the"),
        ({"date_reunion": "31/02/2026"}, "date_reunion", "A date is expected"),
        ({"commentaire": "x" * 10_001}, "commentaire", "At most 10000 characters."),
        ({"nom": ["not", "text"]}, "nom", "A text is expected."),
        ({"pirate": "1"}, "__all__", None),
    ],
)
def test_bad_answers_are_refused_with_a_message_and_nothing_is_stored(
    campaign, changes, code, message
):
    answers = adult_answers(**{k: v for k, v in changes.items() if k != "pirate"})
    for key, value in changes.items():
        if value is None:
            answers.pop(key, None)
    if "pirate" in changes:
        answers["pirate"] = "1"
        code = "pirate"
    errors = errors_of(campaign, answers)
    assert code in errors
    if message:
        assert message in str(errors[code])


def test_answers_to_hidden_questions_are_dropped_and_not_required(campaign):
    """Under 18 the opinion section is hidden: its required question is not asked, and
    what a client sends for it anyway is not stored."""
    answers = adult_answers(age=16, confiance=None, canal=["affiche"])
    response, _ = send(campaign, answers)
    assert "confiance" not in response.answers
    assert "canal" not in response.answers
    assert response.answers["majeur"] == 0


def test_texts_lose_control_characters(campaign):
    response, _ = send(campaign, adult_answers(commentaire="  bien\x00\x1b joué\n "))
    assert response.answers["commentaire"] == "bien joué"


def test_decimal_comma_and_dd_mm_yyyy_are_understood(campaign):
    response, _ = send(campaign, adult_answers(age="34", date_reunion="12/03/2026"))
    assert response.answers["age"] == 34
    assert response.answers["date_reunion"] == "2026-03-12"


def test_an_unknown_version_is_refused(campaign):
    errors = errors_of(campaign, adult_answers(), version_number=7)
    assert "version 7" in errors["__all__"]


def test_a_campaign_not_open_refuses_answers(campaign):
    campaign.opens_at = timezone.now() + timedelta(days=1)
    campaign.save()
    with pytest.raises(SubmissionError) as caught:
        send(campaign, adult_answers())
    assert caught.value.status == 403
    assert Response.objects.count() == 0


def test_a_closed_campaign_still_takes_paper_forms_typed_afterwards(campaign):
    campaign.closes_at = timezone.now() - timedelta(days=1)
    campaign.save()
    with pytest.raises(SubmissionError):
        send(campaign, adult_answers())
    response, created = send(
        campaign, adult_answers(), channel=Response.Channel.PAPER, paper_reference="F-001"
    )
    assert created and response.channel == "paper"


def test_a_channel_the_campaign_does_not_use_is_refused(campaign):
    campaign.face_to_face = False
    campaign.save()
    errors = errors_of(campaign, adult_answers(), channel=Response.Channel.FACE_TO_FACE)
    assert "__all__" in errors


def test_the_same_paper_form_cannot_be_typed_twice(campaign):
    send(campaign, adult_answers(), channel="paper", paper_reference="F-001")
    with pytest.raises(SubmissionError) as caught:
        send(campaign, adult_answers(age=40), channel="paper", paper_reference="F-001")
    assert caught.value.status == 409
    assert Response.objects.count() == 1


def test_erasing_personal_data_keeps_the_anonymous_answers(campaign, lab_admin):
    response, _ = send(campaign, adult_answers())
    erased = services.erase_personal_data(lab_admin, response.respondent)
    assert erased == 1
    assert not PersonalData.objects.exists()
    response.refresh_from_db()
    assert response.answers["confiance"] == "3"
    assert response.respondent.personal_data_erased_at is not None


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        "text",
        {"uuid": "not-a-uuid", "version": 1, "answers": {}},
        {"uuid": str(uuid.uuid4()), "version": 1, "answers": ["a"]},
        {"uuid": str(uuid.uuid4()), "version": 1},
        {"uuid": str(uuid.uuid4()), "version": True, "answers": {}},
        {"uuid": str(uuid.uuid4()), "version": [1], "answers": {}},
    ],
)
def test_malformed_tablet_payloads_are_refused(payload):
    with pytest.raises(SubmissionError):
        services.submission_from_json(payload, channel="face_to_face")


def test_a_tablet_clock_in_the_future_is_not_believed(campaign):
    future = (timezone.now() + timedelta(days=30)).isoformat()
    submission = services.submission_from_json(
        {
            "uuid": str(uuid.uuid4()),
            "version": 1,
            "answers": adult_answers(),
            "submitted_at": future,
        },
        channel="face_to_face",
    )
    response, _ = submit(campaign, submission)
    assert response.submitted_at <= timezone.now()


def test_a_used_one_time_link_cannot_answer_again(campaign, experiment_a):
    invitation = Invitation.objects.create(
        campaign=campaign, respondent=Respondent.objects.create(experiment=experiment_a)
    )
    send(campaign, adult_answers(), invitation=invitation)
    with pytest.raises(SubmissionError) as caught:
        send(campaign, adult_answers(age=50), invitation=invitation)
    assert caught.value.status == 409
    assert Response.objects.count() == 1


def test_a_wording_fix_on_a_frozen_version_reaches_the_checker(campaign, monkeypatch):
    """The checking spec of a frozen version is cached, but only for a minute: a corrected
    constraint message is shown without restarting the server."""
    clock = [services.time.monotonic()]
    monkeypatch.setattr(services.time, "monotonic", lambda: clock[0])
    send(campaign, adult_answers())  # freezes version 1
    assert "Age must be" in errors_of_again(campaign)  # and now its spec is cached
    version = campaign.questionnaire.current_version()
    version.questions.filter(code="age").update(constraint_message_en="Between 15 and 110.")
    assert "Age must be" in errors_of_again(campaign), "still the cached spec"
    clock[0] += services.SPEC_CACHE_SECONDS + 1
    assert errors_of_again(campaign) == "Between 15 and 110."


def errors_of_again(campaign) -> str:
    with pytest.raises(SubmissionError) as caught:
        send(campaign, adult_answers(age=200))
    return str(caught.value.errors["age"])
