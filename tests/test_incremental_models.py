"""Incremental model builds (warehouse/incremental.py) against full ones, row for row, on a real
DuckDB file built by the real layers (load, the spaCy extractor, features, proofs, models) from a
synthetic corpus: new postings, changed ones, a job moved to another block, reposts, a posting that
is no longer listed and one that is gone must leave every model exactly as a full build makes it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

import skills
from crawlers import synth
from skills.extract import extract_stream, load_pipeline
from skills.proof import load_proof_rules
from skills.roles import load_role_rules
from skills.taxonomy import load_taxonomy
from warehouse import connect, incremental, load, migrate, models
from warehouse.features import update_features
from warehouse.proofs import update_proofs

END = dt.date(2026, 11, 18)


def refresh_steps(db: Path, work: Path, crawl_files: list[Path], run_id: str, **build) -> None:
    """What the refresh flow does after the crawl (flows/refresh.py), on the real components."""
    work.mkdir(parents=True, exist_ok=True)
    con = connect.connect_writer(db)
    try:
        migrate.migrate(con)
        for crawl in crawl_files:
            load.load_postings(con, crawl, run_id)
        taxonomy = load_taxonomy()
        taxonomy_file = work / "taxonomy.json"
        taxonomy_file.write_text(json.dumps(taxonomy.to_dict(), ensure_ascii=False), encoding="utf-8")
        versions = {"taxonomy_version": load.load_taxonomy(con, taxonomy_file),
                    "extractor_version": skills.EXTRACTOR_VERSION}
        pending, extracted = work / "pending.jsonl", work / "extracted.jsonl"
        if load.export_pending_extraction(con, pending, **versions):
            with pending.open("rb") as src, extracted.open("w", encoding="utf-8") as dst:
                extract_stream(src, dst, nlp=load_pipeline())
            load.load_extraction(con, pending, extracted, **versions)
        update_features(con, work, load_role_rules(), taxonomy)
        update_proofs(con, work, load_proof_rules())
        models.build_models(con, **versions, **build)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def model_rows_differ(incremental_db: Path, full_db: Path) -> dict[str, int]:
    """Rows in one build of each model but not in the other (EXCEPT ALL both ways; 0 = identical)."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{incremental_db}' AS inc (READ_ONLY)")
    con.execute(f"ATTACH '{full_db}' AS ful (READ_ONLY)")
    differ = {}
    for model in models.all_models():
        if model.materialized == "view":
            continue
        a, b = f"inc.{model.relation}", f"ful.{model.relation}"
        differ[model.relation] = con.execute(
            f"""SELECT (SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b}))
                     + (SELECT count(*) FROM (SELECT * FROM {b} EXCEPT ALL SELECT * FROM {a}))""").fetchall()[0][0]
    con.close()
    return differ


def builds(db: Path) -> list[dict]:
    with connect.read_only(db) as con:
        return con.execute("SELECT * FROM meta.model_builds ORDER BY built_at").df().to_dict("records")


@contextmanager
def writer_on_copy(db: Path, copy: Path):
    """A writer connection on a copy of ``db`` (the module's built warehouse stays as it is)."""
    shutil.copy(db, copy)
    con = connect.connect_writer(copy)
    try:
        yield con
    finally:
        con.close()


def built_versions(con) -> dict[str, str]:
    """The taxonomy and extractor versions the warehouse's postings were extracted with."""
    run = con.execute("""SELECT taxonomy_version, extractor_version FROM raw.extractions
                         GROUP BY ALL ORDER BY count(*) DESC LIMIT 1""").fetchall()[0]
    return {"taxonomy_version": run[0], "extractor_version": run[1]}


