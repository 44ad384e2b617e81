"""Shared fixtures: the real recorded data in ../shared/data, loopback replay servers, a demo warehouse."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
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
    """Prefect's home (its SQLite database) in a temp folder, telemetry off, for every test; and one
    real Prefect server per test process, started in the background (see ``use_prefect_server``)."""
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ.pop("PREFECT_API_URL", None)
    _PREFECT_SERVER.update(_start_prefect_server(home))
    yield
    os.environ.pop("PREFECT_API_URL", None)
    server = _PREFECT_SERVER.pop("process", None)
    if server is not None:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    _PREFECT_SERVER["log_file"].close()


#: Without PREFECT_API_URL every flow run (a `skillpulse refresh` subprocess) starts a temporary
#: Prefect server of its own: 8-15 s each on this machine, ~20 times in the suite. The tests run
#: the flows against one loopback server per test process instead (its services off: nothing is
#: scheduled here), as a deployment would.
_PREFECT_SERVER: dict = {}
FLOW_COMMANDS = {"refresh", "demo", "reextract"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_prefect_server(home: Path) -> dict:
    port = free_port()
    log = open(home / "server.log", "wb")  # noqa: SIM115 - the server's lifetime is the session's
    process = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
         "--no-services", "--no-ui"],
        env={**os.environ, "PREFECT_HOME": str(home)}, stdout=log, stderr=subprocess.STDOUT,
    )
    return {"process": process, "url": f"http://127.0.0.1:{port}/api", "log": home / "server.log", "log_file": log}


def use_prefect_server(timeout: float = 90) -> str | None:
    """Wait until this process's Prefect server answers, then point every flow run started from
    here on at it (PREFECT_API_URL in os.environ, which subprocesses inherit). Without a server
    (it failed to start) flows fall back to Prefect's temporary one: slower, just as correct."""
    if os.environ.get("PREFECT_API_URL") or "process" not in _PREFECT_SERVER:
        return os.environ.get("PREFECT_API_URL")
    process, url = _PREFECT_SERVER["process"], _PREFECT_SERVER["url"]
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as reply:
                if reply.status == 200:
                    os.environ["PREFECT_API_URL"] = url
                    return url
        except OSError:
            pass
        time.sleep(0.2)
    _PREFECT_SERVER.pop("process").kill()
    sys.stderr.write(f"the tests' Prefect server did not start; see {_PREFECT_SERVER['log']}\n")
    return None


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
    if args and args[0] in FLOW_COMMANDS:
        use_prefect_server()
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
    """The real demo build (generated corpus -> replay -> spider -> refresh flow), once per test run.

    Built once for all test processes (pytest-xdist workers share the base temp folder's parent):
    the first to get here builds it under a lock, the others wait and read the same file. Tests
    only ever read it (or copy it to write)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    built = shared / "demo-warehouse.txt"
    with open(shared / "demo-warehouse.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not built.exists():
            data_dir = shared / "demo-data"
            completed = run_cli("demo", "--build-only", "--end-date", DEMO_END,
                                env={"SKILLPULSE_DATA_DIR": str(data_dir)})
            built.write_text(completed.stdout.strip().splitlines()[-1], encoding="utf-8")
    path = Path(built.read_text(encoding="utf-8"))
    assert path.is_file(), path
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
