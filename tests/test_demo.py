"""The demo lab builds, and building it again changes nothing."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from civiclab.accounts.models import Person, User
from civiclab.audit.models import AuditEvent
from civiclab.demo.people import DEMO_LOGINS, DEMO_PASSWORD
from civiclab.experiments.models import Experiment, Membership, ProtocolVersion


def _counts():
    return [
        m.objects.count()
        for m in (Experiment, Membership, ProtocolVersion, Person, User, AuditEvent)
    ]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """The demo writes documents: keep them out of var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def test_demo_is_idempotent_and_realistic(db, capsys):
    call_command("demo")
    first = _counts()
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000" in out and DEMO_PASSWORD in out
    call_command("demo", "--quiet")
    assert _counts() == first

    statuses = sorted(Experiment.objects.values_list("status", flat=True))
    assert statuses == ["proposal", "running", "running", "running"]
    roles_with_login = set(
        Membership.objects.filter(person__user__isnull=False).values_list("role", flat=True)
    )
    assert roles_with_login == set(Membership.Role.values)
    running = Experiment.objects.filter(status="running")
    assert all(e.questionnaires.count() == 1 for e in running)
    conseils = Experiment.objects.get(slug="conseils-de-quartier-lille")
    assert conseils.protocol_versions.count() >= 3
    assert conseils.protocol_versions.filter(copil_validated_on__isnull=False).exists()


def test_every_printed_demo_login_works(db):
    call_command("demo", "--quiet")
    request = RequestFactory().post("/accounts/login/")
    for username, _role in DEMO_LOGINS:
        assert authenticate(request, username=username, password=DEMO_PASSWORD), username
