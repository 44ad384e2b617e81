"""The real dashboard (`skillpulse dashboard`) over the hostile warehouse, in Debian's Chromium:
hostile text must show as text. Every request goes to 127.0.0.1, no dialog opens, and no <img>,
<a href>, <iframe> or <script> in the DOM points at the attacker or at a javascript:/data: URL
(except the Pulse sparklines: images of an SVG data URI, each checked to draw lines and dots only).

Screenshots (1280 px wide, with and without a chart tooltip, and 420 px wide) go to the test's
temp folder, and to $SKILLPULSE_SCREENSHOT_DIR when set.
"""

from __future__ import annotations

import base64
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from dashboard.components import SKILL_SECTIONS
from tests.conftest import REPO
from tests.hostile.conftest import ATTACKER, SKILL, assert_sparkline_svg
from tests.test_dashboard_browser import CHROMIUM, CHROMIUM_ARGS, free_port, save
from warehouse.safe_text import plain_text

pytestmark = pytest.mark.browser
SPARKLINE_URL = "data:image/svg+xml;base64,"

# Every element attribute that makes the browser fetch or navigate, as (absolute URL) strings.
DOM_URLS = """() => [
  ...[...document.querySelectorAll('img')].map(e => ['img', e.src || e.getAttribute('src') || '']),
  ...[...document.querySelectorAll('a[href]')].map(e => ['a', e.href]),
  ...[...document.querySelectorAll('iframe, script[src], source, video, audio, embed, object')]
       .map(e => [e.tagName.toLowerCase(), e.src || e.data || '']),
]"""
TOOLTIP = "() => { const e = document.getElementById('vg-tooltip-element'); " \
          "return e && e.classList.contains('visible') ? e.innerHTML : null }"


@pytest.fixture(scope="module")
def hostile_dashboard(hostile_warehouse):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "dashboard", "--port", str(port),
         "--warehouse", str(hostile_warehouse.path)],
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
        time.sleep(0.2)
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


def assert_nothing_live(page) -> None:
    for tag, url in page.evaluate(DOM_URLS):
        if tag == "img" and url.startswith(SPARKLINE_URL):
            assert_sparkline_svg(base64.b64decode(url.removeprefix(SPARKLINE_URL)).decode("utf-8"))
            continue
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https", ""), f"<{tag}> -> {url}"
        assert parts.hostname != ATTACKER and ATTACKER not in (parts.netloc or ""), f"<{tag}> -> {url}"
        if tag != "a":  # only links may leave the page (ESCO, the heading anchors); nothing is fetched
            assert parts.hostname in (None, "127.0.0.1"), f"<{tag}> -> {url}"
    assert page.locator("[data-testid='stException']").count() == 0


def hover_for_tooltip(page) -> str | None:
    """Move down the chart in 2 px steps (crossing the weekly line) until Vega shows a tooltip;
    its innerHTML, or None."""
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    for fx in (0.5, 0.3, 0.7):
        x = box["x"] + box["width"] * fx
        for dy in range(0, int(box["height"]), 2):
            page.mouse.move(x, box["y"] + dy)
            html = page.evaluate(TOOLTIP)
            if html:
                return html
    return None


def wait_idle(page) -> None:
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-stale="true"]')
                && document.querySelector('[data-testid="stMainBlockContainer"] h1') !== null;
        }""", timeout=90_000, polling=100)


def test_hostile_postings_show_as_plain_text_in_the_browser(browser, hostile_dashboard, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    # Every page, then the hostile skill's own page (its name, evidence and chart).
    for path in ("", "plan", "emerging", "postings", "research", "health"):
        page.goto(f"{hostile_dashboard}/{path}", wait_until="domcontentloaded")
        wait_idle(page)
        page.wait_for_timeout(500)  # data grids and charts paint after the run
        assert_nothing_live(page)
        save(page, f"hostile-{path or 'pulse'}.png", tmp_path)

    page.goto(f"{hostile_dashboard}/skill?skill={quote(SKILL)}", wait_until="domcontentloaded")
    wait_idle(page)
    page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for()
    page.wait_for_timeout(1200)
    # The hostile strings are on the page as text, character for character (the word joiners
    # that stop autolinks are invisible and dropped here).
    shown = page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")
    assert plain_text(SKILL, max_chars=80) in shown
    assert "<img src=x onerror=alert(1)>" in shown
    assert_nothing_live(page)
    save(page, "hostile-skill.png", tmp_path)

    tooltip = hover_for_tooltip(page)
    assert tooltip is not None, "no chart tooltip appeared"
    assert "<img" not in tooltip and "<script" not in tooltip, tooltip
    save(page, "hostile-skill-tooltip.png", tmp_path)

    # The sections below the evidence run only when their tab is opened: click each, as a user does.
    for section in SKILL_SECTIONS[1:]:
        page.get_by_role("tab", name=section, exact=True).click()
        page.wait_for_function(
            "(name) => new URLSearchParams(location.search).get('section') === name", arg=section, timeout=30_000)
        wait_idle(page)
        page.wait_for_timeout(500)
        assert_nothing_live(page)

    phone = browser.new_page(viewport={"width": 420, "height": 900})
    phone.goto(f"{hostile_dashboard}/postings", wait_until="domcontentloaded")
    wait_idle(phone)
    assert_nothing_live(phone)
    save(phone, "hostile-postings-420.png", tmp_path)

    assert dialogs == []
    assert requests and [u for u in requests if urlsplit(u).hostname != "127.0.0.1"] == []
