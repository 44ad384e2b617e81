"""`skillpulse demo`: a generated Remotive-format corpus, served from loopback, crawled for real.

No shortcut around the crawler: the corpus is written as a replay archive, served by
`skillpulse replay` in a subprocess, and the real `refresh` flow crawls it with the real spider.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from rich.console import Console

from flows.settings import Settings

console = Console(stderr=True)


def write_demo_archive(archive: Path, *, end: date, seed: int) -> int:
    """Generate the corpus into a fresh replay archive; returns the number of postings."""
    from crawlers.demo_corpus import build_remotive_payload
    from crawlers.replay import Archive

    if archive.exists():
        shutil.rmtree(archive)
    archive.mkdir(parents=True)
    payload = build_remotive_payload(end=end, seed=seed)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    Archive(archive).add("/api/remote-jobs", body)
    return len(payload["jobs"])


class ReplayProcess:
    """`skillpulse replay ARCHIVE --port 0` in a subprocess; learns its URL from the first line."""

    def __init__(self, archive: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "replay", str(archive), "--port", "0"],
            stdout=subprocess.PIPE, text=True,
        )
        line = self.proc.stdout.readline().strip() if self.proc.stdout else ""
        if " on http" not in line:
            self.stop()
            raise RuntimeError(f"replay server did not start (said {line!r})")
        self.base_url = line.rsplit(" on ", 1)[1]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def __enter__(self) -> ReplayProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def build_demo(settings: Settings, *, end: date, seed: int = 2026) -> Path:
    """Build the demo warehouse and publish it atomically: a fresh file is built beside the
    published one and swapped in with one rename, so a reader (the dashboard, say) sees the old
    demo or the new one, never none, and a build killed halfway leaves the old one in place."""
    from flows.refresh import refresh
    from warehouse.publish import publish_fresh

    demo_dir = settings.data_dir / "demo"
    warehouse = demo_dir / "skillpulse-demo.duckdb"
    started = time.monotonic()
    with console.status("generating the demo corpus…"):
        jobs = write_demo_archive(demo_dir / "archive", end=end, seed=seed)
    console.log(f"demo corpus: {jobs} postings in Remotive's format, ending {end}")
    # A fresh warehouse each time (an older demo, of another seed or end date, must not linger in
    # it), built under another name and swapped in only when complete.
    with publish_fresh(warehouse) as fresh, ReplayProcess(demo_dir / "archive") as replay:
        console.log(f"replaying the archive on {replay.base_url}")
        demo_settings = settings.model_copy(update={
            "data_dir": demo_dir,
            "warehouse_path": fresh,
            "sources": ["remotive"],
            "base_urls": {"remotive": replay.base_url},
        })
        with console.status("running the refresh flow (crawl → load → extract → marts → publish)…"):
            result = refresh(demo_settings)
    console.log(
        f"demo warehouse built in {time.monotonic() - started:.1f}s: {result.postings_total} postings, "
        f"{result.mentions_loaded} skill mentions -> {warehouse}"
    )
    return warehouse
