"""The real dashboard in headless Chromium (Debian's, driven by Playwright), end to end as a
freelancer uses it: choose a niche, open a skill and its evidence, build a learning plan from a
pasted profile and download the report, run a query in the research console; and every page at
phone width.

Screenshots go to the test's temp folder, and also to $SKILLPULSE_SCREENSHOT_DIR when set (the
README's screenshots come from benchmarks/dashboard_browser.py: see dashboard/README.md).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import REPO, free_port

CHROMIUM = "/usr/bin/chromium"
# A drawn chart: a Vega chart, or a Pulse sparkline (an SVG image, dashboard/charts.py)
CHART = ("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg, "
         "[data-testid='stMarkdownContainer'] img[src^='data:image/svg+xml']")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


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
    """A screenshot of the whole page (Streamlit scrolls its main block, not the document, so the
    viewport is grown to the content first)."""
    path = tmp_path / name
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(size["height"], height), 8000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    if os.environ.get("SKILLPULSE_SCREENSHOT_DIR"):
        target = Path(os.environ["SKILLPULSE_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / name)
    return path


def wait_idle(page, timeout_ms: int = 90_000) -> None:
    """Until Streamlit's script run is over and nothing on the page is stale."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-stale="true"]')
                && document.querySelector('[data-testid="stMainBlockContainer"] h1') !== null;
        }""", timeout=timeout_ms, polling=100)


def no_errors(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0


CV = ("Freelance frontend developer since 2019. I build web apps in React and TypeScript, with Next.js "
      "for the server side, and I care about accessibility.")


def test_a_freelancer_finds_a_niche_a_skill_its_evidence_a_plan_and_queries_the_data(
        browser, dashboard_url, tmp_path, demo_warehouse):
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # 1. Open the app and choose a niche: the figures and the URL follow.
    page.goto(dashboard_url, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Pulse").first.wait_for(timeout=60_000)
    page.locator(CHART).first.wait_for(timeout=60_000)
    wait_idle(page)
    no_errors(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name=re.compile(r"^Software engineering")).click()
    page.wait_for_url(re.compile(r"family=software"), timeout=30_000)
    wait_idle(page)
    no_errors(page)
    assert "role family: software engineering" in page.locator("[data-testid='stMain']").inner_text().lower()
    save(page, "e2e-1-pulse-niche.png", tmp_path)

    # 2. Open a skill from the Pulse and its evidence: the postings behind it, with the skill marked.
    page.locator("[data-testid='stPageLink'] a").first.click()
    page.wait_for_url(re.compile(r"/skill\?.*skill="), timeout=30_000)
    wait_idle(page)
    no_errors(page)
    page.get_by_role("heading", name="The evidence").wait_for()
    main = page.locator("[data-testid='stMain']")
    skill = parse_qs(urlsplit(page.url).query)["skill"][0]
    # the posting shown marks each mention of the skill (bold on a coloured background)
    # (an in-app page switch streams the page: wait for each element, not for the run state)
    marked = main.locator("[data-testid='stMarkdownContainer'] span strong")
    marked.first.wait_for(timeout=60_000)
    assert skill.lower().split()[0] in marked.first.inner_text().lower()
    source_link = page.get_by_role("link", name=re.compile(r"^Read it at "))
    source_link.first.wait_for(timeout=60_000)
    assert source_link.first.get_attribute("href").startswith("https://")
    wait_idle(page)
    # the evidence as a CSV (made when clicked): one row per posting of the period, with its link
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile(r"^Download these [\d,]+ postings? \(CSV\)")).click()
    assert download_info.value.suggested_filename.endswith(".csv")
    with open(download_info.value.path(), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and {r["skill"] for r in rows} == {skill}
    assert all(r["url"].startswith(("https://", "http://")) or r["url"] == "" for r in rows)
    save(page, "e2e-2-skill-evidence.png", tmp_path)

    # 2b. What it pairs with (a tab: it runs when opened), then one of those skills, then another
    # tab of that skill: the page stays on the skill followed and in the niche chosen in step 1.
    family = parse_qs(urlsplit(page.url).query)["family"][0]
    page.get_by_role("tab", name="Pairs well with", exact=True).click()
    page.wait_for_url(re.compile(r"section=Pairs"), timeout=30_000)
    pair = main.locator("[data-testid='stPageLink'] a").first
    pair.wait_for(timeout=60_000)
    wait_idle(page)
    other = parse_qs(urlsplit(pair.get_attribute("href")).query)["skill"][0]
    assert other != skill
    pair.click()
    page.wait_for_function("(name) => new URLSearchParams(location.search).get('skill') === name", arg=other,
                           timeout=30_000)
    page.get_by_role("heading", name=other, exact=True).wait_for(timeout=60_000)
    wait_idle(page)
    assert page.get_by_role("tab", selected=True).inner_text() == "Pairs well with"
    page.get_by_role("tab", name="What it pays", exact=True).click()
    page.wait_for_url(re.compile(r"section=What"), timeout=30_000)
    main.get_by_text(re.compile(r"states? pay")).first.wait_for(timeout=60_000)
    wait_idle(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query["skill"] == [other] and query["family"] == [family], query  # not back to the first skill
    assert page.locator("[data-testid='stMainBlockContainer'] h1").first.inner_text() == other
    no_errors(page)

    # 3. A learning plan from a pasted profile; the Markdown report downloads and says what it found.
    page.get_by_role("link", name="Learning plan").click()
    page.get_by_label("Or paste your CV or profile text").wait_for(timeout=60_000)
    wait_idle(page)
    page.get_by_label("Or paste your CV or profile text").fill(CV)
    page.get_by_role("button", name="Find skills in the text").click()
    page.get_by_text(re.compile(r"^Found \d+ skills? in the text")).wait_for(timeout=120_000)
    wait_idle(page)
    page.get_by_role("button", name="Build my plan").click()
    page.get_by_role("heading", name="What to learn next").wait_for(timeout=120_000)
    wait_idle(page)
    no_errors(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile(r"Report \(Markdown\)")).click()
    report = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert download_info.value.suggested_filename.endswith(".md")
    assert "React" in report and "TypeScript" in report  # the skills found in the pasted text
    assert re.search(r"^### 1\. \S", report, re.MULTILINE), report[:2000]  # a ranked next skill
    assert "N = " in report
    save(page, "e2e-3-plan.png", tmp_path)

    # 4. A SQL query in the research console, through the sandbox.
    page.get_by_role("link", name="Research").click()
    page.get_by_role("textbox", name="SQL", exact=True).wait_for(timeout=60_000)
    wait_idle(page)
    page.get_by_role("textbox", name="SQL", exact=True).fill("SELECT skill, count(*) AS postings FROM core.posting_skills "
                                  "GROUP BY skill ORDER BY postings DESC LIMIT 7")
    page.get_by_role("button", name="Run query").click()
    page.get_by_text(re.compile(r"7 rows × 2 columns")).wait_for(timeout=60_000)
    wait_idle(page)
    no_errors(page)
    assert page.get_by_role("button", name="Download CSV").count() == 1
    save(page, "e2e-4-research.png", tmp_path)

    assert dialogs == []
    # Nothing leaves the machine: no usage statistics, no web fonts or icons from a CDN.
    assert requests and [u for u in requests if urlsplit(u).hostname != "127.0.0.1"] == []


def test_every_page_renders_at_phone_width(browser, dashboard_url, demo_warehouse, tmp_path):
    page = browser.new_page(viewport={"width": 420, "height": 900})
    for path in ("", "skill", "plan", "emerging", "postings", "research", "health"):
        page.goto(f"{dashboard_url}/{path}", wait_until="domcontentloaded")
        wait_idle(page)
        no_errors(page)
        # nothing wider than the phone: the page itself never scrolls sideways
        overflow = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
        assert overflow <= 420 + 2, (path, overflow)
        save(page, f"phone-{path or 'pulse'}.png", tmp_path)
        if path == "health":
            coverage_cells_have_room(page, demo_warehouse)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{dashboard_url}/health", wait_until="domcontentloaded")
    wait_idle(page)
    coverage_cells_have_room(page, demo_warehouse)


def coverage_cells_have_room(page, warehouse: Path) -> None:
    """The coverage heatmap gives every source a full row of cells on top of its field labels and
    legend (a total height once left one source's chart only the labels, at every width)."""
    import duckdb

    from dashboard.charts_health import ROW_PX

    with duckdb.connect(str(warehouse), read_only=True) as con:
        sources = con.execute("SELECT count(DISTINCT source) FROM core.postings").fetchone()[0]
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.locator("canvas, svg").first.wait_for(state="visible", timeout=30_000)
    height = chart.bounding_box()["height"]
    assert height >= ROW_PX * sources + 100, (sources, height)
