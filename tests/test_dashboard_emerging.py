"""The Emerging page (AppTest) on the real demo warehouse: the planted emerging skills (RAG and AI
agents, first named in the last 26 weeks) are listed with their N, the N before, interval and q;
the fictional tool the taxonomy does not know (EvalForge) leads the candidates as spreading; thin
skills are listed without a rank; a role family in the URL changes the figures; a missing warehouse
is a friendly message; no text shows a raw code, "None" or live Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from dashboard import charts
from tests.conftest import REPO
from warehouse import queries
from warehouse.trends import Segment

APP = str(REPO / "dashboard" / "app.py")
RENDER = MarkdownIt("commonmark", {"html": True})
PLANTED = {"Retrieval-Augmented Generation", "AI Agents"}  # the demo's "RAG" and "AI agents" phrases
SNAKE = re.compile(r"\b[a-z]+\\?_[a-z_\\]+\b")
MISSING = re.compile(r"\b(None|nan|NaN|NaT|<NA>)\b")


def open_emerging(monkeypatch, warehouse: Path, **params) -> AppTest:
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(warehouse))
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/emerging.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def emerging(demo_warehouse):
    with pytest.MonkeyPatch.context() as mp:
        yield open_emerging(mp, demo_warehouse)


def frame_with(at: AppTest, column: str):
    return next(f.value for f in at.dataframe if column in f.value.columns)


def assert_clean(at: AppTest) -> None:
    shown = []
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "success", "error"):
        shown += [el.value for el in getattr(at, kind)]
    shown += [link.proto.label for link in at.get("page_link")] + [e.label for e in at.expander]
    for box in at.selectbox:
        shown += [box.label, *box.options]
    for frame in at.dataframe:
        shown += frame.value.astype(str).stack().tolist()
    for text in shown:
        assert not MISSING.search(text), text
        assert not SNAKE.search(text), text
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning"):
        for el in getattr(at, kind):
            assert not re.search(r"<(a|img|script)\b", RENDER.render(el.value)), (kind, el.value)
    for text in [link.proto.label for link in at.get("page_link")]:
        assert not re.search(r"<(a|img|script)\b", RENDER.render(text)), text


def test_planted_emerging_skills_are_listed_with_their_evidence(emerging, demo_warehouse):
    at = emerging
    assert at.title[0].value == "Emerging skills"
    assert at.caption[0].value.startswith("Built ")  # the freshness line
    table = frame_with(at, "status")
    assert PLANTED <= set(table["skill"]), table["skill"].tolist()
    assert set(table["status"]) <= {"Emerging", "Rising"}
    truth = queries.skill_trends(demo_warehouse, Segment(), horizon=13).frame.set_index("skill")
    for skill in PLANTED:
        row = table[(table["skill"] == skill) & (table["horizon"] == "13 weeks")].iloc[0]
        t = truth.loc[skill]
        assert t.status == "emerging"
        assert row["status"] == "Emerging"
        assert row["n"] == f"{t.postings_recent:,} of {t.segment_postings_recent:,}"
        assert row["before"] == f"{t.postings_before:,} of {t.segment_postings_before:,}"  # the small base, shown
        assert row["share"] == (f"{charts.fmt_share(t.share_recent)} "
                                f"({charts.fmt_interval(t.share_recent_low, t.share_recent_high)})")
        assert row["q"] == charts.fmt_q(t.q_value) and row["growth"] == charts.fmt_growth(t.growth_pct)
        assert re.fullmatch(r"\d\d [A-Z][a-z]{2} 2026", row["first_seen"])
    # each listed skill is one click from the Skill page
    targets = {link.proto.query_string for link in at.get("page_link")}
    assert {"skill=AI+Agents", "skill=Retrieval-Augmented+Generation"} <= targets
    # the planted rising skills are known for longer: named, but not as emerging
    assert "Large Language Models" not in set(table["skill"])
    assert any("Large Language Models" in c.value for c in at.caption)


def test_candidates_outside_the_taxonomy_lead_with_the_planted_tool(emerging):
    candidates = frame_with(emerging, "term")
    assert candidates["term"].iloc[0] == "EvalForge"
    top = candidates.iloc[0]
    assert top["reading"] == "spreading" and top["growth"] >= 1.5 and top["companies"] >= 5
    assert "EvalForge" in top["example"]
    assert set(candidates["reading"]) <= {"spreading", "steady", "shrinking", "–"}
    assert re.fullmatch(r"\d\d [A-Z][a-z]{2} \d{4}", top["first_seen"])


def test_too_early_to_tell_is_alphabetical_and_unranked(emerging, demo_warehouse):
    early = frame_with(emerging, "recent")
    names = early["skill"].tolist()
    assert names == sorted(names, key=str.lower)
    assert (early["recent"] > early["before"]).all()
    truth = queries.skill_trends(demo_warehouse, Segment(), horizon=13).frame.set_index("skill")
    assert set(truth.loc[names, "status"]) == {"too little data"}


def test_no_raw_codes_none_or_live_markdown(emerging):
    assert_clean(emerging)


def test_a_role_family_in_the_url_changes_the_figures(monkeypatch, demo_warehouse, emerging):
    at = open_emerging(monkeypatch, demo_warehouse, family="software_engineering")
    assert "role family\\: Software engineering" in at.caption[1].value
    truth = queries.skill_trends(demo_warehouse, Segment(family="software_engineering"), horizon=13).frame
    table = frame_with(at, "status")
    total = int(truth["segment_postings_recent"].max())
    assert table[table["horizon"] == "13 weeks"]["n"].str.endswith(f" of {total:,}").all()
    assert table.to_dict("records") != frame_with(emerging, "status").to_dict("records")
    assert_clean(at)


def test_a_missing_warehouse_is_a_friendly_message(monkeypatch, tmp_path):
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(tmp_path / "nothing-here.duckdb"))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("views/emerging.py").run()
    assert not at.exception
    assert at.warning and at.warning[0].value.startswith("No data yet.")
    assert not at.dataframe
