"""The dashboard in a real browser: cold-start time to the first chart, time until every page is
interactive, and screenshots of every page at two widths.

    .venv/bin/python benchmarks/dashboard_browser.py --warehouse data/scale/warehouse.duckdb
    .venv/bin/python benchmarks/dashboard_browser.py --warehouse W --screenshots docs/screenshots

What it runs is what a user runs: `skillpulse dashboard` on the given warehouse (a fresh server, so
every cache is cold), opened in Debian's Chromium through Playwright
(executable_path=/usr/bin/chromium; nothing is downloaded).

1. cold start, three times (the median is reported; one start varies by +-0.3 s): a new server
   answers its health check; then the home page is opened in a newly launched browser and the
   clock runs until the first chart is drawn, a Vega chart or a Pulse sparkline (target <= 2.5 s
   at 1M postings, issue 12); at the end the same after a server restart, in a browser that has
   Streamlit's static files cached (a returning visitor after the nightly restart);
2. every page, cold (first visit) and warm (second visit, caches filled), each opened by its URL
   (a full load of the frontend and a new session), and reached by its sidebar link as a user
   moves between pages, in three rounds (median and slowest): from the click until Streamlit
   reports the script finished and no element is still stale -- the page is interactive (target
   <= 2 s at 1M postings); then each tab of the Skill page clicked (a tab's section runs when it
   is opened), timed the same way;
3. baselines, same process: the health endpoint's round trip, so the ratio says how much of a
   page's time is the app rather than the browser and the server; and an empty Streamlit page (a
   title only, the same server flags) opened the same way as the cold start, until its title is
   drawn: the floor under any first chart on this machine, which no app can go below;
4. with --screenshots DIR: a full-page screenshot of every page at 1280 and 420 px, as
   DIR/<page>-<width>.png.

It prints the figures and whether each target is met; it asserts nothing.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: (url path, what the page is called in the report); "" is the home page (Pulse).
PAGES = [("", "pulse"), ("skill", "skill"), ("plan", "plan"), ("emerging", "emerging"),
         ("postings", "postings"), ("research", "research"), ("health", "health")]
CHART = ("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg, "
         "[data-testid='stMarkdownContainer'] img[src^='data:image/svg+xml']")  # Vega charts, sparklines
FIRST_CHART_TARGET_S, PAGE_TARGET_S = 2.5, 2.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(warehouse: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "dashboard", "--port", str(port), "--warehouse", str(warehouse)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_healthy(proc, port)
    return proc


def wait_healthy(proc: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            stderr = proc.stderr.read().decode()[-2000:] if proc.stderr else ""
            raise SystemExit(f"the server did not start: {stderr}")
        time.sleep(0.2)


def wait_idle(page, timeout_ms: int = 120_000) -> None:
    """Until the script run is over and its output is current (Streamlit marks the app element
    with its script state and greys out stale elements while a run is under way)."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
            if (document.querySelector('[data-stale="true"]')) return false;
            return document.querySelector('[data-testid="stMainBlockContainer"] h1') !== null;
        }""", timeout=timeout_ms, polling=50)


def visit(page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    wait_idle(page)
    return time.perf_counter() - started


def navigate(page, path: str) -> float:
    """In-app navigation, as a user moves between pages: a click on the sidebar link (the
    frontend stays loaded; only the page's script runs), until the new page is interactive."""
    before = page.evaluate("() => document.querySelector('[data-testid=\"stMainBlockContainer\"] h1')?.innerText")
    started = time.perf_counter()
    page.locator(f"[data-testid='stSidebarNav'] a[href$='/{path}']").first.click()
    page.wait_for_function(
        """(before) => {
            const h1 = document.querySelector('[data-testid="stMainBlockContainer"] h1');
            const app = document.querySelector('[data-testid="stApp"]');
            return h1 && h1.innerText !== before && app
                && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-stale="true"]');
        }""", arg=before, timeout=120_000, polling=50)
    return time.perf_counter() - started


def open_tab(page, label: str) -> float:
    """A click on one of the Skill page's tabs, until its section has run and the page is current."""
    started = time.perf_counter()
    page.get_by_role("tab", name=label, exact=True).click()
    page.wait_for_function(
        """(label) => {
            const tab = [...document.querySelectorAll('[role="tab"]')].find(t => t.innerText.trim() === label);
            const app = document.querySelector('[data-testid="stApp"]');
            return tab && tab.getAttribute('aria-selected') === 'true' && app
                && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-stale="true"]');
        }""", arg=label, timeout=120_000, polling=50)
    return time.perf_counter() - started


def empty_page_title(playwright, repeats: int = 3) -> float:
    """Median seconds from opening an empty Streamlit page (``st.title`` only; a fresh server and a
    fresh browser each time, as the cold start) until its title is drawn."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        app = Path(tmp) / "empty.py"
        app.write_text('import streamlit as st\n\nst.title("Empty")\n', encoding="utf-8")
        for _ in range(repeats):
            port = free_port()
            proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
                 "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats",
                 "false", "--client.toolbarMode", "viewer"], cwd=tmp, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL)
            try:
                wait_healthy(proc, port)
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                started = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
                page.locator("[data-testid='stMainBlockContainer'] h1").first.wait_for(timeout=120_000)
                times.append(time.perf_counter() - started)
                browser.close()
            finally:
                proc.terminate()
                proc.wait(timeout=20)
    return statistics.median(times)


def health_round_trip(url: str, repeats: int = 20) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        with urllib.request.urlopen(url + "/_stcore/health", timeout=5) as r:
            r.read()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


COLD_STARTS = 3
CLICK_ROUNDS = 3


def cold_start(playwright, warehouse: Path) -> tuple[float, float, float]:
    """One cold start: a new server (cold caches) and a new browser (nothing cached), the home page
    opened; seconds until the frontend runs, the page's title is drawn and the first chart is."""
    port = free_port()
    proc = start_dashboard(warehouse, port)
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        started = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
        page.wait_for_function("() => document.querySelector('[data-testid=\"stApp\"]') !== null",
                               timeout=120_000, polling=20)
        frontend = time.perf_counter() - started  # the frontend's code is loaded and running
        page.locator("[data-testid='stMainBlockContainer'] h1").first.wait_for(timeout=120_000)
        title = time.perf_counter() - started  # the page's script has started sending
        page.locator(CHART).first.wait_for(timeout=120_000)
        chart = time.perf_counter() - started
        browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return frontend, title, chart


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warehouse", type=Path, required=True, help="the DuckDB file to serve")
    ap.add_argument("--screenshots", type=Path, help="write <page>-<width>.png screenshots here")
    ap.add_argument("--widths", type=int, nargs="+", default=[1280, 420])
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: `./dev.sh setup` then `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with sync_playwright() as p:  # a fresh server and a fresh browser each time
        cold_starts = [cold_start(p, args.warehouse.resolve()) for _ in range(COLD_STARTS)]
    frontend, first_title, first_chart = (statistics.median(run[i] for run in cold_starts) for i in range(3))
    proc = start_dashboard(args.warehouse.resolve(), port)
    results: dict[str, dict[str, float]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            started = time.perf_counter()
            page.goto(base + "/", wait_until="commit")
            wait_idle(page)
            home_interactive = time.perf_counter() - started
            for path, name in PAGES[1:]:
                results[name] = {"cold": visit(page, f"{base}/{path}")}
            results["pulse"] = {"cold": home_interactive}
            for path, name in PAGES:
                results[name]["warm"] = visit(page, f"{base}/{path}")
            # in-app: from each page to the next by its sidebar link (Pulse last, from Health), in
            # CLICK_ROUNDS rounds: one click varies by +-0.4 s, so the median and the slowest are kept
            clicks: dict[str, list[float]] = {name: [] for _, name in PAGES}
            for _ in range(CLICK_ROUNDS):
                for path, name in [*PAGES[1:], PAGES[0]]:
                    clicks[name].append(navigate(page, path))
            for name, times in clicks.items():
                results[name] |= {"click": statistics.median(times), "click_max": max(times)}
            # the Skill page's sections below the evidence, each tab opened in turn (it runs then)
            navigate(page, "skill")
            sections = [t.strip() for t in page.get_by_role("tab").all_inner_texts()]
            tab_times = {section: open_tab(page, section) for section in [*sections[1:], sections[0]]}
            baseline = health_round_trip(base)
            if args.screenshots:
                args.screenshots.mkdir(parents=True, exist_ok=True)
                for width in args.widths:
                    shot = browser.new_page(viewport={"width": width, "height": 900})
                    for path, name in PAGES:
                        visit(shot, f"{base}/{path}")
                        shot.wait_for_timeout(800)  # data grids paint after the run ends
                        # Streamlit scrolls its main block, not the document: grow the viewport to
                        # the content so the screenshot holds the whole page
                        # (again while it grows: charts in a tab are laid out after the page)
                        height = 0
                        for _ in range(4):
                            grown = shot.evaluate(
                                "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
                            if grown <= height:
                                break
                            height = grown
                            shot.set_viewport_size({"width": width, "height": min(max(900, height), 8000)})
                            shot.wait_for_timeout(2500)  # charts redraw at the new size
                        shot.screenshot(path=str(args.screenshots / f"{name}-{width}.png"))
                        shot.set_viewport_size({"width": width, "height": 900})
                    shot.close()
            # A restarted server (cold caches again) seen by a browser that has Streamlit's static
            # files cached already, as after a nightly restart: the same page, so its cache applies.
            proc.terminate()
            proc.wait(timeout=20)
            proc = start_dashboard(args.warehouse.resolve(), port)
            started = time.perf_counter()
            page.goto(base + "/", wait_until="commit")
            page.locator(CHART).first.wait_for(timeout=120_000)
            first_chart_cached = time.perf_counter() - started
            browser.close()
            proc.terminate()
            proc.wait(timeout=20)
            empty_title = empty_page_title(p)
    finally:
        proc.terminate()
        proc.wait(timeout=20)

    print(f"warehouse: {args.warehouse} ({args.warehouse.stat().st_size / 1e6:,.0f} MB)")
    charts = sorted(run[2] for run in cold_starts)
    print(f"first chart from a cold start: {first_chart:.2f} s, median of {COLD_STARTS} "
          f"({charts[0]:.2f}-{charts[-1]:.2f} s; target <= {FIRST_CHART_TARGET_S} s: "
          f"{'met' if first_chart <= FIRST_CHART_TARGET_S else 'MISSED'})")
    print(f"first chart after a restart, static files in the browser's cache: {first_chart_cached:.2f} s "
          f"(target: {'met' if first_chart_cached <= FIRST_CHART_TARGET_S else 'MISSED'})")
    print(f"  of which (medians): frontend up {frontend:.2f} s, page title {first_title:.2f} s, "
          f"first chart {first_chart - first_title:.2f} s after the title")
    print(f"baseline: an empty Streamlit page (a title only), fresh server and browser: title after "
          f"{empty_title:.2f} s (median of 3) -> the first chart takes {first_chart / empty_title:.2f}x that "
          f"(+{first_chart - empty_title:.2f} s)")
    print(f"baseline: health-check round trip {1000 * baseline:.1f} ms")
    print("cold / warm: the page's URL opened afresh (the whole frontend loads, a new session); "
          "click: reached by its sidebar link, as a user moves between pages")
    print(f"click: the median of {CLICK_ROUNDS} (slowest: click max)")
    print(f"{'page':<10} {'cold s':>7} {'warm s':>7} {'click s':>8} {'click max':>10} {'click/baseline':>15}  "
          f"target <= {PAGE_TARGET_S} s")
    for _, name in PAGES:
        cold, warm, click, slowest = (results[name][k] for k in ("cold", "warm", "click", "click_max"))
        verdict = "met" if max(cold, warm, slowest) <= PAGE_TARGET_S else (
            "in-app met" if slowest <= PAGE_TARGET_S else
            "in-app median met" if click <= PAGE_TARGET_S else "MISSED")
        print(f"{name:<10} {cold:>7.2f} {warm:>7.2f} {click:>8.2f} {slowest:>10.2f} {click / baseline:>14.0f}x  "
              f"{verdict}")
    print("Skill page, a tab below the evidence clicked (its section runs then):")
    for section, seconds in tab_times.items():
        print(f"  {section:<24} {seconds:5.2f} s  {'met' if seconds <= PAGE_TARGET_S else 'MISSED'}")
    if args.screenshots:
        print(f"screenshots: {args.screenshots}/<page>-<width>.png for widths {args.widths}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
