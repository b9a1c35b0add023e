"""An analyst imports a French Excel CSV of answers in the browser, from upload to report.

Selectors use ids and roles, not texts: the French translations of these pages arrive with
the lead's merge of the .po files."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from civiclab.collection.models import AnswerImport, Response
from tests.collection.import_forms import EXCEL_ROWS, csv_bytes, plain_campaign
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_and_queue(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def _shots(page: Page, screenshot, name: str) -> None:
    screenshot(page, f"answer-import-{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"answer-import-{name}-390")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"{name}: the page scrolls sideways at 390 px ({width} px)"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_upload_a_french_excel_csv_accept_suggestions_and_watch_it_import(
    page: Page, login, assert_no_axe_violations, screenshot, coordinator_a, experiment_a,
    lab_admin, tmp_path,
):  # fmt: skip
    campaign = plain_campaign(experiment_a, lab_admin)
    bad = [*EXCEL_ROWS, ["2OO", "", "Oui", "", "", "", "", "", ""]]
    good_file, bad_file = tmp_path / "export.csv", tmp_path / "export-erreur.csv"
    good_file.write_bytes(csv_bytes(EXCEL_ROWS))
    bad_file.write_bytes(csv_bytes(bad))
    login(page, coordinator_a.username, PASSWORD)
    start = f"/experiments/{experiment_a.slug}/campaigns/{campaign.pk}/import/"

    # A file with one bad cell: refused whole, the report names the line and the column.
    page.goto(start)
    assert_no_axe_violations(page)
    page.locator("#id_file").set_input_files(str(bad_file))
    page.locator("form button.button-primary").click()
    expect(page.locator("select#column-0")).to_have_value("question:age")
    expect(page.get_by_text("Windows-1252")).to_be_visible()
    assert_no_axe_violations(page)
    _shots(page, screenshot, "mapping")
    page.locator("form button.button-primary").click()  # suggestions accepted as they are
    expect(page.locator(".cell-error", has_text="2OO")).to_be_visible()
    page.locator("form.form-actions button.button-primary").click()
    expect(page.locator("#import-progress")).to_be_visible()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    expect(page.locator("li", has_text="2OO").first).to_be_visible(timeout=10_000)
    expect(page.get_by_role("link", name="CSV")).to_be_visible()
    assert "5" in page.locator("li", has_text="2OO").first.inner_text()
    assert_no_axe_violations(page)
    _shots(page, screenshot, "report-refused")
    assert Response.objects.count() == 0

    # The corrected file: progress, then the number of responses imported.
    page.goto(start)
    page.locator("#id_file").set_input_files(str(good_file))
    page.locator("form button.button-primary").click()
    page.locator("form button.button-primary").click()
    page.locator("form.form-actions button.button-primary").click()
    progress = page.locator("#import-progress")
    expect(progress).to_have_attribute("hx-trigger", "every 1s")  # polled while it runs
    _shots(page, screenshot, "progress")
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    expect(page.locator(".message-success")).to_be_visible(timeout=10_000)
    assert AnswerImport.objects.latest("pk").status == AnswerImport.Status.DONE
    assert Response.objects.count() == 3
    assert_no_axe_violations(page)
    _shots(page, screenshot, "report-done")
    assert not page.third_party_requests and not page.js_errors
