"""`streamlit run …/dashboard/app.py` from any working directory, with no flags, binds loopback only
and gathers no usage statistics: dashboard/.streamlit/config.toml is a script-level config.

Observed on the running server: the listening sockets in /proc/net/tcp{,6}, and the config the
server sends every browser session (NewSession.config), read over its own websocket.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO, free_port

APP = REPO / "dashboard" / "app.py"
DASHBOARD_CONFIG = REPO / "dashboard" / ".streamlit" / "config.toml"
LISTEN = "0A"


def listening(port: int) -> list[str]:
    """Local addresses (hex, as the kernel shows them) of sockets listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == LISTEN:
                found.append(address)
    return found


async def session_config(port: int):
    """The NewSession.config the server sends a new session (what a browser would be told)."""
    import websockets

    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None, open_timeout=20) as ws:
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_script_hash = ""
        await ws.send(back.SerializeToString())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=30))
            if msg.WhichOneof("type") == "new_session":
                return msg.new_session.config
    raise AssertionError("no NewSession message from the server")


@pytest.fixture
def bare_streamlit(tmp_path):
    """`python -m streamlit run <abs path>/app.py --server.port P` from an unrelated folder, with
    no other flags, no STREAMLIT_* variables and an empty home (no global config)."""
    port = free_port()
    cwd, home = tmp_path / "elsewhere", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env.update(HOME=str(home), SKILLPULSE_WAREHOUSE_PATH=str(tmp_path / "none.duckdb"))
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port)],
                            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"streamlit did not start: {proc.communicate()[0][-3000:]}")
        time.sleep(0.2)
    yield port, proc
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_from_any_directory_it_listens_on_loopback_only_and_gathers_no_usage_stats(bare_streamlit):
    port, proc = bare_streamlit
    addresses = listening(port)
    assert addresses == ["0100007F"], addresses  # 127.0.0.1 only: no 0.0.0.0, no IPv6 socket
    with pytest.raises(OSError):
        # Not reachable on any other address of this machine (if it has one).
        other = socket.gethostbyname(socket.gethostname())
        if other.startswith("127."):
            raise OSError("no non-loopback address to try")
        socket.create_connection((other, port), timeout=2).close()

    from streamlit.proto.NewSession_pb2 import Config

    config = asyncio.run(session_config(port))
    assert config.gather_usage_stats is False
    assert config.toolbar_mode == Config.ToolbarMode.VIEWER
    # the tables' own "Download as CSV" (raw cells) is off: downloads go through frame_to_csv
    assert config.disable_data_export is True
    proc.terminate()
    output = proc.communicate(timeout=15)[0]
    assert f"URL: http://127.0.0.1:{port}" in output and "Network URL" not in output, output


def test_the_repository_root_config_says_the_same():
    root = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    dashboard = tomllib.loads(DASHBOARD_CONFIG.read_text(encoding="utf-8"))
    assert dashboard == root == {
        "browser": {"gatherUsageStats": False},
        "server": {"headless": True, "address": "127.0.0.1"},
        "client": {"toolbarMode": "viewer", "disableDataExport": True},
    }
