"""A coordinator reorders a report's blocks with the mouse, as PowerPoint users expect: a
block dropped on another goes just before it, one dropped on the list's end goes last."""

from playwright.sync_api import Page, expect

from civiclab.reports import services
from civiclab.reports.models import BlockKind, Report, ReportBlock
from tests.conftest import PASSWORD


def _titles(page: Page) -> list[str]:
    return [text.split("—")[1].strip() for text in page.locator(".block-head").all_inner_texts()]


def test_blocks_are_reordered_by_dragging(page: Page, login, coordinator_a, experiment_a):
    report = services.create_report(coordinator_a, experiment_a, Report(title="COPIL"))
    for title in ("Ordre du jour", "Résultats", "Décisions"):
        block = ReportBlock(report=report, kind=BlockKind.TEXT, title=title)
        services.save_block(coordinator_a, block)
    login(page, coordinator_a.username, PASSWORD)
    page.goto(report.get_absolute_url())
    blocks = page.locator("[data-block-id]")
    assert _titles(page) == ["Ordre du jour", "Résultats", "Décisions"]

    with page.expect_navigation():
        blocks.nth(2).drag_to(blocks.nth(0))
    expect(page.locator(".block-head").first).to_contain_text("Décisions")
    assert _titles(page) == ["Décisions", "Ordre du jour", "Résultats"]

    # The end of the list appears once a block is being dragged.
    blocks.nth(0).hover()
    page.mouse.down()
    page.mouse.move(10, 10, steps=3)
    end = page.locator("[data-block-end]")
    expect(end).to_be_visible()
    box = end.bounding_box()
    with page.expect_navigation():
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
        page.mouse.up()
    expect(page.locator(".block-head").last).to_contain_text("Décisions")
    assert _titles(page) == ["Ordre du jour", "Résultats", "Décisions"]
    assert [b.title for b in report.blocks.order_by("position")] == _titles(page)
