"""The Skill page (AppTest) on the real demo warehouse: the skill from the URL and from the select box,
its share with N and 95% interval as the marts hold them, the evidence (real counted postings with
their copies, the ticked row and the posting read below it), gaps left as gaps in the weekly chart, the
monthly switch, comparing a skill outside the top 30 in its own colour, pay with N and coverage, and
no raw codes, "None" or live Markdown anywhere."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import duckdb
import pandas as pd
from markdown_it import MarkdownIt
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from dashboard import charts, components
from tests.conftest import REPO
from warehouse.safe_text import markdown_text

APP = str(REPO / "dashboard" / "app.py")
RENDER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
RAW_CODES = {"full_time", "part_time", "frontend_web", "software_engineering", "too little data", "remotive",
             "onsite", "None", "nan", "NaN", "NaT", "<NA>"}


def sql(warehouse, query: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(query, params or []).fetchall()
    finally:
        con.close()


def open_skill(monkeypatch, warehouse, **params) -> AppTest:
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(warehouse))
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("views/skill.py").run()  # the page by its file name: no need to draw Pulse first
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(thing) -> AppTest:
    """Run the app again (``thing``: the AppTest, or a widget whose value was just set)."""
    at = thing.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_section(at: AppTest, section: str) -> AppTest:
    """Open one of the tabs below the evidence, as its link (or a click on it) does."""
    at.query_params["section"] = section
    at = rerun(at)
    assert at.session_state["section"] == section
    return at


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def evidence_frame(at: AppTest):
    return next(f for f in at.dataframe if "sentence" in f.value.columns and "copies" in f.value.columns)


def charts_of(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def chart_data(chart) -> tuple[dict, dict]:
    """(the Vega-Lite spec, {dataset name: DataFrame}) of a chart element, wherever its datasets travel
    (a spec from ``charts.spec`` carries dates as ISO strings)."""
    spec = json.loads(chart.proto.spec)
    frames = {d.name: dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets}
    frames |= {name: pd.DataFrame(values) for name, values in spec.get("datasets", {}).items()}
    for frame in frames.values():
        if "period" in frame and not pd.api.types.is_datetime64_any_dtype(frame["period"]):
            frame["period"] = pd.to_datetime(frame["period"])
    return spec, frames


def trend_chart(at: AppTest):
    return next(c for c in charts_of(at) if '"picked"' in c.proto.spec)


def texts(at: AppTest) -> list[str]:
    out = []
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "success", "error"):
        out += [el.value for el in getattr(at, kind)]
    out += [m.label for m in at.metric] + [str(m.value) for m in at.metric]
    return out


def assert_clean(at: AppTest) -> None:
    """No raw code, "None" or "nan" in any table or metric, and no Markdown that renders an image,
    a script, raw HTML or a link other than an http(s) one."""
    for frame in at.dataframe:
        shown = frame.value.drop(columns=[c for c in ("url",) if c in frame.value.columns])
        cells = set(shown.astype(str).stack().tolist())
        assert not cells & RAW_CODES, (list(shown.columns), cells & RAW_CODES)
    for text in texts(at):
        assert not re.search(r"\b(None|nan|NaN|NaT|full_time|frontend_web)\b", text), text
        html = RENDER.render(text)
        assert not re.search(r"<(img|script|iframe|svg|style)\b", html), text
        for href in re.findall(r'<a href="([^"]*)"', html):
            assert re.match(r"https?://[^\s/]+\.", href), (href, text)


def momentum(warehouse, skill: str) -> dict:
    names = ["postings_recent", "postings_total_recent", "share_recent", "share_recent_low", "share_recent_high",
             "status"]
    row = sql(warehouse, f"SELECT {', '.join(names)} FROM mart.skill_momentum WHERE niche = 'All niches' AND skill = ?",
              [skill])
    assert row, skill
    return dict(zip(names, row[0]))


def test_the_skill_from_the_url_with_its_share_n_interval_pay_and_proof(monkeypatch, demo_warehouse):
    at = open_skill(monkeypatch, demo_warehouse, skill="React")
    assert at.title[0].value == "React" and at.query_params["skill"] == "React"
    m = momentum(demo_warehouse, "React")
    assert metric(at, "Share of postings").value == charts.fmt_share(m["share_recent"])
    assert metric(at, "Postings (N)").value == f"{m['postings_recent']:,}"
    assert metric(at, "Postings (N)").proto.delta == f"of {m['postings_total_recent']:,}"
    assert metric(at, "Trend").value == m["status"].capitalize()
    headline = next(c.value for c in at.caption if c.value.startswith("**Share**"))
    assert f"95% interval {charts.fmt_interval(m['share_recent_low'], m['share_recent_high'])}" in headline
    assert f"**N** {m['postings_recent']:,} of {m['postings_total_recent']:,} postings" in headline
    (first_seen,), = sql(demo_warehouse, """SELECT first_seen FROM mart.skill_trends WHERE segment_kind = 'all'
                                            AND horizon_weeks = 13 AND skill = 'React'""")
    assert metric(at, "First seen").value == f"{first_seen:%b %Y}"
    assert metric(at, "First seen").proto.delta == f"{first_seen:%d %b %Y}"
    assert metric(at, "Contract/freelance").value.endswith("%")

    # the sections below the evidence: one tab each, and only the open one runs
    assert [t.label for t in at.tabs] == list(components.SKILL_SECTIONS)
    assert at.session_state["section"] == "Where it is asked for"  # the first one, by default
    # the share by segment: one bar chart per dimension, human labels, every share inside its interval
    bars = [pd.DataFrame(json.loads(c.proto.spec)["layer"][0]["data"]["values"]) for c in charts_of(at)
            if '"picked"' not in c.proto.spec]
    assert len(bars) == 5
    labels = {lab for frame in bars for lab in frame["label"]}
    assert {"Remote", "Remotive", "Full-time"} <= labels and not {lab for lab in labels if "_" in lab}
    assert all(((f["low"] <= f["share"]) & (f["share"] <= f["high"])).all() for f in bars)
    assert any(c.value.startswith("**Sources:** Remotive") for c in at.caption)
    assert not [f for f in at.dataframe if {"premium"} & set(f.value.columns) or {"lift"} & set(f.value.columns)]
    assert_clean(at)

    # pay: N per currency and the coverage, as mart.skill_pay holds them
    at = open_section(at, "What it pays")
    assert len(charts_of(at)) == 1  # the trend chart only: the segment charts' tab is closed
    pay = sql(demo_warehouse, """SELECT currency, postings_with_pay, coverage, postings_with_skill FROM mart.skill_pay
                                 WHERE skill = 'React' AND segment_kind = 'all' ORDER BY postings_with_pay DESC, currency""")
    table = next(f.value for f in at.dataframe if "premium" in f.value.columns)
    assert list(zip(table["currency"], table["n"])) == [(c, n) for c, n, _, _ in pay]
    coverage = next(c.value for c in at.caption if "**Coverage:**" in c.value)
    assert f"**Coverage:** {charts.fmt_share(pay[0][2])} of its {pay[0][3]:,} postings state pay" in coverage
    assert table["median"].iloc[0].endswith(")") and "/h" in table["median"].iloc[0]
    assert_clean(at)

    # pairs well with: the top pairs, each a link to its own Skill page with this tab open
    at = open_section(at, "Pairs well with")
    pairs = next(f.value for f in at.dataframe if "lift" in f.value.columns)
    top = sql(demo_warehouse, """SELECT other_skill FROM mart.skill_pairs WHERE segment = 'all' AND skill = 'React'
                                 AND support >= 5 ORDER BY npmi DESC, support DESC, other_skill LIMIT 3""")
    assert pairs["other_skill"].head(3).tolist() == [t for t, in top]
    links = [p.proto for p in at.get("page_link")]
    assert [p.label for p in links][:3] == [markdown_text(t, max_chars=40) for t, in top]
    assert all(p.query_string.startswith("skill=") and p.query_string.endswith("&section=Pairs+well+with")
               for p in links)
    assert_clean(at)

    # how to prove it: the share of its postings asking for each kind of proof
    at = open_section(at, "How to prove it")
    proof = next(f.value for f in at.dataframe if "interval" in f.value.columns and "kind" in f.value.columns)
    (n_proof, portfolio), = sql(demo_warehouse, """SELECT postings, portfolio_postings FROM mart.skill_proof
                                                   WHERE segment = 'all' AND skill = 'React'""")
    assert proof["n"].iloc[0] == portfolio and any(f"Of the **{n_proof:,}** postings" in c.value for c in at.caption)
    assert not [f for f in at.dataframe if "lift" in f.value.columns]
    assert_clean(at)


def test_the_select_box_the_evidence_and_the_ticked_posting(monkeypatch, demo_warehouse):
    at = open_skill(monkeypatch, demo_warehouse, skill="React")
    box = next(s for s in at.selectbox if s.label == "Skill")
    assert len(box.options) == sql(demo_warehouse, "SELECT count(*) FROM mart.skill_catalog")[0][0]
    at = rerun(box.set_value("TypeScript"))
    assert at.title[0].value == "TypeScript" and at.query_params["skill"] == "TypeScript"

    week = next(s for s in at.selectbox if s.label.startswith("Postings asking for")).value
    (counted,), = sql(demo_warehouse, """SELECT sum(postings_with_skill) FROM mart.skill_counts WHERE period_type = 'week'
                                         AND period = ? AND skill = 'TypeScript'""", [week])
    shown = evidence_frame(at).value
    assert len(shown) == counted > 0
    # every row a real counted posting asking for the skill, with its copies in that week
    for row in shown.itertuples():
        found = sql(demo_warehouse, """SELECT c.copies, p.posted_at, p.title, list_contains(list(s.skill), 'TypeScript')
                                       FROM core.postings AS p JOIN core.posting_skills AS s USING (posting_id)
                                       JOIN core.counted_postings AS c ON c.posting_id = p.posting_id
                                         AND c.period_type = 'week' AND c.period = ?
                                       WHERE p.url = ? GROUP BY ALL""", [week, row.url])
        assert found, row.url
        copies, posted, title, asks = found[0]
        assert asks and row.copies == copies >= 1 and row.title == title and row.posted_at.date() == posted
        assert week <= posted <= date.fromordinal(week.toordinal() + 6)
        assert "«" in row.sentence and "»" in row.sentence and row.url.startswith("https://")

    # the first row is ticked, and the posting read below is that one; ticking another changes both
    frame = evidence_frame(at)
    heading = lambda: next(m.value for m in at.markdown if m.value.startswith("**") and " · " in m.value)  # noqa: E731
    assert frame.value["title"].iloc[0] and markdown_text(frame.value["title"].iloc[0]) in heading()
    if len(shown) > 1:
        at.session_state[frame.key] = {"selection": {"rows": [1], "columns": [], "cells": []}}
        rerun(at)
        assert markdown_text(shown["title"].iloc[1]) in heading()
    assert_clean(at)


def test_a_long_evidence_list_shows_the_newest_then_all_and_the_csv_has_all(monkeypatch, demo_warehouse,
                                                                             download_files):
    """Past EVIDENCE_ROWS the table lists the newest, says how many there are, and lists all of them
    on request; the CSV always holds every one (the limit is set low here: the demo's weeks are small)."""
    from dashboard import data_skill

    monkeypatch.setattr(data_skill, "EVIDENCE_ROWS", 3)
    at = AppTest.from_file(APP, default_timeout=90)
    at.files = download_files
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(demo_warehouse))
    at.query_params["skill"] = "React"
    at = rerun(at.switch_page("views/skill.py"))
    week = next(s for s in at.selectbox if s.label.startswith("Postings asking for")).value
    (counted,), = sql(demo_warehouse, """SELECT sum(postings_with_skill) FROM mart.skill_counts WHERE period_type = 'week'
                                         AND period = ? AND skill = 'React'""", [week])
    assert counted > 3
    shown = evidence_frame(at).value
    assert len(shown) == 3 and list(shown["posted_at"]) == sorted(shown["posted_at"], reverse=True)
    assert any(f"The 3 newest of the {counted:,} are listed" in c.value for c in at.caption)
    button = next(b for b in at.button if b.label == f"List all {counted:,}")
    at = rerun(button.click())
    everything = evidence_frame(at).value
    assert len(everything) == counted and everything.head(3).equals(shown)
    assert not any("newest of the" in c.value for c in at.caption)
    csv_button = next(b for b in at.get("download_button") if "postings (CSV)" in b.proto.label)
    data, _name = at.files[csv_button.proto.deferred_file_id]
    rows = list(csv.DictReader(io.StringIO(data().decode("utf-8"), newline="")))
    assert len(rows) == counted and {r["skill"] for r in rows} == {"React"}


