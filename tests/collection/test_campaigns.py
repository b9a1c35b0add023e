"""Campaign services: waves, quotas, panel invitations across waves, CSV, erasure."""

import csv
import datetime
import io

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from civiclab.accounts.models import Organisation
from civiclab.audit.models import AuditEvent
from civiclab.collection import campaigns
from civiclab.collection.models import Campaign, Invitation, PersonalData, Respondent, Response
from civiclab.collection.services import Submission, submit
from civiclab.surveys.models import Questionnaire
from civiclab.surveys.services import import_xlsform
from tests.surveys.forms import minimal_form

ROWS = [
    ["select_one sexe", "sexe", "Vous êtes"],
    ["select_one age", "age", "Votre tranche d'âge"],
    ["select_one oui_non", "qpv", "Habitez-vous un quartier prioritaire ?"],
    ["text", "courriel", "Votre courriel"],
    ["select_multiple canaux", "canaux", "Comment avez-vous connu la démarche ?"],
    ["integer", "enfants", "Nombre d'enfants"],
]
CHOICES = [
    ["list_name", "name", "label"],
    ["sexe", "f", "Femme"],
    ["sexe", "h", "Homme"],
    ["sexe", "autre", "Autre"],
    ["age", "15_24", "15-24 ans"],
    ["age", "25_49", "25-49 ans"],
    ["age", "50_plus", "50 ans et plus"],
    ["oui_non", "oui", "Oui"],
    ["oui_non", "non", "Non"],
    ["canaux", "affiche", "Affiche"],
    ["canaux", "reseaux", "Réseaux sociaux"],
]


def open_questionnaire(experiment, actor=None, status=Questionnaire.Status.OPEN):
    """The test questionnaire (sex, age band, QPV, e-mail...), imported as an XLSForm."""
    questionnaire, _report = import_xlsform(actor, experiment, minimal_form(ROWS, CHOICES))
    questionnaire.status = status
    questionnaire.save(update_fields=["status"])
    return questionnaire


def answer(campaign, channel="online", **answers) -> Response:
    response, created = submit(
        campaign, Submission(version_number=1, answers=answers, channel=channel)
    )
    assert created
    return response


@pytest.fixture
def questionnaire(experiment_a, coordinator_a):
    return open_questionnaire(experiment_a, coordinator_a)


@pytest.fixture
def campaign(questionnaire, coordinator_a):
    return campaigns.create_campaign(
        coordinator_a, questionnaire, label="Vague 1", wave=Campaign.Wave.BEFORE, paper=True
    )


# --- campaigns ---------------------------------------------------------------------------


def test_create_campaign_prefills_consent_and_is_audited(
    experiment_a, coordinator_a, questionnaire
):
    """The consent texts come from the questionnaire, the lead authority and a coordinator;
    the journal records the creation."""
    city = Organisation.objects.create(name="Ville de Lille", kind="local_authority")
    Organisation.objects.create(name="Le Lab", kind="lab")
    experiment_a.partners.add(city)
    coordinator_a.person.email = "coordination@lab.fr"
    coordinator_a.person.save()
    campaign = campaigns.create_campaign(coordinator_a, questionnaire, label="Avant")
    assert questionnaire.title in campaign.consent_purpose
    assert campaign.consent_controller == "Ville de Lille"
    # In the lab's language ("2 ans après la fin de l'expérimentation" once translated).
    with translation.override("fr"):
        assert campaign.consent_retention == str(campaigns.DEFAULT_RETENTION)
    assert campaign.consent_contact == "coordination@lab.fr"
    event = AuditEvent.objects.get(object_type="collection.campaign")
    assert event.action == "created" and event.actor == coordinator_a
    assert event.changes["label"] == [None, "Avant"]


def test_controller_falls_back_to_the_lab(experiment_a, questionnaire):
    Organisation.objects.create(name="Le Lab", kind="lab")
    assert campaigns.consent_defaults(questionnaire)["consent_controller"] == "Le Lab"


