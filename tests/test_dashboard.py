"""The dashboard through Streamlit's AppTest against a real demo warehouse."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO
from warehouse.safe_text import markdown_text

APP = str(REPO / "dashboard" / "app.py")


@pytest.fixture
def app_on(monkeypatch):
    def make(warehouse) -> AppTest:
        monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(warehouse))
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        return at
    return make


def test_skills_page_shows_top_skills_trend_and_freshness(app_on, demo_warehouse):
    at = app_on(demo_warehouse)
    assert not at.exception, at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Data as of" in captions and "postings" in captions
    assert at.title[0].value.startswith("Which skills are in demand")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    spec = charts[0].proto.spec
    assert '"share"' in spec and '"week"' in spec  # the weekly share series is what is drawn
    frames = at.dataframe
    assert len(frames) == 2  # top skills, postings behind the selected skill
    top = frames[0].value
    assert len(top) >= 10 and top["share_recent"].between(0, 100).all()
    assert "Download the evidence" in at.get("download_button")[0].proto.label


def test_choosing_a_niche_changes_the_figures(app_on, demo_warehouse):
    at = app_on(demo_warehouse)
    niche = at.sidebar.selectbox[0]
    assert niche.value == "All niches" and len(niche.options) > 3
    all_top = at.dataframe[0].value["skill"].tolist()
    niche.set_value("Design & creative").run()  # the role family of design jobs
    assert not at.exception
    design_top = at.dataframe[0].value["skill"].tolist()
    assert design_top != all_top
    assert "Figma" in design_top


def test_rising_ranking_puts_planted_rising_skills_first(app_on, demo_warehouse):
    at = app_on(demo_warehouse)
    at.sidebar.radio[0].set_value("Rising fastest").run()
    top5 = at.dataframe[0].value["skill"].head(5).tolist()
    assert "LangChain" in top5 or "Large Language Models" in top5


def test_missing_warehouse_is_a_friendly_message(app_on, tmp_path):
    at = app_on(tmp_path / "none.duckdb")
    assert not at.exception
    assert "No data yet" in at.warning[0].value
    assert "skillpulse" in at.warning[0].value


def test_about_page_shows_coverage(monkeypatch, demo_warehouse):
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/about_data.py").run()
    assert not at.exception
    assert [m.label for m in at.metric] == ["Postings", "Weeks covered", "Data as of (UTC)"]
    assert "How the figures are made" in at.markdown[0].value


def test_selected_skill_says_what_counts_as_it(app_on, demo_warehouse):
    """Under the evidence: the spellings counted, the ambiguity note and the ESCO link."""
    at = app_on(demo_warehouse)
    at.sidebar.selectbox[1].set_value("programming_languages").run()
    assert not at.exception
    skill = at.dataframe[0].value["skill"].iloc[0]
    captions = [c.value for c in at.caption if c.value.startswith("Counted as")]
    assert len(captions) == 1 and markdown_text(skill) in captions[0]
    if "ESCO" in captions[0]:
        assert "(http://data.europa.eu/esco/skill/" in captions[0]
