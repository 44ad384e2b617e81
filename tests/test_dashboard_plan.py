"""The Learning plan page (AppTest) on the real demo warehouse: React + TypeScript gives the ranked next
skills with their gains and intervals (the same plan as warehouse/plan.py builds), the Markdown, CSV
and profile downloads carry exactly the reports; a pasted CV's skills join the profile, selected and
removable; a name that is not a skill gets "did you mean" with one click to add; and a profile
round-trips both ways the page offers (a JSON file downloaded and uploaded, and a named profile
under the data folder)."""

from __future__ import annotations

import json
import re

import pytest
from markdown_it import MarkdownIt
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO
from warehouse.plan import Profile, build_plan
from warehouse.reports import plan_csv, plan_markdown
from warehouse.safe_text import markdown_text

APP = str(REPO / "dashboard" / "app.py")
RENDER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
CV = "Senior frontend developer, 6 years of React, TypeScript and Next.js; some Figma"


@pytest.fixture
def downloads(monkeypatch) -> dict[str, tuple[bytes, str | None]]:
    """Every file the app hands to a download button, by media file id (AppTest's media storage is
    gone once a run is over, so the bytes are kept as they are stored)."""
    files: dict[str, tuple[bytes, str | None]] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        files[file_id] = (path_or_data, filename)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return files


def download(at: AppTest, files: dict, label: str) -> tuple[bytes, str]:
    button = next(b for b in at.download_button if b.label == label)
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    return files[file_id]


def open_plan(monkeypatch, warehouse, data_dir) -> AppTest:
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(warehouse))
    monkeypatch.setenv("SKILLPULSE_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page("views/plan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def run(thing) -> AppTest:
    at = thing.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def skills_box(at: AppTest):
    return next(w for w in at.multiselect if w.label == "Your skills")


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def build(at: AppTest) -> AppTest:
    return run(button(at, "Build my plan").click())


def ranking(at: AppTest):
    return next(f.value for f in at.dataframe if "gain" in f.value.columns)


def assert_clean(at: AppTest) -> None:
    for frame in at.dataframe:
        cells = set(frame.value.astype(str).stack().tolist())
        assert not cells & {"None", "nan", "NaN", "<NA>", "full_time", "frontend_web"}, cells
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "success", "error"):
        for el in getattr(at, kind):
            assert not re.search(r"\b(None|nan|full_time|frontend_web)\b", el.value), el.value
            html = RENDER.render(el.value)
            assert not re.search(r"<(img|script|iframe|svg|style)\b", html), el.value
            assert all(re.match(r"https?://", h) for h in re.findall(r'<a href="([^"]*)"', html)), el.value


def test_react_and_typescript_give_ranked_skills_with_gains_intervals_and_the_reports(monkeypatch, demo_warehouse,
                                                                                      tmp_path, downloads):
    at = open_plan(monkeypatch, demo_warehouse, tmp_path)
    assert "Your plan appears here" in at.info[0].value
    skills_box(at).set_value(["React", "TypeScript"])
    at = build(at)
    expected = build_plan(demo_warehouse, Profile(skills=["React", "TypeScript"], name="My profile"))
    assert expected.recommendations
    table = ranking(at)
    assert table["skill"].tolist() == [r.skill for r in expected.recommendations]
    assert table["gain"].tolist() == [r.gain for r in expected.recommendations]
    assert table["ci"].tolist() == [f"{r.gain_low:.0f}–{r.gain_high:.0f}" for r in expected.recommendations]
    assert table["asked"].tolist() == [f"{r.asked:,} ({r.asked_low:.0f}–{r.asked_high:.0f})"
                                       for r in expected.recommendations]
    assert table["gain"].iloc[0] > 0
    assert (table["gain"] > 0).tolist() == sorted((table["gain"] > 0).tolist(), reverse=True)  # openers first
    for rank, gain, ci, asked in zip(table["rank"], table["gain"], table["ci"], table["asked"]):
        low, high = (float(x) for x in ci.split("–"))
        n, a_low, a_high = (float(x.replace(",", "")) for x in re.fullmatch(r"([\d,]+) \((\d+)–(\d+)\)", asked).groups())
        assert re.fullmatch(r"\d+( \(tie\))?", rank) and gain >= 0 and low <= gain <= high
        assert n >= gain and a_low <= n <= a_high
    assert "React" not in set(table["skill"]) and "TypeScript" not in set(table["skill"])
    # each recommendation with its reason, and the first with its postings and how to prove it
    first = expected.recommendations[0]
    labels = [e.label for e in at.expander]
    assert labels[1:1 + len(table)] == [
        f"{r.rank}\\. {markdown_text(r.skill, max_chars=60)} · "
        + (f"+{r.gain:,} posting{'s' if r.gain != 1 else ''}" if r.gain else f"asked for by {r.asked:,}")
        for r in expected.recommendations]
    assert first.reason.startswith(f"+{first.gain:,} postings within reach")
    assert any(m.value == markdown_text(first.reason, max_chars=1000) for m in at.markdown)
    assert any("**How to prove it**" == m.value for m in at.markdown)
    opens = [m.value for m in at.markdown if m.value.startswith("- [")]
    assert opens and all("](https://" in line for line in opens[0].split("\n"))
    # the URL carries the plan, so it can be shared
    assert at.query_params["skills"] == ["React", "TypeScript"]

    markdown, name = download(at, downloads, "Report (Markdown)")
    assert name == "learning-plan-my-profile.md" and markdown.decode() == plan_markdown(expected)
    assert f"### 1. {first.skill}" in markdown.decode()
    csv, name = download(at, downloads, "Table (CSV)")
    assert name == "learning-plan-my-profile.csv" and csv.decode() == plan_csv(expected)
    assert csv.decode().splitlines()[0].startswith("rank,skill,category,gain,gain_low,gain_high")
    assert_clean(at)


