"""Face-to-face collection on a tablet: who may open it, the sync endpoint, the service worker."""

import json
import re
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from civiclab.collection.models import Response
from civiclab.collection.views_tablet import TABLET_ASSETS
from civiclab.experiments.models import Membership
from civiclab.surveys.versioning import copy_version
from tests.collection.conftest import adult_answers
from tests.conftest import give_role, make_user

pytestmark = pytest.mark.django_db
Role = Membership.Role


def urls(campaign) -> dict[str, str]:
    args = [campaign.questionnaire.experiment.slug, campaign.pk]
    return {
        name: reverse(f"collection:{name}", args=args)
        for name in ("tablet", "tablet_submit", "tablet_sw")
    }


def post(client, campaign, payload, **extra):
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    return client.post(
        urls(campaign)["tablet_submit"], body, content_type="application/json", **extra
    )


def one_answer(**changes) -> dict:
    payload = {
        "uuid": str(uuid.uuid4()),
        "version": 1,
        "answers": adult_answers(),
        "place": "Marché de Wazemmes",
        "started_at": "2026-03-12T10:00:00+01:00",
        "submitted_at": "2026-03-12T10:07:00+01:00",
    }
    payload.update(changes)
    return payload


@pytest.fixture
def surveyor(client, coordinator_a):
    client.force_login(coordinator_a)
    return coordinator_a


# --- who may collect -------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.PARTNER, Role.RESEARCHER, Role.INNOVATOR])
def test_roles_without_the_collect_capability_are_refused(client, campaign, experiment_a, role):
    """A member whose role does not collect answers gets a 403 on every tablet URL."""
    user = make_user(f"role-{role}")
    give_role(user, experiment_a, role)
    client.force_login(user)
    for name in ("tablet", "tablet_sw"):
        assert client.get(urls(campaign)[name]).status_code == 403, name
    response = post(client, campaign, one_answer())
    assert response.status_code == 403
    assert response.json()["status"] == "refused"
    assert not Response.objects.exists()


def test_strangers_do_not_even_see_the_campaign(client, campaign, outsider):
    """Someone with no role on the experiment gets a 404, as if it did not exist."""
    client.force_login(outsider)
    assert client.get(urls(campaign)["tablet"]).status_code == 404
    assert client.get(urls(campaign)["tablet_sw"]).status_code == 404
    response = post(client, campaign, one_answer())
    assert response.status_code == 404
    assert not Response.objects.exists()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.TEAM_MEMBER, Role.IMPACT_ANALYST])
def test_the_team_may_collect(client, campaign, experiment_a, role):
    user = make_user(f"role-{role}")
    give_role(user, experiment_a, role)
    client.force_login(user)
    assert client.get(urls(campaign)["tablet"]).status_code == 200
    assert post(client, campaign, one_answer()).status_code == 201


def test_lab_staff_may_collect(client, campaign, lab_admin):
    client.force_login(lab_admin)
    assert client.get(urls(campaign)["tablet"]).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(client, campaign):
    response = client.get(urls(campaign)["tablet"])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_expired_session_gets_json_not_a_login_page(client, campaign):
    """The tablet must learn that it has to log in again, and keep its queue."""
    response = post(client, campaign, one_answer())
    assert response.status_code == 401
    assert response.json() == {"status": "login_required", "login_url": "/accounts/login/"}
    assert not Response.objects.exists()


def test_a_campaign_without_face_to_face_has_no_tablet_page(client, surveyor, campaign):
    campaign.face_to_face = False
    campaign.save(update_fields=["face_to_face"])
    assert client.get(urls(campaign)["tablet"]).status_code == 404
    assert client.get(urls(campaign)["tablet_sw"]).status_code == 404
    response = post(client, campaign, one_answer())
    assert response.status_code == 400
    assert not Response.objects.exists()


# --- the page --------------------------------------------------------------------------------


