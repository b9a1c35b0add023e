"""The analysis's columnar copy of the answers: read instead of the JSON when it is up to date,
extended with new answers, rebuilt whenever it could be wrong."""

import pytest

from civiclab.analysis import snapshots
from civiclab.analysis.models import AnswersRevision
from civiclab.collection.models import Campaign, Response
from civiclab.collection.services import Submission, submit
from tests.collection.conftest import adult_answers

pytestmark = pytest.mark.django_db


def send(campaign, **changes):
    response, _created = submit(
        campaign, Submission(answers=adult_answers(**changes), version_number=1)
    )
    return response


def copies(settings):
    return sorted(p.name for p in settings.ANALYSIS_SNAPSHOT_DIR.glob("*.parquet"))


def test_new_answers_extend_the_copy(campaign, questionnaire, settings):
    first = send(campaign, age=30)
    assert snapshots.answers(questionnaire)["age"].to_list() == [30]
    (name,) = copies(settings)
    assert name.endswith(f"-last{first.pk}.parquet")
    second = send(campaign, age=40)
    assert snapshots.answers(questionnaire)["age"].to_list() == [30, 40]
    assert copies(settings) == [name.replace(f"last{first.pk}", f"last{second.pk}")]


def test_an_up_to_date_copy_is_read_not_rebuilt(campaign, questionnaire, settings, monkeypatch):
    send(campaign, age=30)
    snapshots.answers(questionnaire)

    def no_full_read(responses, types):
        assert not responses.filter(pk__lte=Response.objects.get().pk).exists()
        return real(responses, types)

    real = snapshots.answers_frame
    monkeypatch.setattr(snapshots, "answers_frame", no_full_read)
    assert snapshots.answers(questionnaire)["age"].to_list() == [30]


def test_a_corrected_answer_rebuilds_the_copy(campaign, questionnaire):
    response = send(campaign, age=30)
    snapshots.answers(questionnaire)
    response.answers = {**response.answers, "age": 31}
    response.save(update_fields=["answers"])
    assert snapshots.answers(questionnaire)["age"].to_list() == [31]


def test_a_deleted_answer_or_a_moved_campaign_rebuilds_the_copy(campaign, questionnaire):
    kept = send(campaign, age=30)
    gone = send(campaign, age=40)
    snapshots.answers(questionnaire)
    Response.objects.filter(pk=gone.pk).delete()
    assert snapshots.answers(questionnaire)["response_id"].to_list() == [kept.pk]
    campaign.wave = Campaign.Wave.AFTER
    campaign.save(update_fields=["wave"])
    assert snapshots.answers(questionnaire)["wave"].to_list() == ["after"]


def test_a_damaged_copy_is_rebuilt(campaign, questionnaire, settings):
    send(campaign, age=30)
    snapshots.answers(questionnaire)
    (path,) = settings.ANALYSIS_SNAPSHOT_DIR.glob("*.parquet")
    path.write_bytes(b"not parquet")
    assert snapshots.answers(questionnaire)["age"].to_list() == [30]


def test_a_copy_that_does_not_match_the_database_is_rebuilt(campaign, questionnaire, settings):
    """A database restored from an older backup: the copy holds answers it does not."""
    first = send(campaign, age=30)
    send(campaign, age=40)
    snapshots.answers(questionnaire)
    Response.objects.exclude(pk=first.pk).delete()
    # Simulate a restore that also lost the revision: the copy's name still matches.
    AnswersRevision.objects.update(revision=0)
    assert snapshots.answers(questionnaire)["age"].to_list() == [30]
