"""Build the next warehouse beside the published one, then swap it in atomically.

Readers see the old file or the new one, never a half-built state; a refresh killed halfway
leaves the published file untouched (its leftover building file is removed by the next refresh).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class RefreshAlreadyRunning(RuntimeError):
    pass


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


@contextmanager
def building_next(published: Path) -> Iterator[Path]:
    """Yield the path of a copy of the published warehouse to write; publish it on success.

    The caller must CHECKPOINT and close its connection before the block ends.
    """
    published = Path(published)
    published.parent.mkdir(parents=True, exist_ok=True)
    lock_path = published.with_name(published.name + ".lock")
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RefreshAlreadyRunning(f"another refresh is building {published}") from None
        for stale in published.parent.glob(published.name + ".building-*"):
            stale.unlink(missing_ok=True)
        building = published.with_name(f"{published.name}.building-{os.getpid()}")
        if published.exists():
            shutil.copy2(published, building)
        try:
            yield building
        except BaseException:
            _remove(building)
            raise
        if not building.exists():
            raise RuntimeError(f"nothing was built at {building}; {published} is unchanged")
        wal = building.with_name(building.name + ".wal")
        if wal.exists() and wal.stat().st_size > 0:
            _remove(building)
            raise RuntimeError("the building warehouse was not checkpointed and closed before publishing")
        wal.unlink(missing_ok=True)
        os.replace(building, published)


@contextmanager
def publish_fresh(published: Path) -> Iterator[Path]:
    """Yield a path for a warehouse built from nothing; on success it replaces ``published`` with
    one rename. Until then readers keep the old file; on failure the old file stays and the
    half-built one is removed."""
    published = Path(published)
    published.parent.mkdir(parents=True, exist_ok=True)
    lock_path = published.with_name(published.name + ".lock")
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RefreshAlreadyRunning(f"another build is writing {published}") from None
        for stale in published.parent.glob(published.name + ".fresh-*"):
            _remove(stale)
        fresh = published.with_name(f"{published.name}.fresh-{os.getpid()}")
        _remove(fresh)
        try:
            yield fresh
        except BaseException:
            _remove(fresh)
            for leftover in fresh.parent.glob(fresh.name + ".*"):
                leftover.unlink(missing_ok=True)
            raise
        if not fresh.is_file():
            raise RuntimeError(f"nothing was built at {fresh}; {published} is unchanged")
        os.replace(fresh, published)
        for leftover in fresh.parent.glob(fresh.name + ".*"):  # its own .lock file
            leftover.unlink(missing_ok=True)
