"""The one-query read of a draft gives what the ORM gives, field for field."""

import datetime

from django.db.models import F
from django.utils import timezone

from civiclab.collection.draft_read import draft_for_answering
from civiclab.collection.models import Draft


def _values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_draft_and_what_it_joins_are_read_as_the_orm_reads_them(db, campaign):
    campaign.opens_at = timezone.now() - datetime.timedelta(days=2)
    campaign.target_size = 300
    campaign.save()
    draft = Draft.objects.create(
        campaign=campaign,
        version=campaign.questionnaire.current_version(),
        answers={"age": "34", "canal": ["affiche", "reseaux"], "nom": "Zoé « l'Œil »"},
        page=2,
        consent_at=timezone.now(),
    )
    expected = (
        Draft.objects.select_related("campaign__questionnaire", "version")
        .annotate(title=F("campaign__questionnaire__experiment__title"))
        .get(pk=draft.pk)
    )

    read = draft_for_answering(draft.token)

    assert _values(read) == _values(expected)
    assert _values(read.campaign) == _values(expected.campaign)
    assert _values(read.campaign.questionnaire) == _values(expected.campaign.questionnaire)
    assert _values(read.version) == _values(expected.version)
    assert read.campaign.experiment_title == expected.title == "Réinventer les conseils de quartier"
    assert read.answers["canal"] == ["affiche", "reseaux"], "JSON comes back as Python"
    assert timezone.is_aware(read.consent_at) and read.campaign.opens_at < read.consent_at
    assert not read._state.adding, "saving it updates its row"


def test_an_unknown_or_hostile_token_reads_nothing(db, campaign):
    Draft.objects.create(campaign=campaign, version=campaign.questionnaire.current_version())
    assert draft_for_answering("nope") is None
    assert draft_for_answering("' OR '1'='1") is None