def test_weekly_gaps_stay_gaps_and_the_monthly_switch(monkeypatch, demo_warehouse):
    at = open_skill(monkeypatch, demo_warehouse, skill="React", family="frontend_web")
    weeks = sql(demo_warehouse, """SELECT p.period, coalesce(sum(c.postings), 0) AS n FROM mart.periods AS p
                                   LEFT JOIN mart.segment_counts AS c ON c.period_type = p.period_type
                                     AND c.period = p.period AND c.family = 'frontend_web'
                                   WHERE p.period_type = 'week' GROUP BY p.period ORDER BY p.period""")
    first = next(i for i, (_, n) in enumerate(weeks) if n)
    weeks = weeks[first:]
    empty = [p for p, n in weeks if n == 0]
    assert empty, "the demo's front-end family has weeks without postings"
    spec, frames = chart_data(trend_chart(at))
    drawn = {}
    for frame in frames.values():
        assert frame["share"].notna().all()  # no null points
        drawn.update({p.date(): run for p, run in zip(frame["period"], frame["run"])})
    assert not set(empty) & set(drawn)
    # the line never crosses a gap: the weeks either side of an empty one are in different runs
    for i, (p, n) in enumerate(weeks[1:-1], start=1):
        before, after = weeks[i - 1][0], weeks[i + 1][0]
        if n == 0 and before in drawn and after in drawn:
            assert drawn[before] != drawn[after], p
    lines = [layer for layer in spec["layer"] if layer["mark"]["type"] in ("line", "area")]
    assert lines and all(layer["encoding"]["detail"]["field"] == "run" for layer in lines)
    assert_clean(at)

    at = rerun(next(r for r in at.radio if r.label == "Period").set_value("month"))
    assert at.query_params["period"] == "month"
    spec, frames = chart_data(trend_chart(at))
    assert all(p.day == 1 for frame in frames.values() for p in frame["period"])
    chosen = next(s for s in at.selectbox if s.label.startswith("Postings asking for"))
    assert chosen.value.day == 1 and "2026" in chosen.format_func(chosen.value)
    (counted,), = sql(demo_warehouse, """SELECT sum(postings_with_skill) FROM mart.skill_counts WHERE period_type = 'month'
                                         AND period = ? AND skill = 'React' AND family = 'frontend_web'""", [chosen.value])
    month = evidence_frame(at).value
    assert len(month) == counted
    (copies,), = sql(demo_warehouse, """SELECT sum(c.copies) FROM core.counted_postings AS c
                                        JOIN core.postings AS p USING (posting_id)
                                        WHERE c.period_type = 'month' AND c.period = ? AND list_contains(?, p.url)""",
                     [chosen.value, month["url"].tolist()])
    assert int(month["copies"].sum()) == copies


