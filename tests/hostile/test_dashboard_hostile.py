"""The dashboard (AppTest) on a warehouse of hostile postings: every page, the hostile niches, a
selected row. No Markdown body may hold a live link, image or HTML; the evidence CSV is neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import re

import altair as alt
import pandas as pd
import pytest
from markdown_it import MarkdownIt
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from dashboard import charts
from dashboard.components import SKILL_SECTIONS
from tests.conftest import REPO
from tests.hostile.conftest import (
    ATTACKER,
    FORMULAS,
    NICHE_BIDI,
    SKILL,
    without_sparklines,
)
from warehouse.safe_text import CSV_TRIGGERS, markdown_text, plain_text

APP = str(REPO / "dashboard" / "app.py")

# The one link the pages write themselves: the ESCO concept of the selected skill, its URI checked
# and percent-encoded (so an ESCO "URI" from an overlay cannot close the link early).
ESCO_LINK = re.compile(r"\[ESCO concept ↗\]\(http://data\.europa\.eu/esco/[^()\s<>\\\[\]!]*\)")
# The link to a posting at its source the pages write themselves: our own text ending in "↗", the
# posting's URL through safe_url (http(s) only). Scraped text cannot forge one: markdown_text
# escapes every bracket in it.
OWN_LINK = re.compile(r"(?<!\\)\[[^\[\]\\]*↗\]\(https?://[^()\s<>\\\[\]]*\)")
# CommonMark with raw HTML allowed, tables and strikethrough: the most a renderer could make of it.
RENDER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def app(monkeypatch, hostile_warehouse, download_files):
    """An AppTest on the hostile warehouse, and the files its download buttons serve."""
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(hostile_warehouse.path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.files = download_files
    return at


def markdown_bodies(at: AppTest) -> list[tuple[str, str]]:
    """(where, text) for every string the page hands to Streamlit's Markdown renderer."""
    bodies = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success"):
        bodies += [(kind, el.value) for el in getattr(at, kind)]
    for m in at.metric:
        bodies += [("metric label", m.label), ("metric value", m.value), ("metric delta", m.proto.delta)]
    widgets = [*at.selectbox, *at.multiselect, *at.radio, *at.button, *at.get("download_button")]
    for w in widgets:
        bodies += [(f"{w.type} label", w.proto.label), (f"{w.type} help", w.proto.help)]
    for r in at.radio:
        bodies += [("radio option", o) for o in r.options]  # radio options are Markdown too
    return [(where, text) for where, text in bodies if text]


