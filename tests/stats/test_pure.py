"""The analysis core must stay usable outside Django (notebooks, scripts)."""

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

CHECK = """
import importlib, pkgutil, sys
import civiclab.stats as package
for module in pkgutil.iter_modules(package.__path__):
    importlib.import_module(f"civiclab.stats.{module.name}")
leaked = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
print(",".join(leaked))
"""


def test_importing_the_stats_package_does_not_import_django():
    """Run in a fresh interpreter: this test process has Django loaded already."""
    completed = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC)},
    )
    assert completed.stdout.strip() == ""
