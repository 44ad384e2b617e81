"""The Pulse page (AppTest) on the real demo warehouse: the planted rising skills lead "Rising" with
the warehouse's N and interval, jQuery and AngularJS lead "Declining", a role family chosen in the
sidebar or in the URL changes the figures, thin evidence is labelled instead of ranked, a missing
warehouse is a friendly message, and no text shows a raw code, "None" or live Markdown."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from crawlers.demo_corpus import PLANTED_TRENDS
from dashboard import charts
from tests.conftest import REPO
from warehouse import queries
from warehouse.connect import read_only
from warehouse.trends import Segment

APP = str(REPO / "dashboard" / "app.py")
RENDER = MarkdownIt("commonmark", {"html": True})
RISING = {s for s, d in PLANTED_TRENDS.items() if d == "rising"}
FALLING = {s for s, d in PLANTED_TRENDS.items() if d == "falling"}
RANK = re.compile(r"^(\d+)\\\. (.+?)(?: · new)?$")
SNAKE = re.compile(r"\b[a-z]+\\?_[a-z_\\]+\b")  # a raw code such as software_engineering (escaped or not)
MISSING = re.compile(r"\b(None|nan|NaN|NaT|<NA>)\b")
SVG = "{http://www.w3.org/2000/svg}"


def open_pulse(monkeypatch, warehouse: Path, **params) -> AppTest:
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(warehouse))
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def pulse(demo_warehouse):
    with pytest.MonkeyPatch.context() as mp:
        yield open_pulse(mp, demo_warehouse)


def panel(at: AppTest, index: int) -> list[tuple[str | None, str, str, str]]:
    """(rank, skill, query string, figures) of every skill row in one of the three panels."""
    column = at.columns[index]
    links = [link.proto for link in column.get("page_link") if link.proto.query_string.startswith("skill=")]
    captions = [c.value for c in column.caption if " · N " in c.value]
    assert len(links) == len(captions), ([link.label for link in links], captions)
    rows = []
    for link, figures in zip(links, captions):
        match = RANK.match(link.label)
        name = (match.group(2) if match else link.label).replace("\\", "")
        rows.append((match.group(1) if match else None, name, link.query_string, figures))
    return rows


def trends(db: Path, **segment):
    frame = queries.skill_trends(db, Segment(**segment), horizon=13).frame
    return frame.set_index("skill")


def expected_figures(row) -> str:
    return (f"{charts.fmt_share(row.share_recent)} ({charts.fmt_interval(row.share_recent_low, row.share_recent_high)})"
            f" · N {int(row.postings_recent):,} of {int(row.segment_postings_recent):,}"
            f" · {charts.fmt_growth(row.growth_pct)} from {charts.fmt_share(row.share_before)}"
            f" · {charts.fmt_q(row.q_value)}")


def texts(at: AppTest) -> list[str]:
    """Every string the page shows: Markdown elements, link and widget labels, options, table cells."""
    out = []
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "success", "error"):
        out += [el.value for el in getattr(at, kind)]
    out += [link.proto.label for link in at.get("page_link")]
    for box in at.selectbox:
        out += [box.label, *box.options]
    for frame in at.dataframe:
        out += frame.value.astype(str).stack().tolist()
    return out


def assert_clean(at: AppTest) -> None:
    for text in texts(at):
        assert not MISSING.search(text), text
        assert not SNAKE.search(text), text
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning"):
        for el in getattr(at, kind):
            assert not re.search(r"<(a|img|script)\b", RENDER.render(el.value)), (kind, el.value)
    for link in at.get("page_link"):
        assert not re.search(r"<(a|img|script)\b", RENDER.render(link.proto.label)), link.proto.label


def test_planted_rising_skills_lead_rising_with_their_n_and_interval(pulse, demo_warehouse):
    at = pulse
    assert at.title[0].value.startswith("Pulse")
    assert at.caption[0].value.startswith("Built ") and "postings" in at.caption[0].value  # the freshness line
    assert [s.value for s in at.subheader] == ["Rising", "Most demanded", "Declining"]
    rising = panel(at, 0)
    ranked = [r for r in rising if r[0] is not None]
    assert [r[0] for r in ranked] == [str(i) for i in range(1, len(ranked) + 1)]
    assert {r[1] for r in ranked[:3]} == RISING, ranked[:3]
    truth = trends(demo_warehouse)
    for rank, skill, query, figures in ranked:
        row = truth.loc[skill]
        assert row.status in ("rising", "emerging") and row.q_value < 0.05
        assert figures == expected_figures(row)  # the warehouse's N, share, interval, growth and q
        assert query == "skill=" + skill.replace(" ", "+")  # one click to the Skill page with this skill
    assert re.fullmatch(r"\d+% \(\d+–\d+%\) · N \d+ of \d{3} · \+\d+% from \d+(\.\d)?% · q < 0\.001", ranked[0][3])
    # every ranked row has a sparkline beside it: an SVG image, with the line in words as its alt text
    sparks = [m.value for m in at.columns[0].markdown if m.value.startswith("![Weekly share over 26 weeks")]
    assert len(sparks) >= len(ranked)
    for spark in sparks:
        alt, payload = re.fullmatch(r'!\[([^\]]*)\]\(data:image/svg\+xml;base64,(\S+) "([^"]*)"\)', spark).group(1, 2)
        assert re.search(r"\(week of \d\d \w{3} 2026, \d+ of \d+ postings\)", alt), alt
        assert ElementTree.fromstring(base64.b64decode(payload)).findall(f"{SVG}polyline")


def test_declining_shows_jquery_and_angularjs(pulse, demo_warehouse):
    declining = panel(pulse, 2)
    ranked = [r for r in declining if r[0] is not None]
    assert {r[1] for r in ranked[:2]} == FALLING, ranked
    truth = trends(demo_warehouse)
    for _, skill, _, figures in ranked:
        assert truth.loc[skill].status == "declining"
        assert figures == expected_figures(truth.loc[skill])
        assert "−" in figures.split(" · ")[2]  # a real minus sign on the growth


def test_thin_skills_are_labelled_too_little_data_not_ranked(pulse, demo_warehouse):
    truth = trends(demo_warehouse)
    labelled = 0
    for index in range(3):
        for rank, skill, _, figures in panel(pulse, index):
            thin = "too little data" in figures
            labelled += thin
            assert (rank is None) or not thin, (skill, figures)
            if rank is not None and index != 1:
                assert truth.loc[skill].status in ("rising", "emerging", "declining"), skill
            if thin and index != 1:
                assert truth.loc[skill].status == "too little data"
                assert "q " not in figures  # no test was made, so no q value is shown
    assert labelled > 0


def test_no_raw_codes_none_or_live_markdown(pulse):
    assert_clean(pulse)


def test_choosing_a_role_family_in_the_sidebar_changes_the_figures(monkeypatch, demo_warehouse):
    at = open_pulse(monkeypatch, demo_warehouse)
    before = panel(at, 0)
    box = next(b for b in at.sidebar.selectbox if b.label == "Role family")
    box.set_value("software_engineering").run()
    assert not at.exception
    assert at.query_params["family"] == ["software_engineering"] or at.query_params["family"] == "software_engineering"
    assert "role family\\: Software engineering" in at.caption[1].value
    after = panel(at, 0)
    assert after != before
    truth = trends(demo_warehouse, family="software_engineering")
    ranked = [r for r in after if r[0] is not None]
    assert RISING <= {r[1] for r in ranked}
    for _, skill, query, figures in ranked:
        assert figures == expected_figures(truth.loc[skill])
        assert query.endswith("&family=software_engineering")  # the Skill page opens in the same segment
    assert all(f" of {int(truth['segment_postings_recent'].max()):,} · " in r[3] for r in after)
    assert_clean(at)


def test_a_role_family_in_the_url_changes_the_figures(monkeypatch, demo_warehouse):
    at = open_pulse(monkeypatch, demo_warehouse, family="data_science_ml")
    box = next(b for b in at.sidebar.selectbox if b.label == "Role family")
    assert box.value == "data_science_ml"
    truth = trends(demo_warehouse, family="data_science_ml")
    ranked = [r for r in panel(at, 0) if r[0] is not None]
    assert {r[1] for r in ranked[:3]} == RISING, ranked
    for _, skill, _, figures in ranked:
        assert figures == expected_figures(truth.loc[skill])
    assert_clean(at)


def test_a_thin_segment_ranks_nothing_and_says_why(monkeypatch, demo_warehouse):
    with read_only(demo_warehouse) as con:
        family = con.execute(
            """SELECT segment FROM mart.skill_trends
               WHERE segment_kind = 'family' AND horizon_weeks = 13
               GROUP BY segment HAVING max(segment_postings_recent) BETWEEN 1 AND 29
               ORDER BY max(segment_postings_recent), segment LIMIT 1""").fetchall()[0][0]
    at = open_pulse(monkeypatch, demo_warehouse, family=family)
    assert "at least 30 in each are needed" in at.warning[0].value
    rows = [r for i in range(3) for r in panel(at, i)]
    assert rows and all(r[0] is None and "too little data" in r[3] for r in rows)
    captions = [c.value for c in at.caption]
    assert "Too few postings in this segment to call a rise." in captions
    assert "Too few postings in this segment to call a decline." in captions
    assert_clean(at)


def test_a_missing_warehouse_is_a_friendly_message(monkeypatch, tmp_path):
    at = open_pulse(monkeypatch, tmp_path / "nothing-here.duckdb")
    assert at.warning and at.warning[0].value.startswith("No data yet.")
    assert "skillpulse" in at.warning[0].value
    assert not at.title and not at.columns


def test_warm_up_fills_the_caches_the_home_page_reads(monkeypatch, demo_warehouse, tmp_path):
    """dashboard/serve.py computes the home page's figures before the server listens: afterwards the
    page's own calls are answered from those caches, so a first visitor waits for no query. Proven
    on a copy of the demo warehouse overwritten with zeros after the warm-up (same inode, size and
    mtime, so the same version key): the page still shows the planted rising skills, which it can
    only have from the caches."""
    import os
    import shutil

    from dashboard import warm

    copy = tmp_path / "warm.duckdb"
    shutil.copy(demo_warehouse, copy)
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(copy))
    assert warm.warm_home() > 0
    stat = copy.stat()
    with open(copy, "r+b") as f:  # in place: the inode stays
        f.write(b"\0" * stat.st_size)
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(Exception):  # noqa: B017  (any query of the file now fails)
        queries.skill_trends(copy, Segment(), horizon=13)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    rising = [name for _, name, _, _ in panel(at, 0)]
    assert set(rising[:len(RISING)]) == RISING


def weekly_rows(shares: list[float | None]) -> pd.DataFrame:
    """trend_series rows of one skill: a share per week from 2026-06-01 (None: no postings that week)."""
    weeks = pd.date_range("2026-06-01", periods=len(shares), freq="7D")
    return pd.DataFrame({"skill": "Go", "period": weeks, "share": [float("nan") if v is None else v for v in shares],
                         "postings_with_skill": [0 if v is None else round(100 * v) for v in shares],
                         "postings_total": [0 if v is None else 100 for v in shares]})


def drawn(markdown: str):
    payload = re.search(r"base64,(\S+) ", markdown).group(1)
    return ElementTree.fromstring(base64.b64decode(payload))


def test_a_sparkline_leaves_gaps_as_gaps_and_marks_the_last_week():
    svg = drawn(charts.sparkline(weekly_rows([0.1, 0.2, 0.15, None, 0.3, 0.25, 0.28]), colour="#0072B2",
                                 recent_start=pd.Timestamp("2026-06-22")))
    lines = svg.findall(f"{SVG}polyline")
    assert [len(line.get("points").split()) for line in lines] == [3, 3]  # never drawn across the empty week
    width, height = charts.SPARK_WIDTH, charts.SPARK_HEIGHT
    points = [tuple(map(float, p.split(","))) for line in lines for p in line.get("points").split()]
    assert all(0 <= x <= width and 0 <= y <= height for x, y in points)
    assert min(y for _, y in points) == 4.0  # the highest week (30%) at the top, on a zero-based scale
    assert points[0][1] == pytest.approx(height - 2 - 0.1 / 0.3 * (height - 6), abs=0.1)
    [shade] = svg.findall(f"{SVG}rect")  # the recent half of the window: from 22 June (week 4 of 7) to the end
    assert float(shade.get("x")) == pytest.approx(points[0][0] + 3 / 6 * (points[-1][0] - points[0][0]), abs=0.1)
    assert float(shade.get("x")) + float(shade.get("width")) == width
    last = svg.findall(f"{SVG}circle")[-1]
    assert (float(last.get("cx")), float(last.get("cy"))) == points[-1]


def test_a_lone_week_is_a_dot_and_the_words_say_what_the_line_shows():
    shares = [0.1, None, 0.2, None, 0.3, 0.2]
    markdown = charts.sparkline(weekly_rows(shares), colour="#D55E00")
    svg = drawn(markdown)
    assert len(svg.findall(f"{SVG}polyline")) == 1
    assert len(svg.findall(f"{SVG}circle")) == 3  # two lone weeks and the last week
    words = re.match(r"!\[([^\]]*)\]", markdown).group(1)
    assert words == ("Weekly share over 6 weeks, from 10% to 20% (week of 06 Jul 2026, 20 of 100 postings), "
                     "lowest 10%, highest 30%")
    assert markdown.endswith(f' "{words}")')  # the same words as its hover title
    with pytest.raises(ValueError, match="colour"):
        charts.sparkline(weekly_rows(shares), colour='red" onload="alert(1)')
