"""A coordinator edits experiment A's protocol in the browser and finds the new version."""

import re

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

NEW_CONTEXT = (
    "Douze conseils de quartier renouvelés par tirage au sort ; "
    "les habitants des quartiers prioritaires y sont sous-représentés."
)


def test_coordinator_edits_a_protocol_section_and_sees_the_new_version(
    page: Page, login, assert_no_axe_violations, screenshot, coordinator_a, experiment_a
):
    """Each page of the flow is accessible, no third-party host is contacted, and saving
    the "Contexte" section creates the next protocol version, listed in the history."""
    latest = experiment_a.protocol_versions.order_by("-number").first()
    next_number = (latest.number if latest else 0) + 1

    login(page, coordinator_a.username, PASSWORD)
    assert_no_axe_violations(page)

    page.goto("/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=experiment_a.title, exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name=experiment_a.title)).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Protocole", exact=True).click()
    context_section = page.get_by_role("region", name="Contexte", exact=True)
    expect(context_section).to_be_visible()
    assert_no_axe_violations(page)

    context_section.get_by_role("link").click()
    text = page.locator("textarea[name='text']")
    expect(text).to_be_visible()
    assert_no_axe_violations(page)
    text.fill(NEW_CONTEXT)
    page.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(page).to_have_url(re.compile(r"/protocol/$"))
    expect(page.get_by_role("region", name="Contexte", exact=True)).to_contain_text(NEW_CONTEXT)
    assert_no_axe_violations(page)
    screenshot(page, "protocol-after-edit")

    page.get_by_role("link", name="Historique", exact=True).click()
    expect(page.get_by_role("link", name=f"Version {next_number}", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, "protocol-history")

    assert experiment_a.protocol_versions.order_by("-number").first().number == next_number
    assert page.third_party_requests == []
    assert page.js_errors == []
