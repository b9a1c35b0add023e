"""What every benchmark shares: a throwaway database, the timing and the query counting.

Importing this module sets Django up on a temporary SQLite database (DEBUG off, a bench-only
secret), so it must be imported before any civiclab model. `run(main)` migrates, runs the
benchmark and removes the temporary directory whatever happens.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

TMP_DIR = tempfile.mkdtemp(prefix="civiclab-bench-")
os.environ["DJANGO_SETTINGS_MODULE"] = "civiclab.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{TMP_DIR}/bench.sqlite3"
os.environ["CIVICLAB_DATA_DIR"] = TMP_DIR  # keep var/ (the developer's data) out of it
# Production-like: no debug cursor, no template debug information.
os.environ["DEBUG"] = "0"
os.environ["SECRET_KEY"] = "bench-only-secret-key-not-used-anywhere-else-0123456789"
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

WARMUPS, REQUESTS = 3, 30

# With DEBUG off the settings select WhiteNoise's manifest storage, which needs
# `collectstatic`; plain StaticFilesStorage renders {% static %} the same way without it.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def timed_median_ms(client: Client, url: str, requests: int = REQUESTS) -> float:
    """Median server time of GET `url` through the test client, after a few warm-ups."""
    for _ in range(WARMUPS):
        client.get(url)
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
    return statistics.median(samples)


def count_queries(client: Client, url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return len(captured.captured_queries), response.content


def code_version() -> str:
    """The commit measured, and whether src/ differs from it (the tree may be shared)."""
    try:
        git = ["git", "-C", str(REPO)]
        head = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "--", "src"], capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return f"{head} (src/ has uncommitted changes)" if dirty else head


def run(main) -> None:
    """Migrate the throwaway database, run `main()`, clean up, exit with its status."""
    status = 1
    try:
        began = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        python = sys.version.split()[0]
        print(f"code: {code_version()}, Django {django.get_version()}, Python {python}")
        print(f"setup: migrated SQLite database in {TMP_DIR} ({time.perf_counter() - began:.1f} s)")
        status = main()
    finally:
        connection.close()
        shutil.rmtree(TMP_DIR, ignore_errors=True)
    sys.exit(status)
