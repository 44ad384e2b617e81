"""The Postings page (AppTest) on the real demo warehouse: search, skill and segment filters, the
"more" button, a selected posting with its skills highlighted; and the highlight on a warehouse of
hostile postings, where no description may become a live link, image or element."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO
from tests.hostile.conftest import ATTACKER, hostile_warehouse  # noqa: F401  (the session fixture)
from warehouse import queries
from warehouse.connect import read_only
from warehouse.safe_text import markdown_highlight, markdown_text
from warehouse.trends import Segment

APP = str(REPO / "dashboard" / "app.py")
RENDER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
PAGE = 50


def open_postings(monkeypatch, warehouse) -> AppTest:
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(warehouse))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("views/postings.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest):
    return at.dataframe[0].value


def widget(widgets, label: str):
    return next(w for w in widgets if w.label == label)


def select_row(at: AppTest, row: int) -> AppTest:
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def description(at: AppTest) -> str:
    """The Markdown of the posting's description (the one body inside the bordered container)."""
    return at.markdown[-1].value


def test_newest_first_then_a_search_finds_the_right_postings(monkeypatch, demo_warehouse):
    at = open_postings(monkeypatch, demo_warehouse)
    shown = table(at)
    assert len(shown) == PAGE
    assert shown["posted_at"].is_monotonic_decreasing or (shown["posted_at"].diff().dropna() <= 0).all()
    newest = queries.search_postings(demo_warehouse, limit=PAGE)
    assert shown["title"].tolist() == newest["title"].tolist()
    assert set(shown["remote"]) <= {"Remote", "Hybrid", "On-site", "Not stated"}
    assert set(shown["employment_type"]) <= {"Full-time", "Part-time", "Contract", "Freelance", "Internship",
                                             "Not stated"}
    assert shown["url"].str.startswith("https://").all()

    at.text_input[0].set_value("harborLIGHT").run()
    found = table(at)
    expected = queries.search_postings(demo_warehouse, text="harborlight", limit=PAGE)
    assert len(found) == min(PAGE, len(expected)) > 0
    assert found["company"].tolist() == expected["company"].tolist() and set(found["company"]) == {"Harborlight"}

    at.text_input[0].set_value("analyst").run()
    assert table(at)["title"].str.lower().str.contains("analyst").all()

    at.text_input[0].set_value("no such job anywhere").run()
    assert not at.dataframe and "No counted posting matches" in at.info[0].value


def test_a_skill_filter_narrows_them_and_more_pages_continue(monkeypatch, demo_warehouse):
    at = open_postings(monkeypatch, demo_warehouse)
    everything = table(at)
    at.multiselect[0].set_value(["Python"]).run()
    python = table(at)
    expected = queries.search_postings(demo_warehouse, skills=["Python"], limit=PAGE)
    assert python["title"].tolist() == expected["title"].tolist()
    assert python["title"].tolist() != everything["title"].tolist()
    with read_only(demo_warehouse) as con:
        with_python = {r[0] for r in con.execute(
            "SELECT posting_id FROM core.posting_skills WHERE skill = 'Python'").fetchall()}
    assert set(expected["posting_id"]) <= with_python

    # "Show more" adds the next page, newest first, after the first one
    at.button[0].click().run()
    two_pages = table(at)
    assert len(two_pages) == 2 * PAGE and two_pages.head(PAGE).equals(python)
    assert two_pages["posted_at"].is_monotonic_decreasing
    # a second skill narrows further (postings asking for both), and starts again at page one
    at.multiselect[0].set_value(["Python", "Docker"]).run()
    both = queries.search_postings(demo_warehouse, skills=["Python", "Docker"], limit=1000)
    assert len(table(at)) == min(PAGE, len(both)) and len(both) < len(queries.search_postings(
        demo_warehouse, skills=["Python"], limit=1000))


def test_segment_and_date_filters(monkeypatch, demo_warehouse):
    at = open_postings(monkeypatch, demo_warehouse)
    widget(at.sidebar.selectbox, "Employment type").set_value("contract").run()
    assert set(table(at)["employment_type"]) == {"Contract"}
    widget(at.selectbox, "Posted").set_value("4").run()
    newest = queries.search_postings(demo_warehouse, limit=1)["posted_at"].iloc[0].date()
    since = newest - timedelta(weeks=4) + timedelta(days=1)
    expected = queries.search_postings(demo_warehouse, segment=Segment(employment_type="contract"), since=since,
                                       limit=PAGE)
    assert 0 < len(expected) and table(at)["title"].tolist() == expected["title"].tolist()
    assert (table(at)["posted_at"].dt.date >= since).all()
    widget(at.selectbox, "Posted").set_value("custom").run()
    at.date_input[0].set_value((date(2026, 1, 5), date(2026, 1, 11))).run()
    dates = table(at)["posted_at"].dt.date
    assert dates.between(date(2026, 1, 5), date(2026, 1, 11)).all() and len(dates) > 0


