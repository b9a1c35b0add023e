"""Settings read from the environment fail loudly on bad values and refuse unsafe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from civiclab.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(**env) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-c", "import civiclab.settings"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_debug_off_refuses_the_default_secret(tmp_path):
    result = _import_settings(DEBUG="0", CIVICLAB_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_off_with_a_real_secret_starts(tmp_path):
    result = _import_settings(
        DEBUG="0", SECRET_KEY="a-real-secret-of-some-length", CIVICLAB_DATA_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr


def test_bad_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("CIVICLAB_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="CIVICLAB_FLAG"):
        env_bool("CIVICLAB_FLAG", False)
    monkeypatch.setenv("CIVICLAB_FLAG", "Yes")
    assert env_bool("CIVICLAB_FLAG", False) is True


def test_bad_integer_is_refused(monkeypatch):
    monkeypatch.setenv("CIVICLAB_NUMBER", "12x")
    with pytest.raises(ImproperlyConfigured, match="CIVICLAB_NUMBER"):
        env_int("CIVICLAB_NUMBER", 1)


def test_list_is_split_on_commas(monkeypatch):
    monkeypatch.setenv("CIVICLAB_HOSTS", "a.fr, b.fr,,")
    assert env_list("CIVICLAB_HOSTS", []) == ["a.fr", "b.fr"]


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode():
    """WAL lets readers go on while someone writes (only meaningful on SQLite)."""
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The in-memory test database cannot use WAL; a file database must.
    if connection.settings_dict["NAME"].startswith("file:memorydb") or ":memory:" in str(
        connection.settings_dict["NAME"]
    ):
        assert mode == "memory"
    else:
        assert mode == "wal"


def test_error_pages_use_the_site_look(client, db, settings):
    settings.DEBUG = False
    response = client.get("/nowhere/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'class="site-header"' in page and "Page introuvable" in page
