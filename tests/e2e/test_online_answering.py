"""A resident answers on a phone, with the keyboard only; show-if works live; axe is happy."""

import pytest
from playwright.sync_api import Page, expect

from civiclab.collection.models import Campaign, Response
from civiclab.surveys.models import Questionnaire
from civiclab.surveys.services import import_xlsform
from tests.surveys.forms import CHOICES, kobo_form_rows, survey_row, workbook_bytes


def form_with_matrix() -> bytes:
    rows = kobo_form_rows()
    # A question shown on the same page as the answer it depends on.
    rows.insert(
        4,
        survey_row(
            "text",
            "raison",
            "Pourquoi êtes-vous revenu·e ?",
            "Why did you come back?",
            relevant="${premiere_fois} = 'non'",
        ),
    )
    rows[-2:-2] = [
        survey_row(
            "begin_group", "ressenti", "Votre ressenti", "How you felt", appearance="table-list"
        ),
        survey_row("select_one accord", "ecoute", "Je me suis senti·e écouté·e", "I felt heard"),
        survey_row("select_one accord", "clair", "L'information était claire", "It was clear"),
        survey_row("end_group", "ressenti"),
    ]
    settings = {
        "form_title": "Évaluation du conseil",
        "form_id": "eval",
        "default_language": "Français (fr)",
    }
    return workbook_bytes(
        {"survey": rows, "choices": CHOICES, "settings": [list(settings), list(settings.values())]}
    )


@pytest.fixture
def open_campaign(experiment_a, lab_admin):
    questionnaire, _ = import_xlsform(lab_admin, experiment_a, form_with_matrix())
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.save()
    return Campaign.objects.create(
        questionnaire=questionnaire,
        label="Vague 1",
        consent_purpose="Mesurer la confiance dans le conseil.",
        consent_controller="Ville de Lille",
        consent_retention="2 ans",
        consent_contact="dpo@example.org",
    )


def tab_to(page: Page, selector: str, limit: int = 25) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{selector} never got the keyboard focus")


def test_a_resident_answers_with_the_keyboard_only_on_a_phone(
    page: Page, open_campaign, assert_no_axe_violations, screenshot
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/a/{open_campaign.token}/")
    expect(page.get_by_text("Ville de Lille")).to_be_visible()
    assert_no_axe_violations(page)
    tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Page 1 sur 3")).to_be_visible()
    tab_to(page, "#id-age")
    page.keyboard.type("34")
    page.keyboard.press("Tab")  # into the radio group: first choice "Oui"
    page.keyboard.press("ArrowDown")  # moves to and selects "Non"
    reason = page.get_by_label("Pourquoi êtes-vous revenu·e ?")
    expect(reason).to_be_visible()
    page.keyboard.press("ArrowUp")  # back to "Oui": the follow-up question hides
    expect(reason).to_be_hidden()
    assert_no_axe_violations(page)
    screenshot(page, "answer-page-phone")
    tab_to(page, "button[value=next]")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Page 2 sur 4")).to_be_visible()
    tab_to(page, "input[name=confiance]")
    page.keyboard.press("ArrowRight")  # "Plutôt pas d'accord"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # first channel: "Affiche"
    tab_to(page, "button[value=next]")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Page 3 sur 4")).to_be_visible()
    expect(
        page.get_by_role("radio", name="Je me suis senti·e écouté·e Plutôt d'accord")
    ).to_be_attached()
    tab_to(page, "input[name=ecoute]")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert_no_axe_violations(page)
    screenshot(page, "answer-matrix-phone")
    tab_to(page, "button[value=next]")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Page 4 sur 4")).to_be_visible()
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Merci !")).to_be_visible()
    assert_no_axe_violations(page)

    stored = Response.objects.get()
    assert stored.answers["age"] == 34
    assert stored.answers["premiere_fois"] == "oui"
    assert "raison" not in stored.answers
    assert stored.answers["confiance"] == "2"
    assert stored.answers["canal"] == ["affiche"]
    assert stored.answers["ecoute"] == "3"
    assert page.third_party_requests == []
    assert page.js_errors == []


def test_respondent_pages_in_english_pass_axe(page: Page, open_campaign, assert_no_axe_violations):
    page.goto(f"/a/{open_campaign.token}/")
    page.get_by_role("button", name="View in English").click()
    expect(page.get_by_text("Before you start")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("I have read this information and I agree to answer.").check()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_label("How old are you? (required)")).to_be_visible()
    page.get_by_role("button", name="Next").click()  # nothing typed: an error
    expect(page.get_by_role("alert")).to_contain_text("This question requires an answer.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save and finish later").click()
    expect(page.get_by_label("Link to resume")).to_be_visible()
    assert_no_axe_violations(page)


def test_a_closed_campaign_says_so_accessibly(page: Page, open_campaign, assert_no_axe_violations):
    open_campaign.questionnaire.status = Questionnaire.Status.CLOSED
    open_campaign.questionnaire.save()
    page.goto(f"/a/{open_campaign.token}/")
    expect(page.get_by_role("status")).to_contain_text("clos")
    assert_no_axe_violations(page)
