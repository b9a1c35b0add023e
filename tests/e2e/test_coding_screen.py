# ruff: noqa: F811 (the qualitative tests' fixtures are imported by name, then requested)
"""An analyst selects passages of a transcript in the browser and codes them: the positions the
page sends are the server's, across emoji, accents, line breaks and highlighted passages."""

from playwright.sync_api import Page, expect

from civiclab.qualitative import services
from civiclab.qualitative.models import Coding, Verbatim
from tests.conftest import PASSWORD
from tests.qualitative.conftest import (  # noqa: F401
    analyst_a,
    campaign,
    codes,
    interview,
    open_source,
    questionnaire,
)

SELECT = """([container, wanted]) => {
  // Select `wanted` in the text as a reader would, whatever elements it crosses.
  const root = document.querySelector(container);
  const full = root.textContent;
  const at = full.indexOf(wanted);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0, start = null, end = null, node;
  while ((node = walker.nextNode())) {
    const length = node.data.length;
    if (start === null && at < seen + length) start = [node, at - seen];
    if (end === null && at + wanted.length <= seen + length) {
      end = [node, at + wanted.length - seen];
      break;
    }
    seen += length;
  }
  const range = document.createRange();
  range.setStart(...start);
  range.setEnd(...end);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


def test_an_analyst_codes_a_selection_across_emoji_and_highlights(
    page: Page,
    login,
    screenshot,
    analyst_a,
    experiment_a,
    interview,
    codes,
):
    # A passage already coded in the middle of what will be selected: the selection crosses it.
    inside = interview.text.index("Victor")
    services.add_codings(analyst_a, interview, [codes["family"]], inside, inside + 6)
    login(page, analyst_a.username, PASSWORD)
    page.goto(f"/experiments/{experiment_a.slug}/qualitative/sources/{interview.pk}/")
    wanted = "rue Victor Hugo 😀 ; les trottoirs, vous voyez.\nEnquêtrice : Et ensuite"
    page.evaluate(SELECT, ["[data-qual-text]", wanted])
    expect(page.locator("[data-selection-preview]")).to_contain_text("rue Victor Hugo 😀")
    page.get_by_label("Cadre de vie").check()
    page.get_by_role("button", name="Appliquer les codes").click()
    expect(page.get_by_text("Passage codé")).to_be_visible()
    coding = Coding.objects.get(code=codes["cadre"])
    assert coding.text == wanted
    assert interview.text[coding.start : coding.end] == wanted
    # The passage crosses the one coded before: "rue ", "Victor" (both codes), " Hugo…".
    # Waited for: under load the message shows before the rest of the page is parsed.
    expect(page.locator("mark.seg")).to_have_count(3)
    screenshot(page, "qualitative-coding-screen")
    assert not page.js_errors
    assert not page.third_party_requests


def test_a_selection_in_one_open_answer_is_kept_as_a_quote(
    page: Page,
    login,
    analyst_a,
    experiment_a,
    open_source,
):
    login(page, analyst_a.username, PASSWORD)
    page.goto(f"/experiments/{experiment_a.slug}/qualitative/sources/{open_source.pk}/")
    first = page.locator("[data-qual-text]").first
    container_id = first.get_attribute("data-response")
    page.evaluate(SELECT, [f'[data-response="{container_id}"]', "vrai problème 🚌"])
    page.get_by_role("button", name="Garder comme citation").click()
    verbatim = Verbatim.objects.get()
    assert verbatim.original == "vrai problème 🚌"
    assert str(verbatim.response_id) == container_id
