"""Django's SQLite backend, with the web processes' write transactions queued on a lock file.

SQLite lets one writer at a time in. A process that finds the database busy is put to sleep
by SQLite's own busy handler for 1 ms, then 2, 5, 10 ms..., however soon the writer before
it finishes. Storing an online answer holds the lock for a few tenths of a millisecond, so
under load each web process slept about a millisecond per answer for a lock long free, and
the processors stood idle meanwhile (docs/benchmarks.md, submit_throughput). Here a write
transaction first takes an exclusive lock on `<database>-queue` (flock), retrying after
50 µs, then twice as long each time up to half a millisecond: the next writer gets in soon
after the last one leaves. The lock is given back on commit, rollback or close. After the
database's `timeout` (5 s by default) a writer stops queueing and lets SQLite decide, as it
always did: after its own wait (the same timeout) it says "database is locked". A stuck
process never blocks the others for ever.

Only transactions are queued (`transaction.atomic`, which begins with BEGIN IMMEDIATE): a
single statement outside one still waits in SQLite's own way. A database in memory has no
other process to share it with, and is never queued.
"""

import fcntl
import os
import time

from django.db.backends.sqlite3 import base

FIRST_RETRY = 50e-6  # seconds
LONGEST_RETRY = 500e-6
QUEUED_MODES = {"IMMEDIATE", "EXCLUSIVE"}  # the modes that take SQLite's write lock at BEGIN


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._queue_file: int | None = None
        self._queue_owner = 0  # the process that opened it: a forked child opens its own
        self._in_queue = False

    def _start_transaction_under_autocommit(self):
        self._join_queue()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._leave_queue()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._leave_queue()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._leave_queue()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._leave_queue()
            # Threads come and go (the development server's one per request): each closed
            # connection gives its descriptor back; the next transaction opens it again.
            if self._queue_file is not None and self._queue_owner == os.getpid():
                os.close(self._queue_file)
            self._queue_file = None

    def _queue(self) -> int | None:
        """This connection's descriptor of the lock file, or None when it does not queue.
        Each connection opens its own: flock excludes descriptors, not processes, so two
        threads of one process queue too."""
        mode = getattr(self, "transaction_mode", None)  # known once connected
        if mode not in QUEUED_MODES or self.is_in_memory_db():
            return None
        if self._queue_file is None or self._queue_owner != os.getpid():
            path = f"{self.settings_dict['NAME']}-queue"
            try:
                self._queue_file = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
            except OSError:
                return None  # read-only directory...: SQLite's own waiting still applies
            self._queue_owner = os.getpid()
        return self._queue_file

    def _join_queue(self) -> None:
        queue = self._queue()
        if queue is None:
            return
        deadline = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        retry = FIRST_RETRY
        while True:
            try:
                fcntl.flock(queue, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return
                time.sleep(retry)
                retry = min(retry * 2, LONGEST_RETRY)
            else:
                self._in_queue = True
                return

    def _leave_queue(self) -> None:
        if self._in_queue:
            self._in_queue = False
            # A child forked in a transaction shares its parent's lock: never release that.
            if self._queue_owner == os.getpid():
                fcntl.flock(self._queue_file, fcntl.LOCK_UN)
