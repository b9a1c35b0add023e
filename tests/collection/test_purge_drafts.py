"""Answers in progress that nobody finished are deleted after a while: they may hold personal
data that no response keeps."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from civiclab.collection.models import Draft

pytestmark = pytest.mark.django_db


def test_old_drafts_go_and_recent_ones_stay(campaign):
    version = campaign.questionnaire.current_version()
    old = Draft.objects.create(campaign=campaign, version=version, answers={"nom": "Camille"})
    recent = Draft.objects.create(campaign=campaign, version=version, answers={"nom": "Alex"})
    Draft.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=91))
    call_command("purge_drafts", verbosity=0)
    assert list(Draft.objects.values_list("pk", flat=True)) == [recent.pk]
    call_command("purge_drafts", "--days", "0", verbosity=0)
    assert Draft.objects.filter(pk=recent.pk).exists(), "--days 0 deletes nothing"