def test_selected_posting_shows_its_description_with_every_skill_highlighted(monkeypatch, demo_warehouse):
    at = open_postings(monkeypatch, demo_warehouse)
    first = queries.search_postings(demo_warehouse, limit=PAGE)
    # the newest is shown until a row is selected
    assert at.subheader[0].value == markdown_text(first["title"].iloc[0])
    # a posting with several mentions (the demo's fourth or a later one)
    row = next(i for i in range(3, len(first))
               if len(queries.posting_detail(demo_warehouse, first["posting_id"].iloc[i])["mentions"]) >= 3)
    select_row(at, row)
    detail = queries.posting_detail(demo_warehouse, first["posting_id"].iloc[row])
    assert at.subheader[0].value == markdown_text(detail["title"])
    body = description(at)
    html = RENDER.render(body)
    surfaces = [detail["description"][m["start"]:m["end"]] for m in detail["mentions"]]
    assert len(surfaces) >= 3
    bold = re.findall(r"<strong>(.*?)</strong>", html)
    assert [b.replace("&amp;", "&") for b in bold] == surfaces  # every mention, in order, as written
    assert f"Skills found ({len({m['skill'] for m in detail['mentions']})})" in at.markdown[-2].value
    link = next(m.value for m in at.markdown if "Read the original" in m.value)
    assert f"]({detail['url']})" in link
    assert "copy" in at.caption[-1].value or "copies" in " ".join(c.value for c in at.caption)


HOSTILE_BITS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))")


def test_the_highlight_is_inert_for_hostile_descriptions(monkeypatch, hostile_warehouse):  # noqa: F811
    at = open_postings(monkeypatch, hostile_warehouse.path)
    shown = table(at)
    # links only when http(s) with a host: javascript:, data: and user@host links are gone
    links = [u for u in shown["url"] if isinstance(u, str)]
    assert links and all(re.match(r"https?://[^@/]+/", u) for u in links)
    assert not any(u.lower().startswith(("javascript:", "data:")) for u in links)
    ids = queries.search_postings(hostile_warehouse.path, limit=PAGE)["posting_id"].tolist()
    seen = set()
    for row, posting_id in enumerate(ids):
        detail = queries.posting_detail(hostile_warehouse.path, posting_id)
        bits = {b for b in HOSTILE_BITS if b in detail["description"]}
        if not bits - seen:
            continue
        seen |= bits
        select_row(at, row)
        bodies = [(k, el.value) for k in ("title", "subheader", "caption", "markdown") for el in getattr(at, k)]
        for kind, text in bodies:
            html = RENDER.render(text)
            assert not re.search(r"<(a|img|script|iframe|svg)\b", html.replace(
                f'<a href="{detail["url"]}">', "")), (kind, text, html)
            assert "javascript:" not in text and "](" not in text.replace("](" + str(detail["url"]), "")
        html = RENDER.render(description(at))
        for bit in bits:  # shown as the text it is
            assert bit.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in html
        assert html.count("<strong>") >= 2  # Python and zorblatt (the overlay skill) at least
    assert seen == set(HOSTILE_BITS)


@pytest.mark.parametrize("text, spans, expected", [
    ("Python and React", [(0, 6), (11, 16)], "**Python** and **React**"),
    ("<script>alert(1)</script> Python", [(26, 32)], r"\<script\>alert\(1\)\<\/script\> **Python**"),
    ("[x](javascript:alert(1))", [(1, 2)], r"\[**x**\]\(javascript\:alert\(1\)\)"),
    ("<img src=x onerror=alert(1)>", [(0, 28)], r"**\<img src\=x onerror\=alert\(1\)\>**"),
    ("see http://attacker.invalid/x now", [(4, 29)], None),
    ("PythonReact", [(0, 6), (6, 11)], "**Python**\u2060**React**"),  # touching spans stay two
    ("Python", [(0, 6), (2, 4), (-1, 3), (5, 99), (3, 3)], "**Python**"),  # overlapping and bad spans dropped
    ("ASP.NET", [(3, 7)], r"ASP\.NET"),  # "**" after a letter before "." would show as asterisks
    ("one\n\ntwo Go", [(9, 11)], "one\n\ntwo **Go**"),
    ("\ue000Python\ue001", [(1, 7)], "\ufffd**Python**\ufffd"),  # our markers cannot be smuggled in
])
def test_markdown_highlight(text, spans, expected):
    markdown, _ = markdown_highlight(text, spans)
    if expected is not None:
        assert markdown == expected
    html = RENDER.render(markdown)
    assert not re.search(r"<(a|img|script)\b", html), html
    assert "**" not in re.sub(r"<[^>]+>", "", html)  # never a stray pair of asterisks on screen


def test_markdown_highlight_keeps_every_character_of_a_hostile_text():
    text = (f"![x](http://{ATTACKER}/b.png) **bold** _it_ # h | t | $x^2$ :red[r] :material/home: "
            "<script>alert(1)</script> \u202eevil Python")
    markdown, n = markdown_highlight(text, [(text.index("Python"), len(text)), (0, 2)])
    assert n == 1  # "![" ends with punctuation right before a letter: shown as text, not highlighted
    html = RENDER.render(markdown)
    assert html.count("<strong>") == 1 and "<strong>Python</strong>" in html
    assert not re.search(r"<(a|img|script|em|h1)\b", html) and "\u202e" not in markdown