def test_campaign_needs_a_mode_and_ordered_dates(coordinator_a, questionnaire):
    """No way of collecting, or a closing before the opening, is refused and nothing saved."""
    with pytest.raises(campaigns.CampaignRefused) as refused:
        campaigns.create_campaign(coordinator_a, questionnaire, label="X", online=False)
    assert "online" in refused.value.message_dict
    now = timezone.now()
    with pytest.raises(campaigns.CampaignRefused) as refused:
        campaigns.create_campaign(
            coordinator_a, questionnaire, label="Y", opens_at=now, closes_at=now
        )
    assert "closes_at" in refused.value.message_dict
    assert not Campaign.objects.exists()


def test_changing_a_campaign_records_only_what_changed(coordinator_a, campaign):
    campaign.target_size = 400
    campaign.label = "Vague 1 (avant)"
    campaigns.save_campaign(coordinator_a, campaign)
    event = AuditEvent.objects.filter(action="changed").get()
    assert event.changes == {"label": ["Vague 1", "Vague 1 (avant)"], "target_size": [None, 400]}
    campaigns.save_campaign(coordinator_a, campaign)  # nothing changed: no new event
    assert AuditEvent.objects.filter(action="changed").count() == 1


# --- quotas ------------------------------------------------------------------------------


def test_quota_questions_are_the_single_choice_ones(questionnaire):
    codes = [q.code for q in campaigns.quota_questions(questionnaire.current_version())]
    assert codes == ["sexe", "age", "qpv"]


def test_set_quotas_replaces_all_and_skips_empty_cells(coordinator_a, campaign):
    campaigns.set_quotas(coordinator_a, campaign, [({"sexe": "f"}, 10), ({"sexe": "h"}, 12)])
    quotas = campaigns.set_quotas(
        coordinator_a,
        campaign,
        [
            ({"sexe": "f", "age": "15_24"}, 5),
            ({"sexe": "h", "age": "15_24"}, 0),
            ({"sexe": "f", "age": "50_plus"}, None),
            ({"sexe": "h", "age": "50_plus"}, 7),
        ],
    )
    assert len(quotas) == 2
    assert sorted((q.cell["sexe"], q.cell["age"], q.target) for q in campaign.quotas.all()) == [
        ("f", "15_24", 5),
        ("h", "50_plus", 7),
    ]
    event = AuditEvent.objects.filter(action="changed").latest("pk")
    assert event.readable_changes()  # the journal can show it
    assert event.changes["quota_targets"] == [
        "sexe=f: 10; sexe=h: 12",
        "age=15_24, sexe=f: 5; age=50_plus, sexe=h: 7",
    ]


@pytest.mark.parametrize(
    "cells",
    [
        [({"enfants": "2"}, 5)],  # not a choice question
        [({"sexe": "x"}, 5)],  # not a choice of the list
        [({"sexe": "f"}, 5), ({"age": "15_24"}, 5)],  # two different crossings
        [({"sexe": "f", "age": "15_24", "qpv": "oui"}, 5)],  # three questions
        [({"canaux": "affiche"}, 5)],  # multiple choice
    ],
)
def test_bad_quotas_are_refused_and_old_ones_kept(coordinator_a, campaign, cells):
    campaigns.set_quotas(coordinator_a, campaign, [({"sexe": "f"}, 10)])
    with pytest.raises(campaigns.CampaignRefused):
        campaigns.set_quotas(coordinator_a, campaign, cells)
    assert list(campaign.quotas.values_list("cell", "target")) == [({"sexe": "f"}, 10)]


# --- invitations -------------------------------------------------------------------------


def test_new_invitations_make_new_respondents(coordinator_a, campaign, experiment_a):
    invitations = campaigns.create_invitations(coordinator_a, campaign, 5)
    assert len(invitations) == 5
    assert Respondent.objects.filter(experiment=experiment_a).count() == 5
    assert len({i.token for i in invitations}) == 5
    assert all(i.respondent.pseudonym.startswith("R-") for i in invitations)
    with pytest.raises(campaigns.CampaignRefused):
        campaigns.create_invitations(coordinator_a, campaign, 0)


