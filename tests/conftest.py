"""Shared fixtures: the real recorded data in ../shared/data, loopback replay servers, a demo warehouse."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("SKILLPULSE_SHARED_DATA", REPO.parent / "shared" / "data"))
REMOTIVE_FILE = SHARED_DATA / "sources" / "remotive" / "remotive_api_workverse.json"
DEMO_END = "2026-11-22"


def pytest_configure(config):
    if not SHARED_DATA.is_dir():
        raise pytest.UsageError(
            f"the recorded data is missing: expected {SHARED_DATA} (the shared/ folder beside the "
            "repository), or set SKILLPULSE_SHARED_DATA"
        )
    # The CLI finds the same data through its own setting (gold-set texts, open taxonomies).
    os.environ.setdefault("SKILLPULSE_REFERENCE_DATA_DIR", str(SHARED_DATA))


@pytest.fixture(autouse=True, scope="session")
def _isolated_prefect(tmp_path_factory):
    """Prefect's home (its SQLite database) in a temp folder, telemetry off, for every test."""
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ.pop("PREFECT_API_URL", None)
    yield


def make_archive(folder: Path, responses: list[dict]) -> Path:
    """A replay archive whose bodies are files where they lie (``body_file`` absolute)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "responses.jsonl").open("w", encoding="utf-8") as fh:
        for entry in responses:
            fh.write(json.dumps({"query": "", "status": 200,
                                 "headers": {"Content-Type": "application/json"}, **entry,
                                 "body_file": str(entry["body_file"])}) + "\n")
    return folder


def read_jsonl(path: Path) -> list[dict]:
    """JSON lines split on "\n" only: str.splitlines() would also split inside texts at U+2028."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").split("\n") if line]


@pytest.fixture
def remotive_archive(tmp_path) -> Path:
    return make_archive(tmp_path / "archive", [{"path": "/api/remote-jobs", "body_file": REMOTIVE_FILE}])


def run_cli(*args: str, env: dict | None = None, timeout: int = 600, check: bool = True,
            input: str | None = None) -> subprocess.CompletedProcess:
    """Run the real `skillpulse` CLI in a subprocess, as a user would."""
    completed = subprocess.run(
        [sys.executable, "-m", "flows.cli", *args], cwd=REPO, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})}, input=input,
    )
    if check and completed.returncode != 0:
        raise AssertionError(
            f"skillpulse {' '.join(args)} exited {completed.returncode}\n"
            f"stdout:\n{completed.stdout[-3000:]}\nstderr:\n{completed.stderr[-5000:]}"
        )
    return completed


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory) -> Path:
    """The real demo build (generated corpus -> replay -> spider -> refresh flow), once per session."""
    data_dir = tmp_path_factory.mktemp("demo-data")
    completed = run_cli("demo", "--build-only", "--end-date", DEMO_END,
                        env={"SKILLPULSE_DATA_DIR": str(data_dir)})
    path = Path(completed.stdout.strip().splitlines()[-1])
    assert path.is_file(), completed.stdout
    return path


@pytest.fixture
def download_files(monkeypatch) -> dict:
    """What the app's download buttons serve in an AppTest, by file id: (data, file name)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    files: dict[str, tuple[bytes, str | None]] = {}
    load_and_get_id = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        file_id = load_and_get_id(self, path_or_data, mimetype, kind, filename)
        files[file_id] = (path_or_data, filename)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)

    # A download made when clicked (``data=`` a callable): its file id, made into the data a click
    # would serve (the callable runs now, as a click runs it, with the page's arguments).
    from streamlit.runtime.media_file_manager import MediaFileManager

    add_deferred = MediaFileManager.add_deferred

    def recording_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = add_deferred(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)
        files[file_id] = (data_callable, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording_deferred)
    return files
