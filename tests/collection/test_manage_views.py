"""Staff pages of collection through the test client: who may do what, forms, CSV, erasure."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civiclab.audit.models import AuditEvent
from civiclab.collection import campaigns
from civiclab.collection.models import Campaign, Invitation, PersonalData, Quota, Response
from civiclab.collection.services import Submission, submit
from civiclab.collection.views_manage import optional_url
from civiclab.experiments.models import Membership
from tests.collection.test_campaigns import answer, open_questionnaire
from tests.conftest import give_role, make_user

R = Membership.Role
OK, NO, GONE = 200, 403, 404
PARIS = zoneinfo.ZoneInfo("Europe/Paris")

# page -> expected status per role, written by hand from the rules (not computed from the
# permissions module, so that a mistake there shows up here).
# columns: coordinator, team, analyst, researcher, partner, innovator, communicator,
#          observer, lab staff, outsider
PAGES = {
    "campaign_list": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "campaign_new": (OK, OK, OK, NO, NO, NO, NO, NO, OK, GONE),
    "campaign_detail": (OK, OK, OK, OK, NO, NO, NO, NO, OK, GONE),
    "campaign_edit": (OK, OK, OK, NO, NO, NO, NO, NO, OK, GONE),
    "campaign_quotas": (OK, OK, OK, NO, NO, NO, NO, NO, OK, GONE),
    "campaign_invitations": (OK, OK, OK, NO, NO, NO, NO, NO, OK, GONE),
    "campaign_invitations_csv": (OK, OK, OK, NO, NO, NO, NO, NO, OK, GONE),
    "respondents": (OK, OK, OK, OK, NO, NO, NO, NO, OK, GONE),
    "respondent_personal_data": (OK, NO, OK, NO, NO, NO, NO, NO, OK, GONE),
    "respondent_erase": (OK, NO, OK, NO, NO, NO, NO, NO, OK, GONE),
}  # fmt: skip
WHO = [*R.values, "lab_staff", "outsider"]
CASES = [(page, who, PAGES[page][i]) for page in PAGES for i, who in enumerate(WHO)]


@pytest.fixture
def questionnaire(experiment_a, coordinator_a):
    return open_questionnaire(experiment_a, coordinator_a)


@pytest.fixture
def campaign(questionnaire, coordinator_a):
    return campaigns.create_campaign(coordinator_a, questionnaire, label="Vague 1", paper=True)


def _user_for(who: str, experiment):
    user = make_user(f"user-{who}", staff=who == "lab_staff")
    if who in R.values:
        give_role(user, experiment, who)
    return user


def _url(page: str, campaign, respondent=None) -> str:
    slug = campaign.questionnaire.experiment.slug
    if page in ("campaign_list", "campaign_new"):
        return reverse(f"collection:{page}", args=[slug, campaign.questionnaire_id])
    if page == "respondents":
        return reverse("collection:respondents", args=[slug])
    if page.startswith("respondent_"):
        return reverse(f"collection:{page}", args=[slug, respondent.pk])
    return reverse(f"collection:{page}", args=[slug, campaign.pk])


@pytest.fixture
def marie(campaign):
    """An answer with an e-mail address: a respondent with personal data."""
    return answer(campaign, sexe="f", age="15_24", courriel="marie@exemple.fr")


@pytest.mark.parametrize(("page", "who", "expected"), CASES)
def test_role_matrix(client, experiment_a, campaign, marie, page, who, expected):
    """Each role reaches exactly its pages; others get 403, people outside the experiment 404."""
    client.force_login(_user_for(who, experiment_a))
    response = client.get(_url(page, campaign, marie.respondent))
    assert response.status_code == expected
    if expected == OK and page != "campaign_invitations_csv":
        assert "marie@exemple.fr" not in response.content.decode() or page in (
            "respondent_personal_data",
            "respondent_erase",
        )


@pytest.mark.parametrize("role", [R.OBSERVER, R.COMMUNICATOR, R.PARTNER, R.RESEARCHER])
def test_readers_may_not_create_or_change_campaigns(client, experiment_a, campaign, role):
    user = make_user("lecteur")
    give_role(user, experiment_a, role)
    client.force_login(user)
    new = _url("campaign_new", campaign)
    assert client.post(new, {"label": "Pirate", "wave": "before", "online": "on"}).status_code == NO
    edit = _url("campaign_edit", campaign)
    assert client.post(edit, {"label": "Pirate", "online": "on"}).status_code == NO
    quotas = _url("campaign_quotas", campaign)
    assert client.post(quotas, {"first": "sexe", "t_0_0": "5"}).status_code == NO
    invitations = _url("campaign_invitations", campaign)
    assert client.post(invitations, {"action": "new", "count": "3"}).status_code == NO
    assert list(Campaign.objects.values_list("label", flat=True)) == ["Vague 1"]
    assert not Quota.objects.exists() and not Invitation.objects.exists()


def test_campaign_of_another_experiment_is_not_found(client, lab_admin, campaign, experiment_b):
    client.force_login(lab_admin)
    url = reverse("collection:campaign_detail", args=[experiment_b.slug, campaign.pk])
    assert client.get(url).status_code == GONE


# --- campaign form -----------------------------------------------------------------------


def _form(**overrides):
    data = {
        "label": "Vague 2 — après",
        "wave": "after",
        "online": "on",
        "access": "public",
        "opens_on": "01/03/2026",
        "closes_on": "31/03/2026",
        "target_size": "400",
        "consent_purpose": "Évaluer le conseil de quartier.",
        "consent_controller": "Ville de Lille",
        "consent_retention": "2 ans",
        "consent_contact": "dpo@lille.fr",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_new_campaign_form_is_prefilled_then_saves_whole_days(client, coordinator_a, questionnaire):
    """The consent texts are prefilled; dd/mm/yyyy dates become Paris midnights, the last
    day included."""
    client.force_login(coordinator_a)
    url = reverse("collection:campaign_new", args=[questionnaire.experiment.slug, questionnaire.pk])
    page = client.get(url).content.decode()
    assert questionnaire.title in page  # in the prefilled purpose
    response = client.post(url, _form())
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "collection:campaign_detail", args=[questionnaire.experiment.slug, campaign.pk]
    )
    assert campaign.opens_at == datetime.datetime(2026, 3, 1, tzinfo=PARIS)
    assert campaign.closes_at == datetime.datetime(2026, 4, 1, tzinfo=PARIS)
    assert (campaign.wave, campaign.target_size, campaign.online) == ("after", 400, True)
    assert AuditEvent.objects.filter(object_type="collection.campaign", action="created").exists()
    edit = client.get(
        reverse(
            "collection:campaign_edit", args=[campaign.questionnaire.experiment.slug, campaign.pk]
        )
    )
    assert 'value="31/03/2026"' in edit.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"online": None}, None),
        ({"opens_on": "10/03/2026", "closes_on": "09/03/2026"}, "closes_on"),
        ({"opens_on": "31/02/2026"}, "opens_on"),
        ({"target_size": "0"}, "target_size"),
    ],
)
def test_invalid_campaign_is_refused(client, coordinator_a, questionnaire, overrides, field):
    client.force_login(coordinator_a)
    url = reverse("collection:campaign_new", args=[questionnaire.experiment.slug, questionnaire.pk])
    response = client.post(url, _form(**overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[field or "__all__"]
    assert not Campaign.objects.exists()


def test_same_day_campaign_is_accepted(client, coordinator_a, questionnaire):
    client.force_login(coordinator_a)
    url = reverse("collection:campaign_new", args=[questionnaire.experiment.slug, questionnaire.pk])
    response = client.post(url, _form(opens_on="10/03/2026", closes_on="10/03/2026"))
    assert response.status_code == 302


def test_retyping_unchanged_dates_keeps_a_closing_time(client, coordinator_a, campaign):
    closing = datetime.datetime(2026, 3, 31, 18, 0, tzinfo=PARIS)
    campaign.closes_at = closing
    campaign.save()
    client.force_login(coordinator_a)
    url = _url("campaign_edit", campaign)
    response = client.post(url, _form(closes_on="31/03/2026", opens_on=None, label="Vague 1 bis"))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.closes_at == closing and campaign.label == "Vague 1 bis"


# --- detail and list ---------------------------------------------------------------------


def test_detail_shows_counts_quotas_and_the_public_link(client, coordinator_a, campaign):
    campaign.target_size = 10
    campaign.save()
    campaigns.set_quotas(coordinator_a, campaign, [({"sexe": "f"}, 2), ({"sexe": "h"}, 5)])
    for sexe in ("f", "f", "h"):
        answer(campaign, sexe=sexe)
    answer(campaign, channel="paper", sexe="f")
    client.force_login(coordinator_a)
    response = client.get(_url("campaign_detail", campaign))
    page = response.content.decode()
    assert response.context["report"].total == 4
    assert [n for _label, n in response.context["channels"]] == [3, 1]  # online, paper
    assert [(r["count"].count, r["count"].reached) for r in response.context["quota_rows"]] == [
        (3, True),
        (1, False),
    ]
    assert "(40 %)" in page
    public = f"http://testserver/a/{campaign.token}/"
    assert f'value="{public}"' in page
    assert 'data-copy="public-link"' in page


def test_researcher_sees_counts_but_no_share_link(client, experiment_a, campaign):
    researcher = make_user("chercheuse")
    give_role(researcher, experiment_a, R.RESEARCHER)
    client.force_login(researcher)
    page = client.get(_url("campaign_detail", campaign)).content.decode()
    assert campaign.token not in page


def test_missing_channel_pages_hide_their_link():
    assert optional_url("collection:no_such_page", "x", 1) is None
    assert optional_url("surveys:list", "x") == "/experiments/x/questionnaires/"


def test_list_shows_states_and_progress(client, coordinator_a, questionnaire):
    open_wave = campaigns.create_campaign(coordinator_a, questionnaire, label="A", target_size=4)
    campaigns.create_campaign(
        coordinator_a,
        questionnaire,
        label="B",
        opens_at=datetime.datetime(2099, 1, 1, tzinfo=PARIS),
    )
    campaigns.create_campaign(
        coordinator_a,
        questionnaire,
        label="C",
        closes_at=datetime.datetime(2001, 1, 1, tzinfo=PARIS),
    )
    answer(open_wave, sexe="f")
    client.force_login(coordinator_a)
    response = client.get(_url("campaign_list", open_wave))
    states = {c.label: c.current_state for c in response.context["campaigns"]}
    assert states == {"A": "open", "B": "not_open", "C": "closed"}
    assert "(25 %)" in response.content.decode()


# --- quotas ------------------------------------------------------------------------------


def test_quota_grid_saves_non_empty_cells(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    url = _url("campaign_quotas", campaign)
    page = client.get(url + "?first=sexe&second=age")
    grid = page.context["grid"]
    assert len(grid.rows) == 3 and len(grid.columns) == 3  # sexe × age
    response = client.post(
        url, {"first": "sexe", "second": "age", "t_0_0": "30", "t_1_0": "25", "t_2_2": "0"}
    )
    assert response.status_code == 302
    assert sorted((q.cell["sexe"], q.cell["age"], q.target) for q in campaign.quotas.all()) == [
        ("f", "15_24", 30),
        ("h", "15_24", 25),
    ]
    # Reopening the editor shows the saved crossing and targets.
    again = client.get(url).context
    assert [q.code for q in again["picked"]] == ["sexe", "age"]
    assert again["grid"]["t_0_0"].value() == 30


def test_bad_quota_grid_changes_nothing(client, coordinator_a, campaign):
    campaigns.set_quotas(coordinator_a, campaign, [({"qpv": "oui"}, 10)])
    client.force_login(coordinator_a)
    response = client.post(_url("campaign_quotas", campaign), {"first": "qpv", "t_0_0": "-3"})
    assert response.status_code == 400
    assert list(campaign.quotas.values_list("cell", "target")) == [({"qpv": "oui"}, 10)]


# --- invitations -------------------------------------------------------------------------


def test_invitations_new_then_panel_then_csv(client, coordinator_a, questionnaire):
    wave1 = campaigns.create_campaign(coordinator_a, questionnaire, label="Avant")
    wave2 = campaigns.create_campaign(coordinator_a, questionnaire, label="Après")
    client.force_login(coordinator_a)
    url = _url("campaign_invitations", wave1)
    assert client.post(url, {"action": "new", "count": "3"}).status_code == 302
    assert client.post(url, {"action": "new", "count": "0"}).status_code == 400
    first = list(wave1.invitations.all())
    assert len(first) == 3
    submit(wave1, Submission(version_number=1, answers={"sexe": "f"}, invitation=first[0]))
    panel = _url("campaign_invitations", wave2)
    page = client.get(panel)
    assert page.context["candidates"] == 1
    assert client.post(panel, {"action": "panel", "source": ""}).status_code == 302
    assert client.post(panel, {"action": "panel", "source": str(wave1.pk)}).status_code == 302
    (linked,) = wave2.invitations.all()
    assert linked.respondent_id == first[0].respondent_id
    body = client.get(_url("campaign_invitations_csv", wave1))
    assert body["Content-Type"] == "text/csv; charset=utf-8"
    assert body["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(body.content.decode("utf-8-sig")), delimiter=";"))
    links = {row[0]: row[1] for row in rows[1:]}
    assert links == {i.respondent.pseudonym: f"http://testserver/i/{i.token}/" for i in first}
    assert [row[2] != "" for row in rows[1:]].count(True) == 1


# --- respondents and personal data -------------------------------------------------------


def test_researcher_lists_respondents_without_personal_data(client, experiment_a, marie):
    researcher = make_user("chercheuse")
    give_role(researcher, experiment_a, R.RESEARCHER)
    client.force_login(researcher)
    page = client.get(reverse("collection:respondents", args=[experiment_a.slug]))
    text = page.content.decode()
    assert marie.respondent.pseudonym in text
    assert "marie@exemple.fr" not in text
    personal = reverse(
        "collection:respondent_personal_data", args=[experiment_a.slug, marie.respondent.pk]
    )
    assert personal not in text
    assert client.get(personal).status_code == NO


def test_only_personal_data_managers_erase(client, experiment_a, marie):
    erase = reverse("collection:respondent_erase", args=[experiment_a.slug, marie.respondent.pk])
    for role in (R.RESEARCHER, R.TEAM_MEMBER):
        user = make_user(f"u-{role}")
        give_role(user, experiment_a, role)
        client.force_login(user)
        assert client.post(erase).status_code == NO
    assert PersonalData.objects.count() == 1


def test_erasure_keeps_the_answers_and_says_when(client, coordinator_a, experiment_a, marie):
    client.force_login(coordinator_a)
    respondents = client.get(reverse("collection:respondents", args=[experiment_a.slug]))
    personal = reverse(
        "collection:respondent_personal_data", args=[experiment_a.slug, marie.respondent.pk]
    )
    assert personal in respondents.content.decode()
    assert "marie@exemple.fr" in client.get(personal).content.decode()
    erase = reverse("collection:respondent_erase", args=[experiment_a.slug, marie.respondent.pk])
    assert "marie@exemple.fr" in client.get(erase).content.decode()  # GET only confirms
    assert PersonalData.objects.count() == 1
    response = client.post(erase, follow=True)
    assert response.redirect_chain[-1][0] == personal
    page = response.content.decode()
    assert "marie@exemple.fr" not in page
    assert not PersonalData.objects.exists()
    assert Response.objects.filter(pk=marie.pk, answers__sexe="f").exists()
    marie.respondent.refresh_from_db()
    erased_on = marie.respondent.personal_data_erased_at.astimezone(PARIS)
    assert erased_on.strftime("%Y") in page and response.context["answers"] == 1
    assert AuditEvent.objects.filter(action="deleted", actor=coordinator_a).exists()


def test_respondent_of_another_experiment_is_not_found(client, lab_admin, experiment_b, marie):
    client.force_login(lab_admin)
    url = reverse("collection:respondent_personal_data", args=[experiment_b.slug, marie.pk])
    assert client.get(url).status_code == GONE


# --- query counts ------------------------------------------------------------------------


def _add_answers(campaign, coordinator, n: int, start: int = 0):
    for i in range(start, start + n):
        sexe = "fh"[i % 2]
        answer(campaign, sexe=sexe, age="15_24", courriel=f"r{i}@exemple.fr")
    campaigns.create_invitations(coordinator, campaign, n)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_detail_and_respondents_pages_make_a_constant_number_of_queries(
    client, coordinator_a, questionnaire
):
    wave1 = campaigns.create_campaign(coordinator_a, questionnaire, label="Avant", target_size=9)
    wave2 = campaigns.create_campaign(coordinator_a, questionnaire, label="Après")
    campaigns.set_quotas(coordinator_a, wave1, [({"sexe": "f"}, 5), ({"sexe": "h"}, 5)])
    client.force_login(coordinator_a)
    detail = _url("campaign_detail", wave1)
    respondents = reverse("collection:respondents", args=[questionnaire.experiment.slug])
    invitations = _url("campaign_invitations", wave2)
    _add_answers(wave1, coordinator_a, 2)
    campaigns.invite_panel(coordinator_a, wave2)
    few = [_queries(client, url) for url in (detail, respondents, invitations)]
    _add_answers(wave1, coordinator_a, 12, start=2)
    for invitation in campaigns.invite_panel(coordinator_a, wave2)[:3]:
        submit(wave2, Submission(version_number=1, answers={"sexe": "f"}, invitation=invitation))
    many = [_queries(client, url) for url in (detail, respondents, invitations)]
    assert many == few


def test_the_journal_shows_every_campaign_change(client, lab_admin, coordinator_a, questionnaire):
    """Creating and changing a campaign, its quotas and its links leaves readable events."""
    wave1 = campaigns.create_campaign(coordinator_a, questionnaire, label="Avant")
    wave2 = campaigns.create_campaign(coordinator_a, questionnaire, label="Après")
    campaigns.set_quotas(coordinator_a, wave1, [({"sexe": "f"}, 3)])
    (invitation,) = campaigns.create_invitations(coordinator_a, wave1, 1)
    submit(wave1, Submission(version_number=1, answers={"sexe": "f"}, invitation=invitation))
    campaigns.invite_panel(coordinator_a, wave2)
    client.force_login(lab_admin)
    journal = client.get(reverse("experiments:audit", args=[questionnaire.experiment.slug]))
    assert journal.status_code == 200
    assert journal.content.decode().count("Avant") >= 3