def assert_inert(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    bodies = markdown_bodies(at)
    assert bodies
    for where, text in bodies:
        rest, _ = without_sparklines(OWN_LINK.sub("", ESCO_LINK.sub("", text)))
        for needle in ("](", "![", "javascript:", "http://", "https://"):
            assert needle not in rest, f"{where}: {needle!r} in {text!r}"
        assert not re.search(r"(?<!\\)<(script|img)", rest), f"{where}: raw HTML in {text!r}"
        html = RENDER.render(rest)
        assert not re.search(r"<(a|img|script|iframe|svg)\b", html), f"{where}: {html}"
        assert not BIDI.search(text), f"{where}: bidi control in {text!r}"
        if where.split()[0] in ("markdown", "caption", "info", "warning", "error", "success") or where.endswith("help"):
            continue  # the pages' own prose, which is formatted (bold, lists) on purpose
        # One-line labels and headings: nothing scraped can add formatting or blocks either.
        assert "\n" not in text, f"{where}: line break in {text!r}"
        assert not re.search(r"<(h\d|ul|ol|li|table|pre|code|em|strong|del|blockquote|hr)\b", html), f"{where}: {html}"
    # Select options are plain text in Streamlit: no escaping there, but no controls either.
    for w in [*at.selectbox, *at.multiselect]:
        for option in w.options:
            assert "\n" not in option and not BIDI.search(option) and "\\" not in option, option


def evidence_csv(at: AppTest) -> tuple[str, list[list[str]]]:
    [button] = at.get("download_button")
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    data, filename = at.files[file_id]
    return filename, list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def assert_csv_neutralised(rows: list[list[str]]) -> None:
    header, body = rows[0], rows[1:]
    assert body
    for row in body:
        for column, cell in zip(header, row):
            assert not cell.startswith(CSV_TRIGGERS), f"{column}: {cell!r}"
    url = header.index("url")
    assert {row[url] for row in body} <= {"", f"http://{ATTACKER}/x", "https://jobs.example.org/posting/1"}


PAGES = ["pulse", "skill", "plan", "emerging", "postings", "research", "health"]


def open_page(at: AppTest, page: str, **params: str) -> AppTest:
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page != "pulse":
        at.switch_page(f"views/{page}.py").run()
    return at


def csv_downloads(at: AppTest) -> list[tuple[str, list[list[str]]]]:
    """(file name, rows) of every CSV the page's download buttons serve."""
    out = []
    for button in at.get("download_button"):
        file_id = button.proto.deferred_file_id or button.proto.url.rsplit("/", 1)[-1].split(".")[0]
        if file_id not in at.files:
            continue
        data, filename = at.files[file_id]
        data = data() if callable(data) else data  # made when clicked: made now, as a click does
        if filename and filename.endswith(".csv"):
            text = data.decode("utf-8") if isinstance(data, bytes) else data
            out.append((filename, list(csv.reader(io.StringIO(text, newline="")))))
    return out


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_hostile_text_as_text(app, page):
    assert_inert(open_page(app, page))


@pytest.mark.parametrize("section", SKILL_SECTIONS)
def test_every_section_of_the_hostile_skill_shows_hostile_text_as_text(app, section):
    """The Skill page runs only its open tab: each one opened, as its link opens it (the proof tab
    quotes scraped sentences with their posting's title and link)."""
    at = open_page(app, "skill", skill=SKILL, section=section)
    assert at.session_state["section"] == section
    if section == "How to prove it":  # the hostile postings ask for a portfolio: quoted, with titles
        assert any(m.value.startswith("> “Send a portfolio") for m in at.markdown)
    assert_inert(at)


def test_every_segment_shows_hostile_text_as_text(app, hostile_warehouse):
    """Every value of every segment filter (regions and types come from scraped fields), set the
    way a shared link sets it: in the URL."""
    from warehouse import queries

    values = queries.segment_values(hostile_warehouse.path)
    for dim in ("family", "remote", "region", "employment_type"):
        for value in values[dim]["value"].dropna():
            at = open_page(app, "pulse", **{dim: value})
            assert_inert(at)
            app.query_params.clear()


def test_the_hostile_skill_its_evidence_and_its_csv(app, hostile_warehouse):
    """The overlay's hostile skill on the Skill page: its name, what counts as it (O*NET name and
    ESCO "URI" from the overlay), the postings behind it and the evidence CSV, all inert."""
    at = open_page(app, "skill", skill=SKILL)
    assert_inert(at)
    assert at.title[0].value == markdown_text(SKILL, max_chars=80)
    counted = " ".join(c.value for c in at.caption if "ESCO" in c.value or "O\\*NET" in c.value)
    assert markdown_text(SKILL, max_chars=80).split(" ")[0] in counted or "O\\*NET" in counted
    for esco in ESCO_LINK.findall(counted):
        assert "%29%21%5Be%5D%28" in esco  # ")![e](" encoded: still one link to data.europa.eu
    downloads = csv_downloads(at)
    assert downloads, "the evidence has a CSV download"
    cells = set()
    for filename, rows in downloads:
        assert re.fullmatch(r"[A-Za-z0-9._+#-]+\.csv", filename), filename
        assert_csv_neutralised(rows)
        cells |= {cell for row in rows[1:] for cell in row}
    # the hostile descriptions' formulas reached the CSV only quoted
    assert not {f for f in FORMULAS if f in cells}


def test_every_posting_of_the_postings_page_is_inert(app, hostile_warehouse):
    at = open_page(app, "postings")
    assert_inert(at)
    table = at.dataframe[0].value
    assert len(table) >= 10
    for i in range(min(len(table), 12)):  # select each posting: its detail is shown in turn
        at.session_state[at.dataframe[0].key] = {"selection": {"rows": [i], "columns": [], "cells": []}}
        at.run()
        assert_inert(at)


def test_research_results_are_cells_and_their_csv_is_neutralised(app, hostile_warehouse):
    at = open_page(app, "research")
    # the console is a form: type the query and submit it in one run, as a user does
    at.text_area(key="research-sql").set_value(
        "SELECT title, company, url, category FROM core.postings LIMIT 50")
    next(b for b in at.button if "Run" in b.label).click()
    at.run()
    assert_inert(at)
    result = at.dataframe[-1].value
    assert len(result) >= 10 and set(result.columns) >= {"title", "company", "url"}
    for _filename, rows in csv_downloads(at):
        header, body = rows[0], rows[1:]
        for row in body:
            for column, cell in zip(header, row):
                assert not cell.startswith(CSV_TRIGGERS), f"{column}: {cell!r}"


def _tooltips(spec) -> list[dict]:
    """Every tooltip channel in a Vega-Lite spec, however deeply layered or concatenated."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "tooltip" and isinstance(value, list):
                found += [t for t in value if isinstance(t, dict)]
            elif key == "tooltip" and isinstance(value, dict):
                found.append(value)
            else:
                found += _tooltips(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _tooltips(value)
    return found


def _inline_values(spec) -> list[list]:
    """Every inline ``data: {values: [...]}`` of a Vega-Lite spec, however deeply layered."""
    found = []
    if isinstance(spec, dict):
        data = spec.get("data")
        if isinstance(data, dict) and isinstance(data.get("values"), list):
            found.append(data["values"])
        for key, value in spec.items():
            if key != "data":
                found += _inline_values(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _inline_values(value)
    return found


@pytest.mark.parametrize("page,params", [("skill", {"skill": SKILL}), ("health", {})])
def test_chart_legends_and_tooltips_carry_plain_text_only(app, page, params):
    """Vega draws legends as text and vega-tooltip escapes HTML in keys and values; but it turns a
    key named "image" into <img src=value> and "title" into a heading, so no tooltip title may be
    either. Names reach the charts without control or bidi characters, and shortened."""
    at = open_page(app, page, **params)
    charts_drawn = at.get("vega_lite_chart")
    assert charts_drawn
    for chart in charts_drawn:
        spec = json.loads(chart.proto.spec)
        assert all(str(t.get("title", "")).lower() not in {"image", "title"} for t in _tooltips(spec))
        # the rows travel as Arrow datasets, or inline in a layer's own data (charts_skill.segment_bars)
        frames = [convert_arrow_bytes_to_pandas_df(dataset.data.data) for dataset in chart.proto.datasets]
        frames += [pd.DataFrame(values) for values in _inline_values(spec)]
        assert frames
        for frame in frames:
            for column in frame.columns:
                for value in frame[column]:
                    if isinstance(value, str):
                        assert "\n" not in value and not BIDI.search(value), (column, value)
                        assert len(value) <= 200, (column, value)


def test_chart_helpers_flatten_and_cut_names():
    hostile = pd.DataFrame({"week": pd.to_datetime(["2026-11-16"] * 2), "skill": [NICHE_BIDI, "x" * 500],
                            "share": [0.5, 0.1], "postings_with_skill": [1, 1], "postings_total": [2, 2]})
    drawn = charts.weekly_share_chart(hostile).to_dict()
    [rows] = drawn["datasets"].values()
    assert [r["skill"] for r in rows] == [plain_text(NICHE_BIDI), "x" * 59 + "…"]
    assert not charts.tooltip_titles_are_plain([alt.Tooltip("share:Q", title="image")])
    assert charts.tooltip_titles_are_plain([alt.Tooltip("share:Q", title="Share of postings")])