def full_rebuild_of(db: Path, tmp: Path) -> Path:
    """A copy of ``db`` with every model built from nothing."""
    copy = tmp / f"full-of-{db.stem}.duckdb"
    with writer_on_copy(db, copy) as con:
        models.build_models(con, **built_versions(con), incremental=False)
        con.execute("CHECKPOINT")
    return copy


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("incremental")
    base, more = tmp / "base", tmp / "more"
    synth.write_synthetic_corpus(base, postings=2_500, seed=5, end=END, weeks=26)
    synth.write_synthetic_corpus(more, postings=300, seed=6, end=END, weeks=3)
    # The next crawl of one source, as a board lists it a day later: the same jobs, some changed.
    remotive = _lines(base / "remotive.jsonl")
    later = (dt.datetime.fromisoformat(remotive[0]["crawled_at"].replace("Z", "+00:00"))
             + dt.timedelta(days=1)).isoformat()
    relisted = []
    for i, rec in enumerate(remotive):
        rec = {**rec, "crawled_at": later}
        if i % 10 == 0:  # the description edited
            rec["description"] = rec["description"] + " We also offer a yearly learning budget."
        if i % 25 == 1:  # retitled: the job moves to another block, its old copies lose it
            rec["title"] = rec["title"] + " II"
        if i % 7 == 3:  # no longer listed: it stays, closed
            continue
        relisted.append(rec)
    recrawl = tmp / "recrawl" / "remotive.jsonl"
    recrawl.parent.mkdir()
    recrawl.write_text("".join(json.dumps(r) + "\n" for r in relisted), encoding="utf-8")
    return tmp, sorted(base.glob("*.jsonl")), sorted(more.glob("*.jsonl")), recrawl


@pytest.fixture(scope="module")
def built(corpora):
    tmp, base_files, more_files, recrawl = corpora
    db = tmp / "w.duckdb"
    refresh_steps(db, tmp / "run-1", base_files, "run-1")
    first = builds(db)
    refresh_steps(db, tmp / "run-2", [*more_files, recrawl], "run-2")
    return tmp, db, first


def test_the_first_build_is_full_and_the_next_incremental(built):
    _tmp, db, first = built
    assert [(b["mode"], b["reason"]) for b in first] == [("full", "first build")]
    second = builds(db)[-1]
    assert second["mode"] == "incremental"
    with connect.read_only(db) as con:
        postings = con.execute("SELECT count(*) FROM core.postings").fetchall()[0][0]
        closed = con.execute("SELECT count(*) FROM core.postings WHERE source = 'remotive' AND NOT is_open").fetchall()[0][0]
    # the new postings and the edited / retitled ones changed; the rest were left alone
    assert 300 <= second["postings_changed"] < 0.25 * postings
    assert second["postings_changed"] <= second["postings_rebuilt"] < postings
    assert 0 < second["periods_rebuilt"] < 2 * 30
    assert second["postings"] == postings
    assert closed > 0  # postings the re-crawl no longer lists are closed without being rebuilt


def test_an_incremental_build_equals_a_full_one_row_for_row(built):
    tmp, db, _ = built
    differ = model_rows_differ(db, full_rebuild_of(db, tmp))
    assert differ and not any(differ.values()), {k: v for k, v in differ.items() if v}


def test_a_gone_posting_and_an_unchanged_refresh(built, tmp_path):
    _tmp, db, _ = built
    copy = tmp_path / "gone.duckdb"
    with writer_on_copy(db, copy) as con:
        gone = con.execute("""SELECT r.source, r.source_id FROM raw.postings AS r
                              JOIN core.postings AS p ON p.posting_id = r.source || ':' || r.source_id
                              WHERE p.cluster_size > 1 LIMIT 1""").fetchall()[0]
        con.execute("DELETE FROM raw.postings WHERE source = ? AND source_id = ?", list(gone))
        models.build_models(con, **built_versions(con))
        assert models.last_build(con)["postings_changed"] == 1
        assert not con.execute("SELECT count(*) FROM core.postings WHERE posting_id = ?",
                               [f"{gone[0]}:{gone[1]}"]).fetchall()[0][0]
        models.build_models(con, **built_versions(con))
        unchanged = models.last_build(con)
        con.execute("CHECKPOINT")
    assert (unchanged["mode"], unchanged["postings_changed"], unchanged["periods_rebuilt"]) == ("incremental", 0, 0)
    differ = model_rows_differ(copy, full_rebuild_of(copy, tmp_path))
    assert not any(differ.values()), {k: v for k, v in differ.items() if v}


