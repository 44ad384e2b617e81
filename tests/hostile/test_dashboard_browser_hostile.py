"""The real dashboard (`skillpulse dashboard`) over the hostile warehouse, in Debian's Chromium:
hostile text must show as text. Every request goes to 127.0.0.1, no dialog opens, and no <img>,
<a href>, <iframe> or <script> in the DOM points at the attacker or at a javascript:/data: URL.

Screenshots (1280 px wide, with and without a chart tooltip, and 420 px wide) go to the test's
temp folder, and to $SKILLPULSE_SCREENSHOT_DIR when set.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO
from tests.hostile.conftest import ATTACKER, NICHE, SKILL
from tests.test_dashboard_browser import CHROMIUM, CHROMIUM_ARGS, free_port, save
from warehouse.safe_text import plain_text

pytestmark = pytest.mark.browser

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


def test_hostile_postings_show_as_plain_text_in_the_browser(browser, hostile_dashboard, tmp_path):
    # Tall viewports: Streamlit scrolls inside its own container, so a "full page" screenshot is
    # only the viewport.
    page = browser.new_page(viewport={"width": 1280, "height": 2000})
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(hostile_dashboard, wait_until="domcontentloaded")
    page.get_by_text("Which skills are in demand in your niche?").wait_for(timeout=60_000)
    page.get_by_text("Top skills · All niches").wait_for(timeout=60_000)

    # Choose the hostile niche in the sidebar (its option is plain text, cut at 80 characters).
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name=plain_text(NICHE, max_chars=80), exact=True).click()
    heading = page.locator("[data-testid='stHeading']", has_text="Top skills · ![x](http:")
    heading.wait_for(timeout=30_000)
    page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for()
    page.get_by_text("The postings behind").first.wait_for()
    page.wait_for_timeout(1200)  # let the data grids and the chart paint

    # The hostile strings are on the page as text, character for character (the word joiners
    # that stop autolinks are invisible and dropped here).
    shown = page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")
    niche = plain_text(NICHE, max_chars=80)  # headings cut long names at 80 characters
    assert "Top skills · " + niche in shown
    assert f"The postings behind “{plain_text(SKILL)}” · {niche}" in shown
    assert f"Download the evidence for “{plain_text(SKILL)}” (CSV)" in shown
    assert "O*NET: [O*NET](http://attacker.invalid/onet) <img src=x onerror=alert(1)>" in shown
    assert_nothing_live(page)

    tooltip = hover_for_tooltip(page)
    assert tooltip is not None, "no chart tooltip appeared"
    assert "<img" not in tooltip and "<script" not in tooltip and "&lt;img src=x" in tooltip, tooltip

    save(page, "hostile-tooltip.png", tmp_path)
    page.mouse.move(5, 5)
    page.wait_for_timeout(300)
    save(page, "hostile-1280.png", tmp_path)
    page.set_viewport_size({"width": 420, "height": 3200})
    page.wait_for_timeout(1000)
    assert_nothing_live(page)
    save(page, "hostile-420.png", tmp_path)

    assert dialogs == []
    foreign = [u for u in requests if urlsplit(u).hostname != "127.0.0.1"]
    assert requests and foreign == [], foreign
    page.close()
