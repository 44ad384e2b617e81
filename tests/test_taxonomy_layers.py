"""The taxonomy as users extend it: overlay layers, the open-taxonomy import, the overlay CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skills.importer import build_import_overlay, read_esco, read_onet
from skills.overlay import add_aliases, add_skill, add_stop_words, edit_overlay, merge_skill
from skills.taxonomy import DEFAULT_TAXONOMY_PATH, TaxonomyError, load_taxonomy
from tests.conftest import SHARED_DATA, run_cli

ESCO = SHARED_DATA / "taxonomies" / "esco" / "esco_v_1_1_1_data_formatted.csv"
ONET = SHARED_DATA / "taxonomies" / "onet" / "Technology Skills.txt"


def write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- overlay semantics


def test_shipped_taxonomy_is_versioned_and_linked():
    tax = load_taxonomy()
    assert tax.version == tax.base_version and not tax.layers
    assert tax.resolve("postgres") == "PostgreSQL" and tax.resolve("K8S") == "Kubernetes"
    assert tax.to_dict()["version"] == tax.version


def test_overlay_adds_skills_aliases_links_and_changes_the_version(tmp_path):
    base = load_taxonomy()
    overlay = write(tmp_path / "o.json", {
        "skills": [{"name": "Mastra", "category": "data_ml", "aliases": ["Mastra.ai"]}],
        "aliases": {"Python": ["py-lang"]},
        "links": {"Rust": {"onet_name": "Rust"}},
    })
    tax = load_taxonomy(None, [overlay])
    assert tax.version.startswith(base.version + "+") and tax.version != base.version
    assert tax.resolve("mastra.ai") == "Mastra"
    assert tax.resolve("py-lang") == "Python"
    assert tax.by_name["Rust"].onet_name == "Rust"
    assert len(tax) == len(base) + 1
    # The version is a hash of the overlay content: same content, same version; edits change it.
    assert load_taxonomy(None, [write(tmp_path / "same.json", json.loads(overlay.read_text()))]).version == tax.version
    write(overlay, {"aliases": {"Python": ["py-lang", "pythonic"]}})
    assert load_taxonomy(None, [overlay]).version != tax.version


def test_merge_moves_every_name_and_stop_words_are_kept(tmp_path):
    overlay = write(tmp_path / "o.json", {"merges": {"AngularJS": "Angular"}, "stop_words": ["Go live", "JS"]})
    tax = load_taxonomy(None, [overlay])
    assert "AngularJS" not in tax.by_name
    assert tax.resolve("angularjs") == "Angular"
    assert {"go live", "js"} <= tax.stop_surfaces


@pytest.mark.parametrize("overlay, message", [
    ({"aliases": {"Python": ["Django"]}}, "claimed by both"),
    ({"aliases": {"Nonexistent Skill": ["x1"]}}, "not a skill"),
    ({"skills": [{"name": "X", "category": "cooking"}]}, "unknown category"),
    ({"merges": {"Python": "Python"}}, "into itself"),
    ({"frobnicate": {}}, "unknown keys"),
    ({"stop_words": "go"}, "stop_words"),
])
def test_bad_overlays_are_refused_with_the_reason(tmp_path, overlay, message):
    with pytest.raises(TaxonomyError, match=message):
        load_taxonomy(None, [write(tmp_path / "bad.json", overlay)])


def test_missing_or_broken_overlay_file_is_an_error(tmp_path):
    with pytest.raises(TaxonomyError, match="does not exist"):
        load_taxonomy(None, [tmp_path / "nope.json"])
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy(None, [tmp_path / "broken.json"])


def test_edit_overlay_validates_before_replacing(tmp_path):
    path = tmp_path / "overlay.json"
    tax = edit_overlay(path, add_skill("Claude Code", "tools_platforms", ["claude-code"]))
    assert tax.resolve("claude-code") == "Claude Code"
    edit_overlay(path, add_aliases("Claude Code", ["ClaudeCode"]))
    edit_overlay(path, add_stop_words(["Go live"]))
    edit_overlay(path, merge_skill("AngularJS", "Angular"))
    before = path.read_text(encoding="utf-8")
    with pytest.raises(TaxonomyError, match="claimed by both"):
        edit_overlay(path, add_aliases("Claude Code", ["Python"]))
    assert path.read_text(encoding="utf-8") == before  # a refused edit changes nothing
    assert not list(tmp_path.glob("*.tmp"))
    saved = json.loads(before)
    assert saved["skills"][0]["name"] == "Claude Code" and saved["merges"] == {"AngularJS": "Angular"}


# --------------------------------------------------------------------------- the open-taxonomy import


def test_read_open_taxonomies():
    concepts = read_esco(ESCO)
    assert len(concepts) > 13_000
    python = next(c for c in concepts.values() if c["pref"] == "Python (computer programming)")
    assert "K0613" in python["codes"] and "Python3" in python["alts"]
    tools = read_onet(ONET)
    assert len(tools) > 8_000 and tools["Apache Kafka"]["hot"]


def test_import_links_merges_and_adds_without_collisions():
    base = load_taxonomy()
    overlay, summary = build_import_overlay(base, ESCO, ONET)
    tax = load_taxonomy(None, [])  # unchanged shipped taxonomy
    new_names = {s["name"] for s in overlay["skills"]}
    assert summary.esco_links + summary.onet_links > 0
    assert new_names and not new_names & set(tax.by_name)
    # Every ESCO link is a real concept id of the file.
    concepts = read_esco(ESCO)
    for link in overlay["links"].values():
        if "esco_uri" in link:
            assert link["esco_uri"].rsplit("/", 1)[-1] in concepts
    # Aliases are spellings of the name (versions), never ESCO's descriptive labels.
    for skill, aliases in overlay["aliases"].items():
        for alias in aliases:
            assert alias.lower().startswith(skill.lower()), (skill, alias)
    # Generic ESCO concepts ("incremental development") are not imported as skills.
    assert "Incremental development" not in new_names
    assert all(s["onet_name"] for s in overlay["skills"] if s.get("onet_name") is not None)
    one_word = [s for s in overlay["skills"] if " " not in s["name"] and s["name"].isalpha()]
    assert one_word and all(s["ambiguous"] for s in one_word)


def test_import_rejects_wrong_files(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="not the ESCO"):
        build_import_overlay(load_taxonomy(), esco=bad)
    with pytest.raises(TaxonomyError, match="not O\\*NET"):
        build_import_overlay(load_taxonomy(), onet=bad)


def test_taxonomy_import_cli_merges_the_shared_files(tmp_path):
    env = {"SKILLPULSE_DATA_DIR": str(tmp_path)}
    done = run_cli("taxonomy", "import", "--esco", str(ESCO), "--onet", str(ONET), env=env)
    imported = tmp_path / "taxonomy-imported.json"
    assert imported.is_file() and "taxonomy in use is now" in done.stdout
    shown = run_cli("taxonomy", "show", env=env).stdout
    assert f"+ overlay {imported}" in shown
    base = load_taxonomy()
    merged = load_taxonomy(None, [imported])
    assert len(merged) > len(base) and merged.version != base.version
    # The imported layer is used by extraction straight away: two imported multi-word tools.
    new = [x["name"] for x in json.loads(imported.read_text())["skills"]
           if " " in x["name"] and not x["ambiguous"]][:2]
    assert len(new) == 2
    line = json.dumps({"id": 1, "text": f"We deploy with {new[0]} and {new[1]} on Linux."}) + "\n"
    found = {m["skill"] for m in json.loads(run_cli("extract", env=env, input=line).stdout)["skills"]}
    assert set(new) | {"Linux"} <= found
    shipped = {m["skill"] for m in json.loads(run_cli("extract", "--shipped-only", env=env, input=line).stdout)["skills"]}
    assert not set(new) & shipped
    # Asking for nothing is a usage error, not a silent no-op.
    assert run_cli("taxonomy", "import", env=env, check=False).returncode == 2


def test_overlay_cli_accept_alias_stop_merge(tmp_path):
    env = {"SKILLPULSE_DATA_DIR": str(tmp_path)}
    run_cli("taxonomy", "accept", "Mastra", "--category", "data_ml", "--alias", "Mastra.ai", env=env)
    run_cli("taxonomy", "alias", "Python", "Python-3.13", env=env)
    run_cli("taxonomy", "stop", "Go live", env=env)
    run_cli("taxonomy", "merge", "AngularJS", "Angular", env=env)
    shown = json.loads(run_cli("taxonomy", "show", "mastra.ai", env=env).stdout)
    assert shown["name"] == "Mastra" and shown["category"] == "data_ml"
    refused = run_cli("taxonomy", "accept", "Pythonic", "--category", "data_ml", "--alias", "Python", env=env, check=False)
    assert refused.returncode == 1 and "claimed by both" in refused.stderr
    bad_category = run_cli("taxonomy", "accept", "X", "--category", "cooking", env=env, check=False)
    assert bad_category.returncode == 1 and "unknown category" in bad_category.stderr
    out = run_cli("extract", env=env, input=json.dumps(
        {"id": "a", "text": "Agents built with Mastra.ai and AngularJS in Python-3.13."}) + "\n").stdout
    assert [(m["skill"], m["text"]) for m in json.loads(out)["skills"]] == [
        ("Mastra", "Mastra.ai"), ("Angular", "AngularJS"), ("Python", "Python-3.13")]


def test_shipped_file_is_untouched_by_user_commands(tmp_path):
    before = DEFAULT_TAXONOMY_PATH.read_bytes()
    run_cli("taxonomy", "accept", "Mastra", "--category", "data_ml", env={"SKILLPULSE_DATA_DIR": str(tmp_path)})
    assert DEFAULT_TAXONOMY_PATH.read_bytes() == before