def test_a_new_complete_week_rebuilds_the_windowed_marts_whole(built, tmp_path):
    """Postings of a later week move the window of the last 52 complete weeks: mart.plan_postings
    is then built whole, the rest still by partition, and the result is a full build's."""
    _tmp, db, _ = built
    copy = tmp_path / "later.duckdb"
    shutil.copy(db, copy)
    later = tmp_path / "later"
    synth.write_synthetic_corpus(later, postings=120, seed=7, end=END + dt.timedelta(days=12), weeks=2)
    with connect.read_only(copy) as con:
        window_before = con.execute("SELECT max(week) FROM mart.plan_postings").fetchall()[0][0]
    refresh_steps(copy, tmp_path / "run-3", sorted(later.glob("*.jsonl")), "run-3")
    with connect.read_only(copy) as con:
        window_after = con.execute("SELECT max(week) FROM mart.plan_postings").fetchall()[0][0]
    assert window_after > window_before
    assert builds(copy)[-1]["mode"] == "incremental"
    differ = model_rows_differ(copy, full_rebuild_of(copy, tmp_path))
    assert not any(differ.values()), {k: v for k, v in differ.items() if v}


def test_full_when_the_versions_change_too_much_changed_or_it_is_switched_off(built, tmp_path, monkeypatch):
    _tmp, db, _ = built
    with writer_on_copy(db, tmp_path / "modes.duckdb") as con:
        kwargs = built_versions(con)
        models.build_models(con, **kwargs, incremental=False)
        assert models.last_build(con)["reason"].startswith("incremental builds are off")
        models.build_models(con, **kwargs, proof_rules_version="another")
        assert models.last_build(con)["reason"] == "the versions or the model files changed since the last build"
        con.execute("UPDATE raw.postings SET title = title || ' (x)' WHERE source = 'remotive'")
        monkeypatch.setattr(incremental, "FULL_SHARE", 0.01)
        models.build_models(con, **kwargs, proof_rules_version="another")
        last = models.last_build(con)
        assert last["mode"] == "full" and "postings changed (over 1%)" in last["reason"]
        monkeypatch.setattr(incremental, "FULL_EVERY", 2)
        models.build_models(con, **kwargs, proof_rules_version="another")
        assert models.last_build(con)["mode"] == "incremental"
        models.build_models(con, **kwargs, proof_rules_version="another")
        assert models.last_build(con)["reason"].startswith("a full build every 2 builds")


def test_every_partitioned_model_has_a_scope_and_reads_its_partition_columns():
    partitioned = [m for m in models.all_models() if m.partition]
    assert {m.relation for m in partitioned} == set(incremental.SCOPE)
    for model in partitioned:
        assert set(model.partition) <= set(model.columns), model.relation


def test_discovery_keeps_its_candidates_while_the_sample_is_mostly_the_same(built, tmp_path):
    _tmp, db, _ = built
    with writer_on_copy(db, tmp_path / "discovery.duckdb") as con:
        version = load_taxonomy().version
        assert load.discovery_sample_kept(con, taxonomy_version=version, limit=500) is None  # none stored
        ids = [p["id"] for p in load.candidate_postings(con, limit=500)]
        assert len(ids) == 500
        load.load_candidates(con, "run-x", [], sample_postings=len(ids), taxonomy_version=version, sample_ids=ids)
        assert load.discovery_sample_kept(con, taxonomy_version=version, limit=500) == 1.0
        assert load.discovery_sample_kept(con, taxonomy_version="another", limit=500) is None
        # a tenth of the sample gone from the warehouse: read it again
        con.execute("DELETE FROM raw.postings WHERE source || ':' || source_id IN (SELECT unnest(?))", [ids[:60]])
        assert load.discovery_sample_kept(con, taxonomy_version=version, limit=500) is None
