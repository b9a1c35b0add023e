"""Take full-page screenshots of the main pages of a running civiclab, for humans to review.

Usage: .venv/bin/python scripts/screenshots.py [base_url] [username] [password]
Pictures land in screenshots/ (git-ignored).
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
USER = sys.argv[2] if len(sys.argv) > 2 else "admin"
PASSWORD = sys.argv[3] if len(sys.argv) > 3 else "civiclab-demo"
SLUG = "conseils-de-quartier-lille"
PAGES = {
    "portfolio": "/portfolio/",
    "list": "/experiments/",
    "detail": f"/experiments/{SLUG}/",
    "edit": f"/experiments/{SLUG}/edit/",
    "team": f"/experiments/{SLUG}/team/",
    "journal": f"/experiments/{SLUG}/journal/",
    "protocol": f"/experiments/{SLUG}/protocol/",
    "history": f"/experiments/{SLUG}/protocol/history/",
    "diff": f"/experiments/{SLUG}/protocol/diff/?from=1&to=3",
    "section": f"/experiments/{SLUG}/protocol/context/edit/",
    "hypotheses": f"/experiments/{SLUG}/protocol/hypotheses/edit/",
    "notfound": "/experiments/nope/",
    "planning": f"/experiments/{SLUG}/planning/",
    "task": f"/experiments/{SLUG}/planning/task/new/",
    "my-tasks": "/tasks/mine/",
    "overdue": "/tasks/overdue/",
    "timeline": "/planning/timeline/",
    "calendar": "/calendar/",
    "meetings": f"/experiments/{SLUG}/meetings/",
    "budget": f"/experiments/{SLUG}/budget/",
    "budget-portfolio": "/budget/",
    "expenses": f"/experiments/{SLUG}/budget/expenses/",
    "documents": f"/experiments/{SLUG}/documents/",
    "progress": f"/experiments/{SLUG}/progress/",
    "lab-meetings": "/lab/meetings/",
}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    out = Path("screenshots")
    out.mkdir(exist_ok=True)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for width, suffix in [(1280, ""), (390, "-mobile")]:
            page = browser.new_page(viewport={"width": width, "height": 900}, locale="fr-FR")
            page.goto(f"{BASE}/accounts/login/")
            page.screenshot(path=out / f"login{suffix}.png", full_page=True)
            page.fill("input[name=username]", USER)
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            for name, path in PAGES.items():
                page.goto(BASE + path)
                page.screenshot(path=out / f"{name}{suffix}.png", full_page=True)
            page.close()
        browser.close()
    print(f"screenshots in {out}/")


if __name__ == "__main__":
    main()
