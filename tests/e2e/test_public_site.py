"""The public site in a browser, as a resident sees it: the demo lab's catalogue, a filter, an
experiment page and a news post, in French then in English, on a phone and on a desktop.
Every page passes axe and loads nothing from another host."""

import pytest
from playwright.sync_api import Page, expect

from civiclab.demo.build import build_demo_lab
from civiclab.experiments.models import Experiment
from civiclab.gallery.demo import build_demo_gallery
from civiclab.opendata.demo import build_demo_opendata
from civiclab.public.demo import build_demo_publication
from civiclab.public.models import NewsPost

SLUG = "conseils-de-quartier-lille"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def public_demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }
    build_demo_lab()
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    for experiment in Experiment.objects.all():
        build_demo_gallery(experiment, admin)
    build_demo_opendata()
    for experiment in Experiment.objects.all():
        build_demo_publication(experiment, admin)


def shoot(page: Page, screenshot, name: str) -> None:
    """A full-page screenshot on a phone and on a desktop, photos loaded."""
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.evaluate(
            "() => document.querySelectorAll('img[loading=lazy]')"
            ".forEach(image => { image.loading = 'eager'; })"
        )
        page.wait_for_load_state("networkidle")
        screenshot(page, f"public-{name}-{label}")
    page.set_viewport_size(DESKTOP)


def test_a_resident_browses_the_public_site_in_french_then_english(
    page: Page, public_demo, assert_no_axe_violations, screenshot
):
    post = NewsPost.objects.filter(experiment__slug=SLUG, is_published=True).first()
    for language in ("fr", "en"):
        page.goto("/public/")
        assert page.locator("html").get_attribute("lang") == language
        cards = page.locator(".pub-card")
        expect(cards).to_have_count(3)
        assert_no_axe_violations(page)
        shoot(page, screenshot, f"catalogue-{language}")

        # Filter by theme: youth is only the regional experiment's.
        page.locator("select[name=theme]").select_option("youth")
        page.locator("form.pub-filters button[type=submit]").click()
        expect(cards).to_have_count(1)
        assert "theme=youth" in page.url
        assert_no_axe_violations(page)
        page.goto("/public/?status=running&method=neighbourhood_council")
        expect(cards).to_have_count(1)

        cards.first.locator("a").click()
        expect(page.locator("h1")).to_have_text("Réinventer les conseils de quartier")
        expect(page.locator(".pub-figure")).to_have_count(3)
        expect(page.locator(".pub-quote")).to_have_count(2)
        assert (
            page.locator("meta[property='og:image']")
            .get_attribute("content")
            .endswith("/large.jpg")
        )
        assert_no_axe_violations(page)
        shoot(page, screenshot, f"experiment-{language}")

        page.get_by_role("link", name=post.title).click()
        expect(page.locator("h1")).to_have_text(post.title)
        assert_no_axe_violations(page)
        shoot(page, screenshot, f"news-{language}")

        page.goto("/public/news/")
        assert_no_axe_violations(page)
        if language == "fr":
            page.get_by_role("button", name="English").click()
            expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.third_party_requests == []
    assert page.js_errors == []


def test_the_replication_kit_downloads_from_the_page(page: Page, public_demo):
    page.goto(f"/public/{SLUG}/")
    with page.expect_download() as download:
        page.locator(f"a[href='/public/{SLUG}/kit.zip']").click()
    assert download.value.suggested_filename == f"{SLUG}-kit-replication.zip"
    assert page.third_party_requests == []
