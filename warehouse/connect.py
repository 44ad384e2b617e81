"""Connections: one writer on a file being built, short-lived read-only readers on the published one.

DuckDB locks a file per process: while a reader holds it open, nobody can write it, and vice versa
(STACK-NOTES.md). So writers never touch the published file (see publish.py) and readers open it
for one query at a time, retrying briefly when a lock is in the way.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb


class WarehouseMissing(FileNotFoundError):
    """No published warehouse at the given path yet."""


def connect_writer(path: Path, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """The one writer of a file being built. ``memory_limit`` (the setting duckdb_memory_limit,
    e.g. "2500MB") caps what DuckDB holds: past it, sorts, joins and aggregates spill to a
    temporary folder beside the file, instead of its buffer cache growing to most of the RAM."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute("SET enable_progress_bar = false")  # logs, not terminal animations
    if memory_limit:
        con.execute("SET memory_limit = ?", [memory_limit])
    return con


def _is_lock_error(exc: Exception) -> bool:
    return "lock" in str(exc).lower()


class _SharedReader:
    """One in-memory DuckDB per warehouse path that ATTACHes the file read-only while queries run.

    Creating a DuckDB instance costs ~40 ms whatever the file (its built-in catalog is set up anew),
    and closing one ~10-25 ms more; attaching a file to a live instance costs ~6-10 ms and detaching
    it ~2-8 ms. A dashboard page runs a handful of queries, so this is most of its query time on
    small results. The file stays attached only while at least one query is running (a count), so a
    reader still holds no lock between queries (DESIGN.md) and a query after a publish attaches the
    new file. One instance per path keeps duckdb_tables() and friends showing one warehouse."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.guard = threading.Lock()
        self.instance: duckdb.DuckDBPyConnection | None = None
        self.users = 0

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self.guard:
            if self.instance is None:
                self.instance = duckdb.connect(":memory:")
            if self.users == 0:
                self.instance.execute(f"ATTACH {sql_string(str(self.path))} AS {ALIAS} (READ_ONLY)")
            self.users += 1
            try:
                cursor = self.instance.cursor()
                cursor.execute(f"USE {ALIAS}")
            except BaseException:
                self._release()
                raise
            return cursor

    def release(self, cursor: duckdb.DuckDBPyConnection) -> None:
        try:
            cursor.close()
        finally:
            with self.guard:
                self._release()

    def _release(self) -> None:
        self.users -= 1
        if self.users == 0 and self.instance is not None:
            try:
                self.instance.execute(f"DETACH {ALIAS}")
            except duckdb.Error:
                self.instance.close()  # a broken instance is dropped; the next query makes a new one
                self.instance = None


ALIAS = "warehouse"
_readers: dict[str, _SharedReader] = {}
_readers_guard = threading.Lock()


def sql_string(text: str) -> str:
    """``text`` as a SQL string literal, for the statements that take no parameters (ATTACH, COPY
    ... TO, COMMENT ON): our own paths and descriptions, never scraped text."""
    return "'" + text.replace("'", "''") + "'"


def _shared_reader(path: Path) -> _SharedReader:
    # Keyed by process too: a forked child (a worker pool) must not use its parent's DuckDB, whose
    # threads and locks did not come along.
    resolved = str(path.resolve())
    key = f"{os.getpid()}:{resolved}"
    with _readers_guard:
        reader = _readers.get(key)
        if reader is None:
            reader = _readers[key] = _SharedReader(Path(resolved))
        return reader


@contextmanager
def read_only(path: Path, *, attempts: int = 8, config: dict | None = None
              ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one query, retried with jittered backoff while the file is locked.

    Without ``config`` it is a cursor on a shared instance with the file attached for the query's
    length (see _SharedReader); with one (the SQL sandbox's limits) it is a connection of its own."""
    path = Path(path)
    if not path.is_file():
        raise WarehouseMissing(
            f"no warehouse at {path}; build one with `skillpulse refresh` or `skillpulse demo --build-only`"
        )
    reader = None if config else _shared_reader(path)
    delay = 0.05
    for attempt in range(attempts):
        try:
            con = reader.cursor() if reader else duckdb.connect(str(path), read_only=True, config=config)
            break
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or attempt == attempts - 1:
                raise
            time.sleep(delay + random.uniform(0, delay))
            delay = min(delay * 2, 1.0)
    try:
        yield con
    finally:
        if reader:
            reader.release(con)
        else:
            con.close()
