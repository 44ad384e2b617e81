"""The real dashboard in headless Chromium (Debian's, driven by Playwright): load, interact, screenshot.

Screenshots go to the test's temp folder, and also to $SKILLPULSE_SCREENSHOT_DIR when set (that is
how dashboard/screenshot.png in the README is made: see dashboard/README.md).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard_url(demo_warehouse):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "dashboard", "--port", str(port), "--warehouse", str(demo_warehouse)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"dashboard did not start: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=15)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `./dev.sh test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def save(page, name: str, tmp_path: Path) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("SKILLPULSE_SCREENSHOT_DIR"):
        target = Path(os.environ["SKILLPULSE_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / name)
    return path


def test_dashboard_renders_chart_table_and_evidence(browser, dashboard_url, tmp_path):
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(dashboard_url, wait_until="domcontentloaded")
    page.get_by_text("Which skills are in demand in your niche?").wait_for(timeout=60_000)
    page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for(timeout=60_000)
    page.get_by_text("Data as of").first.wait_for()
    page.get_by_text("The postings behind").first.wait_for()
    page.wait_for_timeout(1500)  # let the data grids paint
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stDataFrame']").count() == 2
    assert page.get_by_role("button", name="Download the evidence").count() == 1
    shot = save(page, "dashboard.png", tmp_path)
    assert shot.stat().st_size > 50_000
    # Nothing leaves the machine: no usage statistics, no web fonts or icons from a CDN.
    assert requests and [u for u in requests if urlsplit(u).hostname != "127.0.0.1"] == []


def test_choosing_a_niche_in_the_browser(browser, dashboard_url, tmp_path):
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.goto(dashboard_url, wait_until="domcontentloaded")
    page.get_by_text("Top skills · All niches").wait_for(timeout=60_000)
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Design & creative", exact=True).click()
    page.get_by_text("Top skills · Design & creative").wait_for(timeout=30_000)
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    page.wait_for_timeout(1500)
    assert page.locator("[data-testid='stException']").count() == 0
    save(page, "dashboard-design.png", tmp_path)