def test_a_pasted_cv_finds_skills_that_stay_selected_and_removable(monkeypatch, demo_warehouse, tmp_path):
    at = open_plan(monkeypatch, demo_warehouse, tmp_path)
    at.text_area[0].set_value(CV)
    at = run(button(at, "Find skills in the text").click())
    found = skills_box(at).value
    assert {"React", "TypeScript", "Next.js", "Figma"} <= set(found)
    notice = at.info[0].value
    assert notice.startswith("Found ") and "Figma" in notice and "remove any" in notice
    skills_box(at).unselect("Figma")
    at = build(at)
    assert "Figma" not in skills_box(at).value
    mine = next(c.value for c in at.caption if c.value.startswith("**Your skills:**"))
    assert "React" in mine and "Next\\.js" in mine and "Figma" not in mine
    assert "Figma" not in at.query_params["skills"] and "Next.js" in at.query_params["skills"]


def test_a_name_that_is_not_a_skill_gets_did_you_mean(monkeypatch, demo_warehouse, tmp_path):
    at = open_plan(monkeypatch, demo_warehouse, tmp_path)
    skills_box(at).set_value(["React", "Typescrpt", "node.js"])
    at = build(at)
    warning = next(w.value for w in at.warning if "did you mean" in w.value)
    assert "“Typescrpt” (did you mean TypeScript" in warning
    assert skills_box(at).value == ["React", "Node.js"]  # an alias in another case is the skill itself
    at = run(button(at, "Add TypeScript").click())
    assert skills_box(at).value == ["React", "Node.js", "TypeScript"]
    assert not any("did you mean" in w.value for w in at.warning)


def test_a_profile_round_trips_as_a_file_and_by_name(monkeypatch, demo_warehouse, tmp_path, downloads):
    at = open_plan(monkeypatch, demo_warehouse, tmp_path)
    skills_box(at).set_value(["React", "TypeScript"])
    next(w for w in at.multiselect if w.label == "Role families").set_value(["frontend_web"])
    next(c for c in at.checkbox if c.label == "Remote only").check()
    next(t for t in at.text_input if t.label == "Profile name").set_value("Dana Front")
    at = build(at)
    wanted = Profile(skills=["React", "TypeScript"], families=["frontend_web"], remote_only=True, name="Dana Front")

    raw, name = download(at, downloads, "Profile (JSON)")
    assert name == "profile-dana-front.json" and Profile.from_dict(json.loads(raw)) == wanted
    at = run(button(at, "Save by name").click())
    assert Profile.load(tmp_path / "profiles" / "dana-front.json") == wanted
    assert any("Saved as **dana\\-front**" in s.value for s in at.success)

    def form(at):
        return (skills_box(at).value, next(w for w in at.multiselect if w.label == "Role families").value,
                next(c for c in at.checkbox if c.label == "Remote only").value,
                next(t for t in at.text_input if t.label == "Profile name").value)

    # a new session loads it by name ...
    fresh = open_plan(monkeypatch, demo_warehouse, tmp_path)
    saved = next(s for s in fresh.selectbox if s.label == "Or load a saved profile")
    assert saved.format_func(saved.value) == "dana-front"
    fresh = run(button(fresh, "Load").click())
    assert form(fresh) == (["React", "TypeScript"], ["frontend_web"], True, "Dana Front")
    assert any(s.value.startswith("Loaded **Dana Front**") for s in fresh.success)

    # ... and another from the downloaded file, its unknown skill left out with a suggestion
    other = open_plan(monkeypatch, demo_warehouse, tmp_path / "elsewhere")
    edited = json.dumps({**json.loads(raw), "skills": ["React", "TypeScript", "Figmaa"]}).encode()
    other = run(other.file_uploader[0].set_value(("dana.json", edited, "application/json")))
    assert form(other) == (["React", "TypeScript"], ["frontend_web"], True, "Dana Front")
    assert any("“Figmaa” (did you mean Figma" in w.value for w in other.warning)
    other = build(other)
    assert len(ranking(other)) and ranking(other)["gain"].ge(0).all()
    # a file that is not a profile is refused with a reason, the form untouched
    other = run(other.file_uploader[0].set_value(("x.json", b'{"skills": "React", "colour": 1}', "application/json")))
    assert any("Cannot load x\\.json" in e.value for e in other.error)
    assert skills_box(other).value == ["React", "TypeScript"]
    assert_clean(other)
