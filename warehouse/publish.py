"""Build the next warehouse beside the published one, then swap it in atomically.

Readers see the old file or the new one, never a half-built state; a refresh killed halfway
leaves the published file untouched (its leftover building file is removed by the next refresh).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class RefreshAlreadyRunning(RuntimeError):
    pass


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


#: Bytes per copy step: small enough that a cancelled copy stops within a fraction of a second.
_COPY_CHUNK = 64 * 1024 * 1024


class NextWarehouse:
    """The copy of the published warehouse that a refresh writes, made in a background thread.

    A refresh starts the copy before it crawls: the crawl waits on the network and the copy on the
    disk (6.2-8.7 GB take 16-42 s here, written to disk), so by the end of a crawl the copy usually is done.
    """

    def __init__(self, published: Path, building: Path) -> None:
        self.published, self.path = published, building
        self.bytes = published.stat().st_size if published.exists() else 0
        self.seconds = 0.0  # the copy's own duration, once done
        self._cancel = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._copy, name="copy-warehouse", daemon=True)
        self._thread.start()

    def _copy(self) -> None:
        started = time.monotonic()
        try:
            if self.published.exists():
                _copy_file(self.published, self.path, self._cancel)
        except BaseException as exc:  # noqa: BLE001 - handed to ready()
            self._error = exc
        self.seconds = time.monotonic() - started

    def ready(self) -> Path:
        """Wait for the copy; its path, to write."""
        self._thread.join()
        if self._error is not None:
            raise RuntimeError(f"could not copy {self.published} to build the next warehouse: "
                               f"{self._error}") from self._error
        if self._cancel.is_set():
            raise RuntimeError("the copy of the warehouse was cancelled")
        return self.path

    def cancel(self) -> None:
        self._cancel.set()
        self._thread.join()


def _copy_file(source: Path, target: Path, cancel: threading.Event) -> None:
    """``shutil.copy2`` in steps that check ``cancel`` (in-kernel sendfile where it works)."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        size, offset = os.fstat(src.fileno()).st_size, 0
        try:
            while offset < size and not cancel.is_set():
                sent = os.sendfile(dst.fileno(), src.fileno(), offset, min(_COPY_CHUNK, size - offset))
                if sent == 0:
                    break
                offset += sent
        except OSError:  # a file system without file-to-file sendfile: copy through a buffer
            src.seek(offset)
            dst.seek(offset)
            while not cancel.is_set() and (chunk := src.read(_COPY_CHUNK)):
                dst.write(chunk)
        if not cancel.is_set():
            # On disk before the refresh writes: the kernel would otherwise still be writing the
            # copy back (6-9 GB at ~240 MB/s here) while the load and the models run, which made
            # them 1.5-6x slower. Beside a crawl this wait costs nothing.
            dst.flush()
            os.fsync(dst.fileno())
    if not cancel.is_set():
        shutil.copystat(source, target)


@contextmanager
def preparing_next(published: Path) -> Iterator[NextWarehouse]:
    """Take the refresh lock and start copying the published warehouse; yield the copy (call
    ``ready()`` for its path before writing it); publish it when the block ends without error.

    The caller must CHECKPOINT and close its connection before the block ends. Holding the lock
    from the start means a second refresh fails at once instead of after its crawl.
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
        pending = NextWarehouse(published, building)
        try:
            yield pending
            pending.ready()  # a block that never waited for its copy publishes it unchanged
        except BaseException:
            pending.cancel()
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
def building_next(published: Path) -> Iterator[Path]:
    """Yield the path of a copy of the published warehouse to write; publish it on success.

    The caller must CHECKPOINT and close its connection before the block ends.
    """
    with preparing_next(published) as pending:
        yield pending.ready()


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