def test_the_page_holds_the_whole_questionnaire_and_what_the_tablet_needs(
    client, surveyor, campaign
):
    """Every page of questions is in the one HTML page, with the show-if conditions, the
    version, the submit URL, the CSRF token and the surveyor's name."""
    response = client.get(urls(campaign)["tablet"])
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    for text in ("Quel âge avez-vous ?", "J'ai confiance", "Merci pour votre participation"):
        assert text in page
    assert page.count('class="tablet-page"') == 3
    assert 'data-relevant="[{&quot;op&quot;: &quot;&gt;=&quot;' in page
    assert "csrfmiddlewaretoken" in page
    assert surveyor.get_full_name() in page
    config = json.loads(
        re.search(r'<script id="tablet-config" type="application/json">(.*?)</script>', page, re.S)[
            1
        ]
    )
    assert config["version"] == 1
    assert config["submit_url"] == urls(campaign)["tablet_submit"]
    assert config["sw_url"] == urls(campaign)["tablet_sw"]
    assert config["rules"]["age"]["min"] == "15" and config["rules"]["age"]["required"]
    with translation.override("fr"):
        assert config["messages"]["page"] == translation.gettext("Page %(index)s of %(total)s")
    for name in TABLET_ASSETS:
        assert static(name) in page


def test_a_closed_campaign_shows_no_form_but_keeps_the_queue_tools(client, surveyor, campaign):
    campaign.closes_at = timezone.now() - timedelta(days=1)
    campaign.save(update_fields=["closes_at"])
    page = client.get(urls(campaign)["tablet"]).content.decode()
    assert 'id="tablet-form"' not in page
    assert 'id="tablet-export"' in page and 'id="tablet-import"' in page


# --- the sync endpoint -----------------------------------------------------------------------


def test_an_answer_is_stored_with_its_surveyor_place_and_channel(client, surveyor, campaign):
    payload = one_answer()
    response = post(client, campaign, payload)
    assert response.status_code == 201
    assert response.json() == {"status": "created", "uuid": payload["uuid"]}
    stored = Response.objects.get()
    assert str(stored.uuid) == payload["uuid"]
    assert stored.channel == Response.Channel.FACE_TO_FACE
    assert stored.surveyor == surveyor
    assert stored.place == "Marché de Wazemmes"
    assert stored.started_at.isoformat() == "2026-03-12T09:00:00+00:00"
    assert stored.personal.data["courriel"] == "camille@example.org"


def test_an_identical_resend_is_acknowledged_and_stored_once(client, surveyor, campaign):
    """A tablet that lost the first acknowledgement sends again: 200, still one response."""
    payload = one_answer()
    assert post(client, campaign, payload).status_code == 201
    again = post(client, campaign, payload)
    assert again.status_code == 200
    assert again.json() == {"status": "already_stored", "uuid": payload["uuid"]}
    assert Response.objects.count() == 1


def test_another_content_under_a_stored_uuid_is_refused(client, surveyor, campaign):
    payload = one_answer()
    post(client, campaign, payload)
    response = post(client, campaign, {**payload, "answers": adult_answers(age=50)})
    assert response.status_code == 409
    assert response.json()["status"] == "conflict"
    assert response.json()["uuid"] == payload["uuid"]
    assert Response.objects.count() == 1
    assert Response.objects.get().answers["age"] == 34


def test_answers_the_questionnaire_refuses_come_back_with_messages(client, surveyor, campaign):
    response = post(client, campaign, one_answer(answers=adult_answers(age=200)))
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "invalid"
    assert body["errors"] == {"age": "L'âge doit être entre 15 et 110 ans."}
    assert not Response.objects.exists()


MALFORMED = {
    "not json": "{'uuid': ",
    "not utf-8": b"\xff\xfe{",
    "a list": [one_answer()],
    "no uuid": {"version": 1, "answers": adult_answers()},
    "uuid not a uuid": one_answer(uuid="1; DROP TABLE collection_response"),
    "uuid a number": one_answer(uuid=12),
    "answers a list": one_answer(answers=[["age", 34]]),
    "answers a string": one_answer(answers="age=34"),
    "unknown version": one_answer(version=99),
    "version not a number": one_answer(version="un"),
    "version a list": one_answer(version=[1]),
    "age a list": one_answer(answers=adult_answers(age=[34])),
    "unknown question, hostile": one_answer(
        answers={**adult_answers(), "<script>alert(1)</script>": "x"}
    ),
    "deeply nested": "[" * 50_000 + "]" * 50_000,
}


