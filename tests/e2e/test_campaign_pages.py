"""Staff pages of a campaign in the browser: axe in French and English, the copy button, the
quota grid swapped by htmx, screenshots at desktop and phone widths."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from civiclab.collection import campaigns
from civiclab.collection.services import Submission, submit
from civiclab.surveys.models import Questionnaire
from civiclab.surveys.services import import_xlsform
from tests.collection.test_campaigns import CHOICES, ROWS
from tests.conftest import PASSWORD
from tests.surveys.forms import minimal_form


@pytest.fixture
def collected(transactional_db, coordinator_a, experiment_a):
    """Two waves of an open questionnaire, quotas, 30 answers over several days, invitations,
    a respondent with personal data."""
    questionnaire, _report = import_xlsform(
        coordinator_a, experiment_a, minimal_form(ROWS, CHOICES)
    )
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.save()
    wave1 = campaigns.create_campaign(
        coordinator_a, questionnaire, label="Avant les nouveaux conseils", target_size=60,
        face_to_face=True, paper=True,
    )  # fmt: skip
    wave2 = campaigns.create_campaign(
        coordinator_a, questionnaire, label="Après", wave="after", access="invitation"
    )
    campaigns.set_quotas(
        coordinator_a,
        wave1,
        [
            ({"sexe": s, "age": a}, t)
            for (s, a, t) in [
                ("f", "15_24", 6), ("h", "15_24", 6), ("f", "25_49", 8),
                ("h", "25_49", 8), ("f", "50_plus", 8), ("h", "50_plus", 3),
            ]
        ],
    )  # fmt: skip
    now = datetime.datetime.now(datetime.UTC)
    ages = ["15_24", "25_49", "50_plus"]
    for i in range(30):
        answers = {"sexe": "fh"[i % 2], "age": ages[i % 3]}
        if i % 10 == 0:
            answers["courriel"] = f"habitant{i}@exemple.fr"
        submit(
            wave1,
            Submission(
                version_number=1,
                answers=answers,
                channel="paper" if i % 4 == 0 else "online",
                submitted_at=now - datetime.timedelta(days=i % 9),
            ),
        )
    campaigns.create_invitations(coordinator_a, wave2, 4)
    campaigns.invite_panel(coordinator_a, wave2)
    respondent = wave1.responses.filter(respondent__isnull=False).first().respondent
    return questionnaire, wave1, wave2, respondent


def _pages(experiment, questionnaire, wave1, wave2, respondent) -> dict[str, str]:
    slug = experiment.slug
    return {
        "campaign-list": reverse("collection:campaign_list", args=[slug, questionnaire.pk]),
        "campaign-new": reverse("collection:campaign_new", args=[slug, questionnaire.pk]),
        "campaign-detail": reverse("collection:campaign_detail", args=[slug, wave1.pk]),
        "campaign-edit": reverse("collection:campaign_edit", args=[slug, wave1.pk]),
        "campaign-quotas": reverse("collection:campaign_quotas", args=[slug, wave1.pk]),
        "campaign-invitations": reverse("collection:campaign_invitations", args=[slug, wave2.pk]),
        "respondents": reverse("collection:respondents", args=[slug]),
        "personal-data": reverse("collection:respondent_personal_data", args=[slug, respondent.pk]),
        "erase": reverse("collection:respondent_erase", args=[slug, respondent.pk]),
    }


def test_campaign_pages_pass_axe_and_look_right(
    page: Page, login, assert_no_axe_violations, screenshot, coordinator_a, experiment_a,
    collected,
):  # fmt: skip
    questionnaire, wave1, wave2, respondent = collected
    pages = _pages(experiment_a, questionnaire, wave1, wave2, respondent)
    login(page, coordinator_a.username, PASSWORD)
    for language in ("fr", "en"):
        for path in pages.values():
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language, path
            assert_no_axe_violations(page)
        if language == "fr":
            for width in (1280, 390):
                page.set_viewport_size({"width": width, "height": 900})
                for name in ("campaign-detail", "campaign-quotas", "campaign-invitations",
                             "campaign-list", "campaign-edit", "respondents"):  # fmt: skip
                    page.goto(pages[name])
                    screenshot(page, f"collection-{name}-{width}")
            page.set_viewport_size({"width": 1280, "height": 900})
            page.locator(".lang-form button[name='language']").click()
    assert page.third_party_requests == []
    assert page.js_errors == []


def test_copy_button_and_quota_picker(
    page: Page, login, assert_no_axe_violations, coordinator_a, experiment_a, collected
):
    questionnaire, wave1, wave2, respondent = collected
    pages = _pages(experiment_a, questionnaire, wave1, wave2, respondent)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    login(page, coordinator_a.username, PASSWORD)
    page.goto(pages["campaign-detail"])
    copy = page.locator("button[data-copy='public-link']")
    expect(copy).to_be_visible()  # shown by the script only
    copy.click()
    expect(page.locator(".copy-status")).not_to_be_empty()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/a/{wave1.token}/")
    # Quotas: six cells of sexe × age reached or not, shown with their counts.
    assert page.locator(".quota-table tbody tr").count() == 6
    assert page.locator(".quota-table .quota-reached").count() == 1  # h × 50+: 5 of 3

    page.goto(pages["campaign-quotas"])
    assert page.locator("#quota-grid tbody tr").count() == 3
    page.locator("select[name='second']").select_option("")  # htmx swaps the grid
    expect(page.locator("#quota-grid thead th")).to_have_count(2)
    page.locator("select[name='first']").select_option("qpv")
    expect(page.locator("#quota-grid tbody tr")).to_have_count(2)
    assert "first=qpv" in page.url
    page.locator("#quota-grid input[type='number']").first.fill("12")
    page.locator("#quota-grid button[type='submit']").click()
    expect(page.locator(".quota-table tbody tr")).to_have_count(1)
    assert list(wave1.quotas.values_list("cell", "target")) == [({"qpv": "oui"}, 12)]
    assert_no_axe_violations(page)
    assert page.third_party_requests == []
    assert page.js_errors == []