def test_panel_links_the_same_respondents_to_the_next_wave(coordinator_a, questionnaire):
    """Respondents who answered wave 1 (through an invitation or with personal data) get one
    link to wave 2, as the same respondent; anonymous answers bring nobody; a second call
    invites only the newcomers."""
    wave1 = campaigns.create_campaign(coordinator_a, questionnaire, label="Avant")
    wave2 = campaigns.create_campaign(
        coordinator_a, questionnaire, label="Après", wave=Campaign.Wave.AFTER
    )
    invited = campaigns.create_invitations(coordinator_a, wave1, 3)
    for invitation in invited[:2]:
        submit(wave1, Submission(version_number=1, answers={"sexe": "f"}, invitation=invitation))
    answer(wave1, sexe="h", courriel="jean@exemple.fr")  # a new respondent (personal data)
    answer(wave1, sexe="h")  # anonymous: no respondent to follow
    panel = campaigns.invite_panel(coordinator_a, wave2)
    expected = {invited[0].respondent_id, invited[1].respondent_id}
    expected |= set(
        Response.objects.filter(campaign=wave1, respondent__isnull=False)
        .exclude(respondent_id__in=expected)
        .values_list("respondent_id", flat=True)
    )
    assert len(expected) == 3
    assert {i.respondent_id for i in panel} == expected
    assert campaigns.invite_panel(coordinator_a, wave2) == []
    later = answer(wave1, sexe="f", courriel="marie@exemple.fr")
    again = campaigns.invite_panel(coordinator_a, wave2, source=wave1)
    assert [i.respondent_id for i in again] == [later.respondent_id]
    assert Invitation.objects.filter(campaign=wave2).count() == 4


def test_panel_from_another_questionnaire_is_refused(coordinator_a, experiment_a, campaign):
    other = open_questionnaire(experiment_a, coordinator_a)
    elsewhere = campaigns.create_campaign(coordinator_a, other, label="Autre")
    with pytest.raises(campaigns.CampaignRefused):
        campaigns.invite_panel(coordinator_a, campaign, source=elsewhere)


def test_invitations_csv_reads_back_in_french_excel_format(coordinator_a, campaign):
    invitations = campaigns.create_invitations(coordinator_a, campaign, 3)
    Invitation.objects.filter(pk=invitations[0].pk).update(
        used_at=datetime.datetime(2026, 3, 4, 10, tzinfo=datetime.UTC)
    )
    body = campaigns.invitations_csv(campaign, lambda i: f"https://lab.fr/i/{i.token}/")
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [gettext("pseudonym"), gettext("link"), gettext("used")]
    assert rows[1] == [
        invitations[0].respondent.pseudonym,
        f"https://lab.fr/i/{invitations[0].token}/",
        "2026-03-04",
    ]
    assert len(rows) == 4 and rows[3][2] == ""


# --- respondents and erasure -------------------------------------------------------------


def test_respondent_rows_list_waves_and_personal_data(coordinator_a, questionnaire):
    wave1 = campaigns.create_campaign(coordinator_a, questionnaire, label="Avant")
    wave2 = campaigns.create_campaign(coordinator_a, questionnaire, label="Après")
    first = answer(wave1, sexe="f", courriel="marie@exemple.fr")
    (invitation,) = campaigns.invite_panel(coordinator_a, wave2)
    submit(wave2, Submission(version_number=1, answers={"sexe": "f"}, invitation=invitation))
    (lonely,) = campaigns.create_invitations(coordinator_a, wave2, 1)
    rows = {
        r.respondent.pk: r
        for r in campaigns.respondent_rows(campaigns.respondents_of(questionnaire.experiment))
    }
    marie = rows[first.respondent_id]
    assert [c.label for c in marie.waves] == ["Avant", "Après"]
    assert marie.answers == 2 and marie.holds_personal_data
    nobody = rows[lonely.respondent_id]
    assert nobody.waves == [] and nobody.answers == 0 and not nobody.holds_personal_data


def test_erasure_keeps_answers_and_deletes_personal_data(coordinator_a, campaign):
    response = answer(campaign, sexe="f", courriel="marie@exemple.fr")
    respondent = response.respondent
    (personal,) = campaigns.personal_data_of(respondent)
    assert personal.items == [("courriel", "Votre courriel", "marie@exemple.fr")]
    assert campaigns.erase_respondent_personal_data(coordinator_a, respondent) == 1
    assert not PersonalData.objects.exists()
    assert Response.objects.get(pk=response.pk).answers == {"sexe": "f"}
    respondent.refresh_from_db()
    assert respondent.personal_data_erased_at is not None
    assert campaigns.personal_data_of(respondent) == []
    assert AuditEvent.objects.filter(
        action="deleted", object_type="collection.respondent", actor=coordinator_a
    ).exists()