@pytest.mark.parametrize("payload", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_requests_are_refused_and_nothing_is_stored(client, surveyor, campaign, payload):
    response = post(client, campaign, payload)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "invalid" and body["errors"]
    assert not Response.objects.exists()


def test_a_hostile_text_answer_is_stored_as_plain_text(client, surveyor, campaign):
    """Text is data: stored as typed (templates escape it), never interpreted."""
    hostile = '<img src=x onerror="alert(1)">'
    response = post(client, campaign, one_answer(answers=adult_answers(commentaire=hostile)))
    assert response.status_code == 201
    assert Response.objects.get().answers["commentaire"] == hostile


def test_a_closed_campaign_refuses_answers(client, surveyor, campaign):
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save(update_fields=["closes_at"])
    response = post(client, campaign, one_answer())
    assert response.status_code == 403
    with translation.override("fr"):
        closed = translation.gettext("This campaign is closed.")
    assert response.json()["errors"] == {"__all__": closed}
    assert not Response.objects.exists()


def test_a_campaign_not_open_yet_refuses_answers(client, surveyor, campaign):
    campaign.opens_at = timezone.now() + timedelta(days=1)
    campaign.save(update_fields=["opens_at"])
    assert post(client, campaign, one_answer()).status_code == 403
    assert not Response.objects.exists()


def test_the_endpoint_needs_the_csrf_token_sent_by_the_tablet(campaign, coordinator_a):
    """The tablet sends the token in the X-CSRFToken header; a forged request has none."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator_a)
    client.get(urls(campaign)["tablet"])
    token = client.cookies["csrftoken"].value
    assert post(client, campaign, one_answer()).status_code == 403
    assert not Response.objects.exists()
    assert post(client, campaign, one_answer(), HTTP_X_CSRFTOKEN=token).status_code == 201


def test_the_endpoint_only_takes_posts(client, surveyor, campaign):
    assert client.get(urls(campaign)["tablet_submit"]).status_code == 405


def test_answers_to_an_older_version_are_still_accepted(client, surveyor, campaign):
    """A tablet prepared before a new version was made still sends its queue."""
    copy_version(campaign.questionnaire.current_version(), surveyor)
    assert post(client, campaign, one_answer(version=1)).status_code == 201
    assert post(client, campaign, one_answer(version=2)).status_code == 201


# --- the service worker ----------------------------------------------------------------------


def test_the_service_worker_is_javascript_listing_the_page_and_its_files(
    client, surveyor, campaign
):
    response = client.get(urls(campaign)["tablet_sw"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert "Service-Worker-Allowed" not in response
    body = response.content.decode()
    config = json.loads(re.search(r"const CONFIG = (\{.*?\});", body)[1])
    assert config["page"] == urls(campaign)["tablet"]
    assert config["assets"] == [static(name) for name in TABLET_ASSETS]
    assert config["cache"].startswith(config["cache_prefix"])
    assert "&quot;" not in body and "&lt;" not in body, "no HTML escaping in JavaScript"


def test_the_cache_name_changes_with_the_questionnaire_version(client, surveyor, campaign):
    def cache_name():
        body = client.get(urls(campaign)["tablet_sw"]).content.decode()
        return json.loads(re.search(r"const CONFIG = (\{.*?\});", body)[1])["cache"]

    before = cache_name()
    assert cache_name() == before, "stable while nothing changes: no needless reinstall"
    copy_version(campaign.questionnaire.current_version(), surveyor)
    assert cache_name() != before


def test_in_production_the_worker_keeps_the_hashed_static_files(
    client, surveyor, campaign, settings, tmp_path
):
    """With the manifest storage (DEBUG off), the page and the worker name the same
    content-hashed files, so the worker caches what the page really loads."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    body = client.get(urls(campaign)["tablet_sw"]).content.decode()
    assets = json.loads(re.search(r"const CONFIG = (\{.*?\});", body)[1])["assets"]
    assert any(re.fullmatch(r"/static/js/tablet\.[0-9a-f]{12}\.js", url) for url in assets)
    page = client.get(urls(campaign)["tablet"]).content.decode()
    for url in assets:
        assert f'"{url}"' in page
