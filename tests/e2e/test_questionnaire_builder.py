"""A coordinator builds a questionnaire from the bank and one question of her own, reorders it
with the keyboard, previews it, and every builder page passes axe in French and English."""

import re

from playwright.sync_api import Page, expect

from civiclab.surveys import editing, review
from civiclab.surveys.models import Questionnaire
from tests.conftest import PASSWORD

TITLE = "Bilan des ateliers de quartier"


def _axe_and_shots(page: Page, check, screenshot, name: str) -> None:
    check(page)
    screenshot(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    check(page)
    screenshot(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_build_reorder_preview_and_review(
    page: Page, login, assert_no_axe_violations, screenshot, coordinator_a, experiment_a
):
    login(page, coordinator_a.username, PASSWORD)
    page.goto(f"/experiments/{experiment_a.slug}/questionnaires/new/")
    assert_no_axe_violations(page)
    page.locator("input[name='title']").fill(TITLE)
    page.locator("main form [type='submit']").click()
    expect(page).to_have_url(re.compile(r"/build/$"))
    questionnaire = Questionnaire.objects.get(title=TITLE)

    # one click: the INSEE profile block from the bank
    page.locator("form[action$='/build/bank/'] [type='submit']").click()
    expect(page.locator(".outline-section")).to_have_count(1)
    assert questionnaire.current_version().questions.filter(code="pcs").exists()

    # one question of our own, outside the section
    page.locator("#new-type").select_option("long_text")
    page.locator("#new-section").select_option("")
    page.locator("form[action$='/build/question/new/'] [type='submit']").click()
    page.locator("textarea[name='label_fr']").fill("Qu'avez-vous appris pendant les ateliers ?")
    page.locator("textarea[name='label_en']").fill("What did you learn during the workshops?")
    page.locator("main form.question-form [type='submit']").click()
    expect(page).to_have_url(re.compile(r"/build/"))
    question = questionnaire.current_version().questions.get(code="appris_pendant_ateliers")
    assert question.section is None
    # The URL changes as soon as the page starts loading; the builder's script (a module,
    # so deferred) runs only once the page is parsed. Before that, a move is a plain form.
    page.wait_for_load_state("domcontentloaded")

    # keyboard: "move up" takes it into the section above; the focus stays on the button
    up = page.locator(f"[data-focus-key='q-{question.pk}-up']")
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#builder-live")).to_have_text(re.compile(r"\S"))
    assert page.evaluate("document.activeElement.dataset.focusKey") == f"q-{question.pk}-up"
    expect(page.locator(f".outline-section #q-{question.pk}")).to_have_count(1)
    first_announcement = page.locator("#builder-live").inner_text()
    page.keyboard.press("Enter")  # and once more, above the last question of the section
    expect(page.locator("#builder-live")).to_have_text(re.compile(r"\S"))
    expect(page.locator("#builder-live")).not_to_have_text(first_announcement)
    question.refresh_from_db()
    codes = [
        q.code
        for b in editing.version_outline(questionnaire.current_version())
        for q in b.questions
    ]
    assert codes[-2:] == ["appris_pendant_ateliers", "premiere_participation"]
    assert page.evaluate("document.activeElement.dataset.focusKey") == f"q-{question.pk}-up"
    _axe_and_shots(page, assert_no_axe_violations, screenshot, "questionnaire-builder")

    # preview in French then English, conditions shown as text
    editing.update_question(coordinator_a, question, {"relevant": "${qpv} = 'oui'"})
    page.goto(f"/experiments/{experiment_a.slug}/questionnaires/{questionnaire.pk}/preview/")
    expect(page.locator(".preview")).to_contain_text("Qu'avez-vous appris")
    expect(page.locator(".preview")).to_contain_text("${qpv} = 'oui'")
    _axe_and_shots(page, assert_no_axe_violations, screenshot, "questionnaire-preview")
    page.locator(".preview-languages a[lang='en']").click()
    expect(page.locator(".preview")).to_contain_text("What did you learn")
    assert_no_axe_violations(page)

    # a comment thread, then a second version to compare
    page.goto(f"/experiments/{experiment_a.slug}/questionnaires/{questionnaire.pk}/comments/")
    page.locator("select[name='question_code']").select_option("pcs")
    page.locator("textarea[name='body']").fill("Faut-il la PCS détaillée ?")
    page.locator("aside form [type='submit']").click()
    expect(page.locator(".thread")).to_contain_text("Faut-il la PCS détaillée ?")
    _axe_and_shots(page, assert_no_axe_violations, screenshot, "questionnaire-comments")

    version = questionnaire.current_version()
    version.frozen = True
    version.save()
    editing.update_question(coordinator_a, question, {"required": True})
    review.submit_for_review(coordinator_a, questionnaire)
    page.goto(
        f"/experiments/{experiment_a.slug}/questionnaires/{questionnaire.pk}/versions/?from=1&to=2"
    )
    expect(page.locator("main")).to_contain_text("appris_pendant_ateliers")
    _axe_and_shots(page, assert_no_axe_violations, screenshot, "questionnaire-versions")

    # the same pages in English
    page.get_by_role("button", name="View in English").click()
    base = f"/experiments/{experiment_a.slug}/questionnaires/{questionnaire.pk}"
    for path in ("build/", "preview/", "preview/?lang=en", "comments/", "versions/", ""):
        page.goto(f"{base}/{path}")
        assert page.locator("html").get_attribute("lang") == "en"
        assert_no_axe_violations(page)
    screenshot(page, "questionnaire-summary-en")

    assert page.third_party_requests == []
    assert page.js_errors == []
