"""Every page of the demo lab passes axe, in French and in English, as lab staff sees it."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from civiclab.collection.models import Campaign
from civiclab.demo.build import build_demo_lab
from civiclab.demo.people import DEMO_PASSWORD
from civiclab.documents.models import Document
from civiclab.impact.models import Indicator, Kind
from civiclab.meetings.models import Meeting
from civiclab.qualitative.models import Code, Source, Verbatim
from civiclab.reports.models import Report

SLUG = "conseils-de-quartier-lille"
PAGES = [
    "/portfolio/",
    "/experiments/",
    "/experiments/?status=running&q=quartier",
    "/experiments/new/",
    f"/experiments/{SLUG}/",
    f"/experiments/{SLUG}/edit/",
    f"/experiments/{SLUG}/team/",
    f"/experiments/{SLUG}/journal/",
    f"/experiments/{SLUG}/protocol/",
    f"/experiments/{SLUG}/protocol/v1/",
    f"/experiments/{SLUG}/protocol/history/",
    f"/experiments/{SLUG}/protocol/diff/?from=1&to=3",
    f"/experiments/{SLUG}/protocol/method/edit/",
    f"/experiments/{SLUG}/protocol/hypotheses/edit/",
    f"/experiments/{SLUG}/planning/",
    f"/experiments/{SLUG}/planning/task/new/",
    f"/experiments/{SLUG}/planning/phase/new/",
    "/tasks/mine/",
    "/tasks/overdue/",
    "/planning/timeline/",
    "/calendar/",
    f"/experiments/{SLUG}/meetings/",
    f"/experiments/{SLUG}/meetings/new/",
    "/lab/meetings/",
    "/lab/meetings/new/",
    f"/experiments/{SLUG}/progress/",
    f"/experiments/{SLUG}/budget/",
    f"/experiments/{SLUG}/budget/expenses/",
    f"/experiments/{SLUG}/budget/expenses/new/",
    "/budget/",
    f"/experiments/{SLUG}/documents/",
    f"/experiments/{SLUG}/documents/upload/",
    "/lab/documents/",
    f"/experiments/{SLUG}/questionnaires/",
    f"/experiments/{SLUG}/questionnaires/import/",
    f"/experiments/{SLUG}/respondents/",
    f"/experiments/{SLUG}/impact/",
    f"/experiments/{SLUG}/impact/library/",
    f"/experiments/{SLUG}/impact/indicators/new/",
    "/impact/library/",
    f"/experiments/{SLUG}/results/",
    f"/experiments/{SLUG}/results/?weighted=1",
    f"/experiments/{SLUG}/results/questions/?wave=after&by=sexe",
    f"/experiments/{SLUG}/results/participants/",
    f"/experiments/{SLUG}/results/population/",
    f"/experiments/{SLUG}/qualitative/",
    f"/experiments/{SLUG}/qualitative/codebook/",
    f"/experiments/{SLUG}/qualitative/codebook/new/",
    f"/experiments/{SLUG}/qualitative/codebook/import/",
    f"/experiments/{SLUG}/qualitative/passages/",
    f"/experiments/{SLUG}/qualitative/analysis/",
    f"/experiments/{SLUG}/qualitative/agreement/",
    f"/experiments/{SLUG}/qualitative/verbatims/",
    f"/experiments/{SLUG}/qualitative/sources/new/",
    f"/experiments/{SLUG}/qualitative/sources/open-answers/",
    f"/experiments/{SLUG}/reports/",
    f"/experiments/{SLUG}/gallery/",
    "/lab/look/",
    "/accounts/password_change/",
    "/experiments/does-not-exist/",
]


def collection_pages() -> list[str]:
    """The demo questionnaire of Lille: builder, co-construction, its campaigns and their
    channels, and what a resident sees of its open wave."""
    campaign = Campaign.objects.select_related("questionnaire").get(
        questionnaire__experiment__slug=SLUG, wave=Campaign.Wave.AFTER
    )
    base = f"/experiments/{SLUG}/questionnaires/{campaign.questionnaire.pk}/"
    wave = f"/experiments/{SLUG}/campaigns/{campaign.pk}/"
    return [
        base,
        f"{base}build/",
        f"{base}preview/",
        f"{base}comments/",
        f"{base}versions/?from=1&to=1",
        f"{base}campaigns/",
        wave,
        f"{wave}quotas/",
        f"{wave}invitations/",
        f"{wave}paper/",
        f"{wave}paper/checks/",
        f"{wave}import/",
        f"{wave}collect/",
        f"/a/{campaign.token}/",
    ]


def qualitative_pages() -> list[str]:
    """Every demo source of Lille (coding screens, open answers and their themes), a code and a
    verbatim."""
    sources = Source.objects.filter(experiment__slug=SLUG)
    pages = [source.get_absolute_url() for source in sources]
    pages += [
        reverse("qualitative:themes", args=[SLUG, s.pk]) for s in sources if s.is_open_answers
    ]
    code = Code.objects.filter(experiment__slug=SLUG, parent__isnull=False).first()
    verbatim = Verbatim.objects.filter(experiment__slug=SLUG).first()
    pages.append(reverse("qualitative:code_edit", args=[SLUG, code.pk]))
    pages.append(reverse("qualitative:verbatim_edit", args=[SLUG, verbatim.pk]))
    pages += [r.get_absolute_url() for r in Report.objects.filter(experiment__slug=SLUG)]
    return pages


def impact_pages() -> list[str]:
    """The sheet of each kind of demo indicator: from answers, by hand, from the library."""
    indicators = Indicator.objects.filter(experiment__slug=SLUG)
    manual = indicators.filter(kind=Kind.MANUAL).first()
    shared = indicators.filter(library_indicator__isnull=False).first()
    return [indicator.get_absolute_url() for indicator in (manual, shared) if indicator]


@pytest.fixture
def demo_lab(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Results are computed by background tasks: here at once, in the request.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }
    build_demo_lab()


def test_every_page_passes_axe_in_french_then_english(
    page: Page, demo_lab, login, assert_no_axe_violations
):
    login(page, "admin", DEMO_PASSWORD)
    for language in ("fr", "en"):
        for path in PAGES:
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language, path
            assert_no_axe_violations(page)
        # Each demo meeting page: a closed COPIL with minutes, a held COTECH, a planned COPIL.
        for meeting in Meeting.objects.filter(experiment__slug=SLUG):
            page.goto(meeting.get_absolute_url())
            assert_no_axe_violations(page)
        for document in Document.objects.filter(experiment__slug=SLUG)[:2]:
            page.goto(document.get_absolute_url())
            assert_no_axe_violations(page)
        for path in collection_pages() + impact_pages() + qualitative_pages():
            page.goto(path)
            assert_no_axe_violations(page)
        if language == "fr":
            page.get_by_role("button", name="View in English").click()
    assert page.third_party_requests == []
    assert page.js_errors == []


def test_form_errors_and_conflict_pages_pass_axe(
    page: Page, demo_lab, login, assert_no_axe_violations
):
    """Pages showing errors are the ones most often inaccessible: check them too."""
    login(page, "admin", DEMO_PASSWORD)
    page.goto("/experiments/new/")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_role("alert").count() >= 1
    assert_no_axe_violations(page)

    # Open the same section twice, save from the first, then from the stale second.
    page.goto(f"/experiments/{SLUG}/protocol/risks/edit/")
    other = page.context.new_page()
    other.goto(f"/experiments/{SLUG}/protocol/risks/edit/")
    page.fill("textarea[name=text]", "Risque ajouté par la première personne.")
    page.get_by_role("button", name="Enregistrer").click()
    other.fill("textarea[name=text]", "Risque ajouté par la seconde personne.")
    other.get_by_role("button", name="Enregistrer").click()
    assert other.get_by_text("Risque ajouté par la première personne.").count() >= 1
    assert other.locator("textarea[name=text]").input_value() == (
        "Risque ajouté par la seconde personne."
    )
    assert_no_axe_violations(other)


def test_questionnaire_import_report_and_detail_pass_axe(
    page: Page, demo_lab, login, assert_no_axe_violations, tmp_path
):
    from tests.surveys.forms import kobo_form

    form = tmp_path / "evaluation.xlsx"
    form.write_bytes(kobo_form())
    login(page, "analyste", DEMO_PASSWORD)
    page.goto(f"/experiments/{SLUG}/questionnaires/import/")
    page.get_by_label("Fichier XLSForm (.xlsx)").set_input_files(str(form))
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_role("heading", name="Rapport d'import")).to_have_count(1)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Voir le questionnaire").click()
    # expect() waits for the page the click opens; count() would read the old one.
    expect(page.get_by_role("link", name="Télécharger en XLSForm")).to_have_count(1)
    assert_no_axe_violations(page)
    page.screenshot(path="screenshots/questionnaire.png", full_page=True)
