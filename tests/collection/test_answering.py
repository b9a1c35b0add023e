"""Answering online: consent, pages, show-if, save and resume, spam and double submission."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civiclab.collection.models import Campaign, Draft, Invitation, Respondent, Response

pytestmark = pytest.mark.django_db

PROFILE = {
    "age": "34",
    "premiere_fois": "oui",
    "nom": "Camille Martin",
    "courriel": "camille@example.org",
}
OPINION = {"confiance": "3", "canal": ["affiche", "reseaux"], "quartier": "wazemmes"}


def start_url(campaign):
    return reverse("collection:answer_start", kwargs={"token": campaign.token})


def begin(client, campaign) -> str:
    response = client.post(start_url(campaign), {"consent": "yes"})
    assert response.status_code == 302
    return response["Location"]


def post_page(client, url, data, action="next"):
    return client.post(url, {**data, "action": action})


def test_the_welcome_page_says_who_why_how_long_and_the_rights(client, campaign):
    page = client.get(start_url(campaign)).content.decode()
    for text in ("Mesurer la confiance", "Ville de Lille", "2 ans", "dpo@example.org", "RGPD"):
        assert text in page


def test_no_answers_without_consent(client, campaign):
    response = client.post(start_url(campaign), {})
    assert response.status_code == 400
    assert "cocher la case" in response.content.decode()
    assert not Draft.objects.exists()


def test_a_respondent_answers_page_by_page_and_the_response_is_stored_once(client, campaign):
    url = begin(client, campaign)
    first = client.get(url).content.decode()
    assert "Page 1 sur 2" in first, "the opinion page waits for the age"
    assert "Quel âge avez-vous ?" in first
    assert post_page(client, url, PROFILE).status_code == 302
    assert "Page 2 sur 3" in client.get(url).content.decode()
    assert post_page(client, url, OPINION).status_code == 302
    done = post_page(client, url, {}, action="submit")
    assert done.status_code == 302 and done["Location"] == url, "reloading never sends again"
    assert "Vos réponses ont été enregistrées" in client.get(url).content.decode()
    stored = Response.objects.get()
    assert stored.channel == "online"
    assert stored.answers["canal"] == ["affiche", "reseaux"]
    assert stored.consent_at is not None
    assert stored.personal.data["courriel"] == "camille@example.org"
    draft = Draft.objects.get()
    assert draft.answers == {}, "personal data does not linger in the draft"
    again = post_page(client, url, {}, action="submit")
    assert again.status_code == 200
    assert Response.objects.count() == 1, "a double submission stores one response"


def test_a_hidden_section_is_skipped(client, campaign):
    url = begin(client, campaign)
    post_page(client, url, {**PROFILE, "age": "16"})
    page = client.get(url).content.decode()
    assert "Page 2 sur 2" in page and "Merci pour votre participation" in page
    post_page(client, url, {}, action="submit")
    assert "confiance" not in Response.objects.get().answers


def test_errors_are_shown_in_french_and_nothing_moves_on(client, campaign):
    url = begin(client, campaign)
    response = post_page(client, url, {**PROFILE, "age": "200"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "L'âge doit être entre 15 et 110 ans." in page or "L&#x27;âge doit" in page
    assert 'value="200"' in page, "what the respondent typed is kept"
    assert Draft.objects.get().page == 0
    assert not Response.objects.exists()


def test_save_and_resume_from_the_link_or_the_cookie(client, campaign):
    url = begin(client, campaign)
    saved = post_page(client, url, {"age": "34"}, action="save")
    assert saved.status_code == 200
    assert url in saved.content.decode(), "the page gives the link to come back"
    welcome = client.get(start_url(campaign)).content.decode()
    assert "Reprendre" in welcome
    assert 'value="34"' in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"opens_at": timezone.now() + timedelta(days=2)}, "pas encore ouvert"),
        ({"closes_at": timezone.now() - timedelta(days=2)}, "est clos"),
        ({"access": Campaign.Access.INVITATION}, "lien personnel"),
        ({"online": False}, "en ligne"),
    ],
)
def test_closed_and_not_yet_open_states(client, campaign, change, expected):
    for field, value in change.items():
        setattr(campaign, field, value)
    campaign.save()
    page = client.get(start_url(campaign)).content.decode()
    assert expected in page
    assert client.post(start_url(campaign), {"consent": "yes"}).status_code == 200
    assert not Draft.objects.exists()


def test_a_draft_cannot_be_finished_once_the_campaign_closes(client, campaign):
    url = begin(client, campaign)
    post_page(client, url, PROFILE)
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save()
    assert "est clos" in post_page(client, url, OPINION).content.decode()
    assert not Response.objects.exists()


def test_the_honeypot_stores_nothing(client, campaign):
    response = client.post(start_url(campaign), {"consent": "yes", "website": "http://spam"})
    assert response.status_code == 200
    assert not Draft.objects.exists()


def test_too_many_starts_from_one_address_are_refused(client, campaign, settings):
    settings.ONLINE_ANSWERS_PER_HOUR = 2
    begin(client, campaign)
    begin(client, campaign)
    refused = client.post(start_url(campaign), {"consent": "yes"})
    assert refused.status_code == 429
    assert Draft.objects.count() == 2


def test_a_one_time_link_answers_once_as_its_respondent(client, campaign, experiment_a):
    campaign.access = Campaign.Access.INVITATION
    campaign.save()
    respondent = Respondent.objects.create(experiment=experiment_a)
    invitation = Invitation.objects.create(campaign=campaign, respondent=respondent)
    link = reverse("collection:invitation", kwargs={"token": invitation.token})
    url = client.post(link, {"consent": "yes"})["Location"]
    post_page(client, url, PROFILE)
    post_page(client, url, OPINION)
    post_page(client, url, {}, action="submit")
    assert Response.objects.get().respondent == respondent
    assert "déjà été utilisé" in client.get(link).content.decode()


def test_an_unknown_draft_or_campaign_is_404(client, campaign):
    assert (
        client.get(reverse("collection:answer_start", kwargs={"token": "nope"})).status_code == 404
    )
    url = reverse("collection:answer_page", kwargs={"token": campaign.token, "draft": "nope"})
    assert client.get(url).status_code == 404


def test_a_draft_only_opens_under_its_own_campaign(client, campaign, questionnaire):
    url = begin(client, campaign)
    other = Campaign.objects.create(questionnaire=questionnaire, label="Vague 2")
    draft = Draft.objects.get()
    assert url.endswith(f"/d/{draft.token}/")
    wrong = reverse("collection:answer_page", kwargs={"token": other.token, "draft": draft.token})
    assert client.get(wrong).status_code == 404


def test_answers_echoed_into_the_page_cannot_close_its_script(client, campaign):
    url = begin(client, campaign)
    post_page(client, url, {**PROFILE, "nom": "</script><script>alert(1)</script>"})
    page = client.get(url).content.decode()
    assert "<script>alert(1)" not in page
    assert "\\u003C/script\\u003E" in page


def test_a_one_time_link_started_twice_still_answers_once(client, campaign, experiment_a):
    campaign.access = Campaign.Access.INVITATION
    campaign.save()
    invitation = Invitation.objects.create(
        campaign=campaign, respondent=Respondent.objects.create(experiment=experiment_a)
    )
    link = reverse("collection:invitation", kwargs={"token": invitation.token})
    first = client.post(link, {"consent": "yes"})["Location"]
    second = client.post(link, {"consent": "yes"})["Location"]  # another tab, same link
    for url in (first, second):
        post_page(client, url, PROFILE)
        post_page(client, url, OPINION)
    post_page(client, first, {}, action="submit")
    assert "déjà été utilisé" in client.get(second).content.decode()
    post_page(client, second, {}, action="submit")
    assert Response.objects.count() == 1
