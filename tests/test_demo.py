"""The demo lab builds, and building it again changes nothing."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.urls import reverse

from civiclab.accounts.models import Person, User
from civiclab.audit.models import AuditEvent
from civiclab.collection import demo as answers_demo
from civiclab.collection.models import (
    Campaign,
    Invitation,
    PersonalData,
    Quota,
    Respondent,
    Response,
)
from civiclab.collection.services import fingerprint, spec_for
from civiclab.collection.validation import check
from civiclab.demo.people import DEMO_LOGINS, DEMO_PASSWORD
from civiclab.experiments.models import Experiment, Membership, ProtocolVersion
from civiclab.qualitative.models import Source, ThemeRun, Verbatim
from civiclab.stats.agreement import agreement
from civiclab.surveys.models import Questionnaire


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


# --- demo answers (collection/demo.py), on one demo lab shared by the tests below ---------


@pytest.fixture(scope="module")
def demo_lab(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo lab, built once for the answer tests and rolled back after them. Fast
    hashing, as every test uses (conftest): demo logins must work in any test order."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = tmp_path_factory.mktemp("media")
    demo_settings = override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast)
    with django_db_blocker.unblock(), demo_settings, transaction.atomic():
        call_command("demo", "--quiet")
        yield
        transaction.set_rollback(True)


def _demo_questionnaires():
    return Questionnaire.objects.filter(experiment__status=Experiment.Status.RUNNING)


def test_demo_answers_come_in_two_waves_per_questionnaire(demo_lab, db):
    """Each running experiment's questionnaire has a wave before and one after, a few hundred
    answers in each (over a thousand for the regional consultation, whose open answers the
    suggested themes are tried on) through every channel, a few thousand in all; one has
    quotas."""
    assert _demo_questionnaires().count() == 3
    for questionnaire in _demo_questionnaires():
        waves = {c.wave: c for c in questionnaire.campaigns.all()}
        assert set(waves) == {Campaign.Wave.BEFORE, Campaign.Wave.AFTER}
        assert waves["before"].closes_at < waves["after"].opens_at
        for campaign in waves.values():
            assert 200 <= campaign.responses.count() <= 1600
            channels = set(campaign.responses.values_list("channel", flat=True))
            assert channels == {"online", "face_to_face", "paper"}
            assert campaign.consent_purpose and campaign.consent_controller
            assert campaign.target_size
    assert 2000 <= Response.objects.count() <= 5000
    assert Quota.objects.values("campaign").distinct().count() == 2
    face_to_face = Response.objects.filter(channel="face_to_face")
    assert not face_to_face.filter(surveyor=None).exists()
    assert not face_to_face.filter(place="").exists()
    paper = Response.objects.filter(channel="paper")
    assert not paper.filter(paper_reference="").exists()
    assert not paper.filter(entered_by=None).exists()


def test_every_demo_answer_passes_the_rules_of_its_version(demo_lab, db):
    """Answers are stored as submit() stores them: checked, personal answers apart, the
    fingerprint of both, on a frozen version."""
    personal = dict(PersonalData.objects.values_list("response_id", "data"))
    for response in Response.objects.select_related("version"):
        given = personal.get(response.pk, {})
        checked = check(spec_for(response.version), {**response.answers, **given})
        assert checked.ok, (response.uuid, checked.errors)
        assert (checked.answers, checked.personal) == (response.answers, given)
        assert response.fingerprint == fingerprint(response.version.number, response.answers, given)
        assert response.version.frozen


def test_demo_wave_2_has_a_panel_of_wave_1_respondents(demo_lab, db):
    """About 30% of the answers after come from wave-1 respondents, through their one-time
    link: same respondent, invitation used."""
    for questionnaire in _demo_questionnaires():
        before = questionnaire.campaigns.get(wave=Campaign.Wave.BEFORE)
        after = questionnaire.campaigns.get(wave=Campaign.Wave.AFTER)
        again = after.responses.filter(respondent__responses__campaign=before)
        assert 0.25 <= again.count() / after.responses.count() <= 0.35
        assert after.invitations.filter(used_at__isnull=False).count() == again.count()
        assert not again.exclude(channel="online").exists()


def test_demo_has_an_open_campaign_whose_link_works(demo_lab, db, client):
    """The online link of an open wave shows the consent page; a finished experiment's
    questionnaire is closed."""
    states = {c: c.state() for c in Campaign.objects.select_related("questionnaire")}
    open_ = [c for c, state in states.items() if state == "open"]
    assert open_ and "closed" in states.values()
    response = client.get(reverse("collection:answer_start", args=[open_[0].token]))
    assert response.status_code == 200
    oignies = Questionnaire.objects.get(experiment__slug="participation-espace-public-oignies")
    assert oignies.status == Questionnaire.Status.CLOSED


def test_demo_keeps_one_subgroup_thin(demo_lab, db):
    """Few young people answered in Oignies: under 30 in each wave, so that analyses show
    their small-sample warning."""
    questionnaire = Questionnaire.objects.get(
        experiment__slug="participation-espace-public-oignies"
    )
    spec = spec_for(questionnaire.current_version())
    band = next(f for f in spec.fields if answers_demo.kind(f) == "age_band")
    youngest = next(c for c in band.choices if not c.startswith(("moins", "under")))
    for campaign in questionnaire.campaigns.all():
        assert 0 < campaign.responses.filter(**{f"answers__{band.code}": youngest}).count() < 30


def test_demo_answers_are_built_once(demo_lab, db):
    """Building the demo again adds no campaign, quota, answer, respondent or invitation."""
    models = (Campaign, Quota, Response, Respondent, Invitation, PersonalData)
    before = [m.objects.count() for m in models]
    call_command("demo", "--quiet")
    assert [m.objects.count() for m in models] == before


def test_demo_qualitative_work_is_coded_by_two_people(demo_lab, db):
    """Each experiment has two interviews and a focus group, coded by two people who agree
    moderately (not perfectly: the demo shows disagreements), with verbatims ready, and the
    largest open question has themes waiting for review."""
    for experiment in Experiment.objects.all():
        kinds = sorted(
            Source.objects.filter(experiment=experiment)
            .exclude(kind=Source.Kind.OPEN_ANSWERS)
            .values_list("kind", flat=True)
        )
        assert kinds.count("interview") == 2 and kinds.count("focus_group") == 1
        assert Verbatim.objects.filter(experiment=experiment).exists()
        interviews = Source.objects.filter(experiment=experiment, kind="interview")
        coders = [set(i.codings.values_list("coder", flat=True)) for i in interviews]
        assert sorted(len(c) for c in coders) == [1, 2]  # one coded twice, one partly
        interview = interviews[[len(c) for c in coders].index(2)]
        first, second = sorted(coders[[len(c) for c in coders].index(2)])
        by_coder = [
            list(interview.codings.filter(coder=c).values_list("code", "start", "end"))
            for c in (first, second)
        ]
        assert all(by_coder)
        kappa = agreement([(len(interview.text), *by_coder)]).kappa
        assert 0.3 < kappa < 0.9, experiment.slug
    runs = ThemeRun.objects.filter(status=ThemeRun.Status.DONE)
    biggest = max(runs, key=lambda r: r.answers)
    assert biggest.answers > 1000
    assert biggest.themes.count() >= 5
    assert sum(t.size for t in biggest.themes.all()) <= biggest.answers
