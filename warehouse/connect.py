"""Connections: one writer on a file being built, short-lived read-only readers on the published one.

DuckDB locks a file per process: while a reader holds it open, nobody can write it, and vice versa
(STACK-NOTES.md). So writers never touch the published file (see publish.py) and readers open it
for one query at a time, retrying briefly when a lock is in the way.
"""

from __future__ import annotations

import random
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


@contextmanager
def read_only(path: Path, *, attempts: int = 8, config: dict | None = None
              ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one query, retried with jittered backoff while the file is locked."""
    path = Path(path)
    if not path.is_file():
        raise WarehouseMissing(
            f"no warehouse at {path}; build one with `skillpulse refresh` or `skillpulse demo --build-only`"
        )
    delay = 0.05
    for attempt in range(attempts):
        try:
            con = duckdb.connect(str(path), read_only=True, config=config or {})
            break
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or attempt == attempts - 1:
                raise
            time.sleep(delay + random.uniform(0, delay))
            delay = min(delay * 2, 1.0)
    try:
        yield con
    finally:
        con.close()