def test_comparing_a_skill_outside_the_top_30_in_its_own_colour(monkeypatch, demo_warehouse):
    at = open_skill(monkeypatch, demo_warehouse, skill="React")
    ranked = [s for s, in sql(demo_warehouse, """SELECT skill FROM mart.skill_catalog WHERE postings_all_time >= 20
                                                  ORDER BY postings_all_time DESC, skill""")]
    outside = [s for s in ranked[40:] if s != "React"][:2]
    assert len(outside) == 2
    compare = next(w for w in at.multiselect if w.label == "Compare with")
    assert set(outside) <= set(compare.options)
    at = rerun(compare.set_value(outside))
    assert at.query_params["compare"] == outside
    spec, frames = chart_data(trend_chart(at))
    colour = spec["layer"][1]["encoding"]["color"]["scale"]
    assert colour["domain"] == ["React", *outside] and colour["range"] == charts.PALETTE[:3]
    assert len(set(colour["range"])) == 3
    drawn = set().union(*(set(f["skill"]) for f in frames.values()))
    assert drawn == {"React", *outside}
    assert_clean(at)


def test_an_unknown_skill_in_the_url_gets_did_you_mean(monkeypatch, demo_warehouse):
    at = open_skill(monkeypatch, demo_warehouse, skill="Typescriptt")
    warning = at.warning[0].value
    assert "Typescriptt" in warning and "Did you mean **TypeScript**" in warning
    assert any(p.proto.label == "TypeScript" for p in at.get("page_link"))


def test_the_trend_chart_is_valid_vega_lite(demo_warehouse):
    """The page sends the trend chart without Altair's validation (charts.spec, for speed): here it
    is validated against the Vega-Lite schema, weekly and monthly, with partial periods and gaps."""
    from warehouse import queries
    from warehouse.trends import Segment

    for period in ("week", "month"):
        series = queries.trend_series(demo_warehouse, period=period, skills=["React", "Next.js"],
                                      segment=Segment(family="frontend_web"), limit=2)
        chart = charts.share_trend_chart(series, ["React", "Next.js"], period=period)
        assert chart.to_dict(validate=True) == charts.spec(chart)
