"""Settings read from the environment fail loudly on bad values and refuse unsafe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

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


def test_default_database_is_sqlite_in_wal_mode_in_the_data_directory(tmp_path):
    """Without DATABASE_URL, civiclab opens var/civiclab.sqlite3 (here in a temporary data
    directory) in WAL mode, so readers go on while someone writes."""
    code = (
        "import django; django.setup(); from django.db import connection; "
        "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode'); "
        "print(cursor.fetchone()[0], connection.settings_dict['NAME'])"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(
        PYTHONPATH=str(ROOT / "src"),
        DJANGO_SETTINGS_MODULE="civiclab.settings",
        CIVICLAB_DATA_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    mode, name = result.stdout.split()
    assert mode == "wal"
    assert name == str(tmp_path / "civiclab.sqlite3")


def test_error_pages_use_the_site_look(client, db, settings):
    settings.DEBUG = False
    response = client.get("/nowhere/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'class="site-header"' in page and "Page introuvable" in page
