"""Every interface string has its French translation."""

import subprocess
from pathlib import Path

CATALOG = Path(__file__).resolve().parents[2] / "src/civiclab/locale/fr/LC_MESSAGES/django.po"


def test_french_catalog_is_complete():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOG)],
        capture_output=True,
        text=True,
        check=True,
    )
    statistics = result.stderr
    assert "translated message" in statistics
    assert "untranslated" not in statistics and "fuzzy" not in statistics, statistics
