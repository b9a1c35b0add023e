"""Rows written by `core.rows` are the rows `save()` writes."""

import uuid

import pytest
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from civiclab.collection.models import Draft, PersonalData, Respondent, Response
from civiclab.core import rows


def _stored(model, pk) -> dict:
    instance = model.objects.get(pk=pk)
    return {f.attname: getattr(instance, f.attname) for f in model._meta.concrete_fields}


@pytest.fixture
def signals():
    seen = []

    def pre(sender, instance, update_fields, **kwargs):
        seen.append(("pre", sender, update_fields))

    def post(sender, instance, created, update_fields, **kwargs):
        seen.append(("post", sender, created, update_fields))

    pre_save.connect(pre, dispatch_uid="test-rows-pre")
    post_save.connect(post, dispatch_uid="test-rows-post")
    yield seen
    pre_save.disconnect(dispatch_uid="test-rows-pre")
    post_save.disconnect(dispatch_uid="test-rows-post")


def _response(campaign, **fields):
    return Response(
        uuid=uuid.uuid4(),
        campaign=campaign,
        version=campaign.questionnaire.current_version(),
        channel=Response.Channel.ONLINE,
        answers={"age": 34, "canal": ["affiche"], "avis": "Très « bien »"},
        fingerprint="f" * 64,
        submitted_at=timezone.now(),
        **fields,
    )


def test_an_inserted_row_holds_what_save_would_have_written(db, campaign, signals):
    by_orm, by_rows = _response(campaign), _response(campaign)
    by_orm.save()
    rows.insert(by_rows)

    assert by_rows.pk and by_rows.pk != by_orm.pk and not by_rows._state.adding
    orm, written = _stored(Response, by_orm.pk), _stored(Response, by_rows.pk)
    for name in ("id", "uuid", "submitted_at", "received_at"):
        orm.pop(name), written.pop(name)
    assert written == orm
    assert by_rows.uuid == Response.objects.get(pk=by_rows.pk).uuid
    received = Response.objects.get(pk=by_rows.pk).received_at
    assert received is not None and timezone.is_aware(received), "auto_now_add is set"
    assert ("pre", Response, None) in signals and ("post", Response, True, None) in signals


def test_rows_that_point_to_each_other(db, campaign):
    respondent = Respondent(experiment_id=campaign.questionnaire.experiment_id)
    rows.insert(respondent)
    response = _response(campaign, respondent=respondent)
    rows.insert(response)
    rows.insert(PersonalData(response=response, respondent=respondent, data={"nom": "Zoé"}))
    assert Response.objects.get(pk=response.pk).personal.data == {"nom": "Zoé"}
    assert Response.objects.get(respondent=respondent) == response


def test_an_update_writes_only_the_named_fields_and_auto_now(db, campaign, signals):
    draft = Draft.objects.create(
        campaign=campaign, version=campaign.questionnaire.current_version(), answers={"a": 1}
    )
    before = Draft.objects.get(pk=draft.pk).updated_at
    draft.answers, draft.submitted_at, draft.page = {}, timezone.now(), 7
    rows.update(draft, ("answers", "submitted_at", "updated_at"))

    stored = Draft.objects.get(pk=draft.pk)
    assert stored.answers == {} and stored.submitted_at == draft.submitted_at
    assert stored.page == 0, "a field not named is not written"
    assert stored.updated_at > before, "auto_now moves as with save()"
    updated = frozenset({"answers", "submitted_at", "updated_at"})
    assert ("post", Draft, False, updated) in signals
