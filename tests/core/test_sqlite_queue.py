"""SQLite write transactions queue on a lock file beside the database (civiclab.core.sqlite),
so that the next writer gets in as soon as the last one leaves."""

import fcntl
import os
import threading

import pytest
from django.db import IntegrityError, connections, transaction
from django.db.utils import ConnectionHandler

from civiclab.core.sqlite import base


def _connection(path, alias: str, **options):
    settings = {
        "ENGINE": "civiclab.core.sqlite",
        "NAME": str(path),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", **options},
    }
    completed = ConnectionHandler({"default": settings}).settings["default"]  # Django's defaults
    return base.DatabaseWrapper(completed, alias)


@pytest.fixture(autouse=True)
def _own_databases(django_db_blocker):
    """These tests open their own SQLite files, not the test database."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def database(tmp_path):
    """A file database reachable as `transaction.atomic(using="queued")`, with a table."""
    path = tmp_path / "queued.sqlite3"
    connection = _connection(path, "queued")
    connections["queued"] = connection
    _create_table(connection)
    yield path, connection
    connection.close()
    del connections["queued"]


def _queue_is_free(path) -> bool:
    probe = os.open(f"{path}-queue", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(probe)
    return True


def _create_table(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE answer (id INTEGER PRIMARY KEY, text TEXT UNIQUE)")


def _texts(connection) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM answer ORDER BY id")
        return [text for (text,) in cursor.fetchall()]


def _write(connection, text: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO answer (text) VALUES (%s)", [text])


def test_a_write_transaction_holds_the_queue_until_it_commits(database):
    path, connection = database
    with transaction.atomic(using="queued"):
        _write(connection, "oui")
        assert not _queue_is_free(path)
    assert _queue_is_free(path)
    assert _texts(connection) == ["oui"]


def test_a_failed_transaction_gives_the_queue_back(database):
    path, connection = database
    _write(connection, "oui")
    with pytest.raises(IntegrityError), transaction.atomic(using="queued"):
        _write(connection, "non")
        _write(connection, "oui")  # the unique text: rolled back, "non" with it
    assert _queue_is_free(path)
    assert _texts(connection) == ["oui"]


def test_closing_a_connection_in_a_transaction_gives_the_queue_back(database):
    path, connection = database
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    _write(connection, "oui")
    assert not _queue_is_free(path)
    connection.close()
    assert _queue_is_free(path)


def test_a_closed_connection_gives_its_descriptor_back(database):
    """Threads come and go: their connections must not keep files open."""
    path, connection = database
    with transaction.atomic(using="queued"):
        _write(connection, "oui")
    descriptor = connection._queue_file
    assert os.readlink(f"/proc/self/fd/{descriptor}") == f"{path}-queue"
    connection.close()
    assert connection._queue_file is None
    with pytest.raises(FileNotFoundError):
        os.readlink(f"/proc/self/fd/{descriptor}")
    with transaction.atomic(using="queued"):  # and queues again when it reconnects
        _write(connection, "non")
        assert not _queue_is_free(path)
    assert _texts(connection) == ["oui", "non"]


def test_a_second_writer_waits_its_turn_and_both_are_stored(database):
    path, first = database
    events, inside = [], threading.Event()

    def second_writer():
        second = _connection(path, "second")
        inside.wait(5)
        second.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        events.append("second began")
        _write(second, "non")
        second.commit()
        second.set_autocommit(True)
        second.close()

    thread = threading.Thread(target=second_writer)
    thread.start()
    with transaction.atomic(using="queued"):
        _write(first, "oui")
        inside.set()
        thread.join(0.3)  # the second writer is queued meanwhile
        events.append("first committing")
    thread.join(10)
    assert events == ["first committing", "second began"]
    assert _texts(first) == ["oui", "non"]


def test_a_writer_stops_queueing_after_the_timeout(tmp_path):
    """A process stuck with the queue does not block the others for ever: past the timeout
    SQLite decides, and here its own lock is free."""
    path = tmp_path / "stuck.sqlite3"
    connection = _connection(path, "stuck", timeout=0.2)
    connections["stuck"] = connection
    try:
        _create_table(connection)
        stuck = os.open(f"{path}-queue", os.O_RDWR | os.O_CREAT)
        fcntl.flock(stuck, fcntl.LOCK_EX)
        with transaction.atomic(using="stuck"):
            _write(connection, "oui")
        os.close(stuck)
        assert _texts(connection) == ["oui"]
    finally:
        connection.close()
        del connections["stuck"]


def test_a_database_in_memory_is_not_queued(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    connection = _connection(":memory:", "memory")
    connection.ensure_connection()
    assert connection._queue() is None
    assert list(tmp_path.iterdir()) == []
    connection.close()


def test_a_forked_process_opens_its_own_queue(database, monkeypatch):
    """flock excludes open files, not processes: a child sharing its parent's open file
    would not wait for it."""
    _path, connection = database
    connection.ensure_connection()
    parents = connection._queue()
    assert connection._queue() == parents
    monkeypatch.setattr(base.os, "getpid", lambda: -1)
    assert connection._queue() != parents
    os.close(parents)
