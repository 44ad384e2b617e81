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
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from dashboard import charts
from tests.conftest import REPO
from tests.hostile.conftest import ATTACKER, FORMULAS, NICHE, NICHE_BIDI, NICHE_FORMULA, SKILL
from warehouse.safe_text import CSV_TRIGGERS, markdown_text, plain_text

APP = str(REPO / "dashboard" / "app.py")

# The one link the pages write themselves: the ESCO concept of the selected skill, its URI checked
# and percent-encoded (so an ESCO "URI" from an overlay cannot close the link early).
ESCO_LINK = re.compile(r"\[ESCO concept ↗\]\(http://data\.europa\.eu/esco/[^()\s<>\\\[\]!]*\)")
# CommonMark with raw HTML allowed, tables and strikethrough: the most a renderer could make of it.
RENDER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def app(monkeypatch, hostile_warehouse):
    """An AppTest on the hostile warehouse, and the files its download buttons serve."""
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(hostile_warehouse.path))
    files: dict[str, tuple[bytes, str | None]] = {}
    load_and_get_id = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        file_id = load_and_get_id(self, path_or_data, mimetype, kind, filename)
        files[file_id] = (path_or_data, filename)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    at = AppTest.from_file(APP, default_timeout=60)
    at.files = files
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
        rest = ESCO_LINK.sub("", text)
        for needle in ("](", "![", "javascript:", "http://", "https://"):
            assert needle not in rest, f"{where}: {needle!r} in {text!r}"
        assert not re.search(r"(?<!\\)<(script|img)", rest), f"{where}: raw HTML in {text!r}"
        html = RENDER.render(rest)
        assert not re.search(r"<(a|img|script|iframe|svg)\b", html), f"{where}: {html}"
        if where == "markdown":
            continue  # st.markdown holds only the About page's own prose, which is formatted
        # One-line labels and headings: nothing scraped can add formatting or blocks either.
        assert "\n" not in text and not BIDI.search(text), f"{where}: line break or bidi control in {text!r}"
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


def select_niche(at: AppTest, niche: str) -> AppTest:
    box = at.sidebar.selectbox[0]
    assert plain_text(niche, max_chars=80) in box.options
    return box.set_value(niche).run()


def test_every_page_and_niche_shows_hostile_text_as_text(app, hostile_warehouse):
    at = app
    at.run()
    assert_inert(at)
    top = at.dataframe[0].value
    assert SKILL in top["skill"].tolist()

    for niche in (NICHE, NICHE_FORMULA, NICHE_BIDI.strip()):
        select_niche(at, niche)
        assert_inert(at)
        assert any(markdown_text(niche, max_chars=80) in s.value for s in at.subheader)
        rows = at.dataframe[0].value
        assert len(rows) >= 3 and {"Python", SKILL} <= set(rows["skill"])

    # The hostile skill is the top row in the hostile niche; select each of its rows in turn.
    select_niche(at, NICHE)
    skills = at.dataframe[0].value["skill"].tolist()
    assert skills[0] == SKILL
    for i, skill in enumerate(skills):
        at.session_state["top_skills"] = {"selection": {"rows": [i], "columns": [], "cells": []}}
        at.run()
        assert_inert(at)
        assert at.multiselect[0].value == [skill]
        captions = " ".join(c.value for c in at.caption)
        assert f"mentioning {markdown_text(skill, max_chars=80)}." in captions
        filename, rows = evidence_csv(at)
        assert re.fullmatch(r"skillpulse-evidence-[a-z0-9+#-]+\.csv", filename), filename
        assert_csv_neutralised(rows)
        postings = at.dataframe[1].value
        assert postings["url"].dropna().str.match(r"https?://").all()

    # The hostile skill: what counts as it, with its overlay's O*NET name and ESCO "URI".
    at.session_state["top_skills"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    counted = [c.value for c in at.caption if c.value.startswith("Counted as")]
    assert len(counted) == 1
    assert markdown_text(SKILL, max_chars=80) in counted[0] and "O\\*NET: " in counted[0]
    [esco] = ESCO_LINK.findall(counted[0])
    assert "%29%21%5Be%5D%28" in esco  # ")![e](" encoded: still one link to data.europa.eu
    filename, rows = evidence_csv(at)
    cells = {cell for row in rows[1:] for cell in row}
    for formula in FORMULAS:  # every formula made it to the CSV, and each one quoted
        assert "'" + formula in cells or any(c.startswith("'" + formula) for c in cells), formula

    at.sidebar.radio[0].set_value("Rising fastest").run()
    assert_inert(at)
    at.sidebar.selectbox[1].set_value("tools_platforms").run()
    assert_inert(at)
    assert at.dataframe[0].value["skill"].tolist() == [SKILL]

    at.switch_page("pages/about_data.py").run()
    assert_inert(at)
    assert [m.label for m in at.metric] == ["Postings", "Weeks covered", "Data as of (UTC)"]


def test_chart_legend_and_tooltips_carry_plain_text_only(app):
    """Vega draws legends as text and vega-tooltip escapes HTML in keys and values; but it turns a
    key named "image" into <img src=value> and "title" into a heading, so no tooltip title may be
    either. Names reach the chart without control or bidi characters, and shortened."""
    at = app
    at.run()
    select_niche(at, NICHE)
    [chart] = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    frames = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets]
    names = {name for frame in frames for name in frame["skill"]}
    assert names == {plain_text(SKILL, max_chars=charts.LABEL_CHARS)}
    tooltips = [t for layer in spec["layer"] for t in layer["encoding"]["tooltip"]]
    assert tooltips and all(t["title"].lower() not in {"image", "title"} for t in tooltips)

    hostile = pd.DataFrame({"week": pd.to_datetime(["2026-11-16"] * 2), "skill": [NICHE_BIDI, "x" * 500],
                            "share": [0.5, 0.1], "postings_with_skill": [1, 1], "postings_total": [2, 2]})
    drawn = charts.weekly_share_chart(hostile).to_dict()
    [rows] = drawn["datasets"].values()
    assert [r["skill"] for r in rows] == [plain_text(NICHE_BIDI), "x" * 59 + "…"]
    assert not charts.tooltip_titles_are_plain([alt.Tooltip("share:Q", title="image")])
    assert charts.tooltip_titles_are_plain([alt.Tooltip("share:Q", title="Share of postings")])
