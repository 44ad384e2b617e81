"""Discover -> accept -> re-extract on a real warehouse: a new skill's curve starts where it first
appeared, and the results of every earlier version stay queryable."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from skills.taxonomy import DEFAULT_TAXONOMY_PATH
from tests.conftest import run_cli


@pytest.mark.slow
def test_candidate_is_accepted_and_its_history_backfilled(demo_warehouse, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(demo_warehouse, warehouse)
    # A base taxonomy that has never heard of LangChain (as the real one had not in 2022).
    shipped = json.loads(DEFAULT_TAXONOMY_PATH.read_text(encoding="utf-8"))
    shipped["version"] = "before-langchain"
    shipped["skills"] = [s for s in shipped["skills"] if s["name"] != "LangChain"]
    base = tmp_path / "base-taxonomy.json"
    base.write_text(json.dumps(shipped), encoding="utf-8")
    env = {"SKILLPULSE_DATA_DIR": str(tmp_path / "data"), "SKILLPULSE_WAREHOUSE_PATH": str(warehouse),
           "SKILLPULSE_TAXONOMY_PATH": str(base)}

    run_cli("reextract", env=env)
    candidates = json.loads(run_cli("taxonomy", "candidates", "--json", env=env).stdout)
    top = [c["term"] for c in candidates[:5]]
    assert "LangChain" in top, top
    langchain = next(c for c in candidates if c["term"] == "LangChain")
    assert langchain["growth"] > 1 and langchain["companies"] >= 3 and langchain["examples"]

    run_cli("taxonomy", "accept", "LangChain", "--category", "data_ml", env=env)
    done = run_cli("reextract", env=env)
    assert "LangChain" in done.stderr  # the comparison printed after the re-extraction

    with duckdb.connect(str(warehouse), read_only=True) as con:
        mart_first = con.execute(
            "SELECT min(week) FROM mart.weekly_skill_share WHERE skill = 'LangChain' AND postings_with_skill > 0"
        ).fetchall()[0][0]
        real_first = con.execute(
            """SELECT min(week) FROM core.postings
               WHERE is_canonical AND regexp_matches(description, '(?i)\\blangchain\\b')"""
        ).fetchall()[0][0]
        assert mart_first is not None and mart_first == real_first
        assert str(real_first) == langchain["first_seen"]
        # Every version's results are kept: the shipped run, the one without LangChain, the overlay one.
        versions = con.execute(
            "SELECT DISTINCT taxonomy_version FROM raw.extractions ORDER BY 1").fetchall()
        assert len(versions) == 3
        without = con.execute(
            "SELECT count(*) FROM raw.skill_mentions WHERE taxonomy_version = 'before-langchain' AND skill = 'LangChain'"
        ).fetchall()[0][0]
        assert without == 0
        statuses = [r[0] for r in con.execute("SELECT status FROM meta.runs ORDER BY finished_at").fetchall()]
        assert statuses[-2:] == ["reextract", "reextract"]


def test_reextract_without_a_warehouse_says_what_to_do(tmp_path):
    failed = run_cli("reextract", env={"SKILLPULSE_DATA_DIR": str(tmp_path)}, check=False)
    assert failed.returncode == 2 and "skillpulse refresh" in failed.stderr
