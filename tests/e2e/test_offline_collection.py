"""A surveyor collects answers on a tablet with no network; each is stored exactly once."""

import json

import pytest
from django.core.signals import request_started
from django.urls import reverse
from playwright.sync_api import Page, expect

from civiclab.collection.models import Campaign, Response
from civiclab.surveys.models import Questionnaire
from civiclab.surveys.services import import_xlsform
from tests.conftest import PASSWORD
from tests.surveys.forms import kobo_form

PLACE = "Marché de Wazemmes"
TABLET = {"width": 820, "height": 1180}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def campaign(experiment_a, lab_admin):
    questionnaire, _report = import_xlsform(lab_admin, experiment_a, kobo_form())
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.save(update_fields=["status"])
    return Campaign.objects.create(
        questionnaire=questionnaire, label="Vague 1", online=False, face_to_face=True
    )


@pytest.fixture
def server_hits():
    """Paths of the requests that reached Django (the live server runs in this process)."""
    hits: list[str] = []

    def record(sender, environ, **kwargs):
        hits.append(environ.get("PATH_INFO", ""))

    request_started.connect(record)
    yield hits
    request_started.disconnect(record)


def eventually(page: Page, condition, timeout_ms: int = 30_000) -> None:
    """Wait until `condition()` holds, letting the browser and the live server work."""
    for _ in range(timeout_ms // 100):
        if condition():
            return
        page.wait_for_timeout(100)
    assert condition()


def tablet_url(campaign) -> str:
    return reverse("collection:tablet", args=[campaign.questionnaire.experiment.slug, campaign.pk])


def open_tablet(page: Page, campaign) -> None:
    """Open the tablet page and wait until its service worker controls it."""
    page.goto(tablet_url(campaign))
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    if not page.evaluate("Boolean(navigator.serviceWorker.controller)"):
        page.reload()
    page.wait_for_function("Boolean(navigator.serviceWorker.controller)")
    expect(page.locator("#tablet-offline")).to_have_attribute("data-ready", "true")


def answer(page: Page, age: int, trust: str | None = None) -> None:
    """Fill in one questionnaire; `trust` answers the section shown to adults only."""
    page.get_by_label("Quel âge avez-vous ?").fill(str(age))
    page.locator("#q-premiere_fois").get_by_label("Oui").check()
    page.locator("#tablet-next").click()
    if trust is not None:
        expect(page.get_by_role("heading", name="Votre avis")).to_be_visible()
        page.locator("#q-confiance").get_by_label(trust).check()
        page.locator("#q-canal").get_by_label("Affiche").check()
        page.locator("#tablet-next").click()
    expect(page.get_by_text("Merci pour votre participation !")).to_be_visible()
    page.locator("#tablet-save").click()
    expect(page.locator("#tablet-saved")).to_be_visible()
    expect(page.get_by_label("Quel âge avez-vous ?")).to_have_value("")


def test_answers_entered_offline_are_stored_once_even_when_replayed(
    page: Page, login, coordinator_a, campaign, server_hits, tmp_path
):
    """Offline, three answers wait in the queue, survive a reload, are sent once the network
    is back, and sending the same queue again stores nothing more."""
    login(page, coordinator_a.username, PASSWORD)
    open_tablet(page, campaign)
    page.locator("#tablet-place").fill(PLACE)
    counter = page.locator("#tablet-counter")
    expect(counter).to_have_attribute("data-count", "0")

    page.context.set_offline(True)
    hits_before = len(server_hits)
    answer(page, 34, trust="Plutôt d'accord")
    answer(page, 16)  # the opinion section is hidden under 18
    answer(page, 67, trust="Tout à fait d'accord")
    expect(counter).to_have_attribute("data-count", "3")
    expect(counter).to_contain_text("3")

    page.locator("details.tablet-tools summary").click()
    with page.expect_download() as download:
        page.locator("#tablet-export").click()
    queue_file = tmp_path / "queue.json"
    download.value.save_as(queue_file)
    exported = json.loads(queue_file.read_text(encoding="utf-8"))
    assert len(exported["answers"]) == 3

    reloaded = page.reload()
    assert reloaded is not None and reloaded.from_service_worker
    expect(page.get_by_label("Quel âge avez-vous ?")).to_be_visible()
    expect(counter).to_have_attribute("data-count", "3")
    expect(page.locator("#tablet-place")).to_have_value(PLACE)
    assert server_hits[hits_before:] == [], "nothing reached the server while offline"
    assert Response.objects.count() == 0

    page.context.set_offline(False)
    expect(counter).to_have_attribute("data-count", "0", timeout=30_000)
    stored = Response.objects.filter(campaign=campaign)
    assert stored.count() == 3
    assert {r.answers["age"] for r in stored} == {34, 16, 67}
    assert all(r.channel == Response.Channel.FACE_TO_FACE for r in stored)
    assert all(r.surveyor == coordinator_a and r.place == PLACE for r in stored)
    assert "confiance" not in stored.get(answers__age=16).answers
    assert {str(r.uuid) for r in stored} == {a["uuid"] for a in exported["answers"]}

    submits_before = server_hits.count(reverse_submit(campaign))
    page.locator("#tablet-import-file").set_input_files(queue_file)
    expect(page.locator("#tablet-tools-message")).to_contain_text("3")

    def replayed() -> int:
        return server_hits.count(reverse_submit(campaign)) - submits_before

    eventually(page, lambda: replayed() >= 3)
    expect(counter).to_have_attribute("data-count", "0")
    assert replayed() == 3
    assert Response.objects.count() == 3
    assert page.third_party_requests == []
    assert page.js_errors == []


def reverse_submit(campaign) -> str:
    return reverse(
        "collection:tablet_submit", args=[campaign.questionnaire.experiment.slug, campaign.pk]
    )


def queue_answer(page: Page, campaign, **answers) -> str:
    """Put an answer straight into the tablet's queue, as a saved form would, and sync."""
    return page.evaluate(
        """async ([campaign, answers]) => {
            const uuid = crypto.randomUUID();
            const now = new Date().toISOString();
            await CivicTablet.queue.put({uuid, campaign, version: 1, answers, place: "Gare",
                started_at: now, submitted_at: now, status: "waiting", errors: null, error: ""});
            await CivicTablet.sync();
            return uuid;
        }""",
        [campaign.pk, answers],
    )


def test_refusals_and_expired_sessions_keep_the_answers_and_the_page_is_accessible(
    page: Page, login, assert_no_axe_violations, screenshot, coordinator_a, campaign
):
    """A refused answer stays in the queue with the server's message; an expired session asks
    to log in again and loses nothing; the page passes axe in French and English and reads
    well on a tablet and a phone."""
    login(page, coordinator_a.username, PASSWORD)
    open_tablet(page, campaign)
    assert_no_axe_violations(page)

    page.locator("#tablet-next").click()
    errors = page.locator("#tablet-errors")
    expect(errors).to_be_focused()
    expect(errors).to_contain_text("Quel âge avez-vous ?")
    assert_no_axe_violations(page)
    page.get_by_label("Quel âge avez-vous ?").fill("12")
    page.locator("#tablet-next").click()
    expect(errors).to_contain_text("15")
    expect(page.get_by_label("Quel âge avez-vous ?")).to_have_attribute("aria-invalid", "true")

    counter = page.locator("#tablet-counter")
    queue_answer(page, campaign, age=200)  # e.g. from a tablet with an older form
    refused = page.locator("#tablet-refused")
    expect(refused).to_contain_text("Quel âge avez-vous ?")
    expect(refused).to_contain_text("110")
    expect(counter).to_have_attribute("data-count", "1")
    assert Response.objects.count() == 0
    page.locator("#tablet-place").fill(PLACE)
    page.locator("details.tablet-tools summary").click()
    assert_no_axe_violations(page)
    page.set_viewport_size(TABLET)
    screenshot(page, "tablet-collection-fr-820")
    page.set_viewport_size(PHONE)
    screenshot(page, "tablet-collection-fr-390")

    page.context.clear_cookies()  # the session expires
    queue_answer(page, campaign, age=40, premiere_fois="non", confiance="2")
    expect(page.locator("#tablet-login")).to_be_visible()
    expect(counter).to_have_attribute("data-count", "2")
    assert Response.objects.count() == 0
    screenshot(page, "tablet-collection-login-390")

    page.set_viewport_size(TABLET)
    login(page, coordinator_a.username, PASSWORD)
    page.goto(tablet_url(campaign))
    expect(counter).to_have_attribute("data-count", "1")
    assert Response.objects.get().answers["age"] == 40
    expect(page.locator("#tablet-login")).to_be_hidden()

    page.once("dialog", lambda dialog: dialog.accept())
    refused.get_by_role("button").last.click()
    expect(counter).to_have_attribute("data-count", "0")

    page.locator("form.lang-form button[lang='en']").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_label("How old are you?")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, "tablet-collection-en-820")
    assert page.third_party_requests == []
    assert page.js_errors == []
