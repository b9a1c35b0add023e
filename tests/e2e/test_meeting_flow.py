"""A coordinator runs a COPIL in the browser and finds its open action on the next agenda."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from civiclab.meetings.models import Outcome
from tests.conftest import PASSWORD

ACTION = "Rédiger la délibération sur l'indemnisation des membres tirés au sort"


def _new_copil(page: Page, slug: str, title: str, when) -> None:
    page.goto(f"/experiments/{slug}/meetings/")
    page.get_by_role("link", name="Nouvelle réunion").click()
    page.get_by_role("combobox", name="Type").select_option("copil")
    page.get_by_role("textbox", name="Titre").fill(title)
    page.get_by_label("Date et heure").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Créer la réunion").click()
    expect(page.get_by_role("heading", level=2, name=title)).to_be_visible()


def test_copil_minutes_decision_action_carried_to_next_meeting(
    page: Page, login, assert_no_axe_violations, coordinator_a, experiment_a
):
    login(page, coordinator_a.username, PASSWORD)
    now = timezone.localtime()
    _new_copil(page, experiment_a.slug, "COPIL de lancement", now - timedelta(days=14))
    # The COPIL template starts with the follow-up of the last meeting's actions.
    expect(
        page.get_by_role("heading", name="1. Suivi des actions de la dernière réunion")
    ).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_text("Ajouter un point à « Décisions à prendre »").click()
    page.get_by_label("Point", exact=True).last.fill("Indemnisation des membres")
    page.get_by_role("button", name="Ajouter le point").last.click()

    item = page.locator(".agenda-item", has_text="Indemnisation des membres")
    item.get_by_label("Compte rendu de « Indemnisation des membres »").fill(
        "Accord de principe sur 30 € par séance."
    )
    item.get_by_role("button", name="Enregistrer le compte rendu").click()
    expect(page.get_by_text("Compte rendu enregistré.")).to_be_visible()

    item = page.locator(".agenda-item", has_text="Indemnisation des membres")
    item.get_by_text("Noter une décision, une action ou une information").click()
    item.get_by_label("Type", exact=True).select_option("decision")
    item.get_by_label("Texte").fill("Les membres tirés au sort sont indemnisés.")
    item.get_by_role("button", name="Noter").click()

    item = page.locator(".agenda-item", has_text="Indemnisation des membres")
    item.get_by_text("Noter une décision, une action ou une information").click()
    item.get_by_label("Type", exact=True).select_option("action")
    item.get_by_label("Texte").fill(ACTION)
    item.get_by_label("Responsable (actions)").select_option(label=str(coordinator_a.person))
    item.get_by_role("button", name="Noter").click()
    expect(page.locator(".agenda-item", has_text=ACTION)).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Passer à « Planifiée »").click()
    page.get_by_role("button", name="Passer à « Tenue »").click()
    expect(page.locator(".status-meeting-held")).to_have_text("Tenue")

    _new_copil(page, experiment_a.slug, "COPIL suivant", now + timedelta(days=30))
    carried = page.get_by_role("region", name="Actions en cours des réunions précédentes")
    expect(carried).to_contain_text(ACTION)
    expect(carried).to_contain_text("décidée en « COPIL de lancement »")
    assert_no_axe_violations(page)

    carried.get_by_role("button", name="Marquer comme faite").click()
    expect(page.get_by_text("Aucune action en cours.")).to_be_visible()
    assert Outcome.objects.get(text=ACTION).status == "done"
    assert page.third_party_requests == []
    assert page.js_errors == []
