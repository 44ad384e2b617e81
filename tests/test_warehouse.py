"""The warehouse on real DuckDB files: migrations, idempotent bulk loads, models, publish, readers."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from warehouse import connect, load, migrate, models, publish, queries
from warehouse.dictionary import dictionary_rows
from warehouse.sql import SandboxError, run_sql
from tests.conftest import run_cli

TV, EV = "t-test", "e-test"


@pytest.fixture(scope="module")
def remotive_crawl(tmp_path_factory) -> Path:
    """A real crawl file: the recorded Remotive response through the real spider over loopback."""
    from crawlers.replay import ReplayServer
    from tests.conftest import REMOTIVE_FILE, make_archive

    folder = tmp_path_factory.mktemp("crawl")
    archive = make_archive(folder / "archive", [{"path": "/api/remote-jobs", "body_file": REMOTIVE_FILE}])
    out = folder / "remotive.jsonl"
    with ReplayServer(archive) as server:
        run_cli("crawl", "remotive", "--base-url", server.base_url, "--out", str(out))
    return out


def write_lines(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def posting(source_id: str, posted_at: str, description: str, category: str = "Software Development") -> dict:
    return {"source": "test", "source_id": source_id, "url": f"https://example.com/{source_id}",
            "title": f"Job {source_id}", "company": "Acme", "description": description,
            "posted_at": posted_at, "category": category, "tags": [], "raw": {"id": source_id},
            "crawled_at": "2026-11-01T00:00:00Z"}


def fresh(path: Path) -> duckdb.DuckDBPyConnection:
    con = connect.connect_writer(path)
    migrate.migrate(con)
    return con


def test_migrations_apply_once_and_record_the_version(tmp_path):
    con = fresh(tmp_path / "w.duckdb")
    latest = max(m.version for m in migrate.available_migrations())
    assert migrate.schema_version(con) == latest
    assert migrate.migrate(con) == []  # nothing pending the second time
    schemas = {r[0] for r in con.execute("SELECT schema_name FROM duckdb_schemas()").fetchall()}
    assert {"raw", "core", "mart", "meta"} <= schemas


def test_loading_the_same_crawl_twice_leaves_the_same_rows(tmp_path, remotive_crawl):
    con = fresh(tmp_path / "w.duckdb")
    assert load.load_postings(con, remotive_crawl, "run-1") == {"read": 35, "new": 35, "quarantined": 0}
    first = con.execute("SELECT source_id, first_seen_at, content_hash FROM raw.postings ORDER BY 1").fetchall()
    assert load.load_postings(con, remotive_crawl, "run-2") == {"read": 35, "new": 0, "quarantined": 0}
    again = con.execute("SELECT source_id, first_seen_at, content_hash FROM raw.postings ORDER BY 1").fetchall()
    assert first == again
    assert con.execute("SELECT DISTINCT last_run_id FROM raw.postings").fetchall() == [("run-2",)]
    row = con.execute(
        "SELECT title, company, posted_at, raw->>'$.company_logo' FROM raw.postings WHERE source_id = '2090903'"
    ).fetchall()[0]
    assert row[0] == "Data Labeling Specialists" and row[1] == "Workada"
    assert str(row[2]) == "2026-07-26" and row[3] == "https://remotive.com/job/2090903/logo"


def test_a_job_listed_twice_in_one_crawl_is_one_row(tmp_path):
    con = fresh(tmp_path / "w.duckdb")
    crawl = write_lines(tmp_path / "c.jsonl", [posting("1", "2026-01-05", "a"), posting("1", "2026-01-05", "a")])
    assert load.load_postings(con, crawl, "r") == {"read": 2, "new": 1, "quarantined": 0}


def test_a_big_crawl_file_loads_in_pieces_and_the_last_crawled_copy_wins(tmp_path, monkeypatch, remotive_crawl):
    """A file over UPSERT_CHUNK_BYTES goes in piece by piece (bounded memory); a job listed in two
    pieces keeps the later-crawled line, as within one piece, and no piece file is left behind."""
    rows = [json.loads(line) for line in remotive_crawl.read_text(encoding="utf-8").splitlines()]
    early, late = ({**rows[0], "title": title, "crawled_at": at}
                   for title, at in (("Old title", "2026-11-01T00:00:00Z"), ("New title", "2026-11-02T00:00:00Z")))
    crawl = write_lines(tmp_path / "big.jsonl", [early, *rows[1:], late])
    reversed_crawl = write_lines(tmp_path / "reversed.jsonl", [late, *rows[1:], early])
    monkeypatch.setattr(load, "UPSERT_CHUNK_BYTES", 20_000)
    assert crawl.stat().st_size > 5 * load.UPSERT_CHUNK_BYTES
    for name, path in (("in order", crawl), ("reversed", reversed_crawl)):
        con = fresh(tmp_path / f"{name}.duckdb")
        assert load.load_postings(con, path, "r") == {"read": 36, "new": 35, "quarantined": 0}, name
        title = con.execute("SELECT title FROM raw.postings WHERE source_id = ?", [str(rows[0]["source_id"])]).fetchall()
        assert title == [("New title",)], name
        con.close()
    assert sorted(p.name for p in tmp_path.glob("*.part-*")) == []


def build(con: duckdb.DuckDBPyConnection, work_dir: Path) -> None:
    """Features (role family, region, dedupe sketch) with the shipped rules, then every model."""
    from skills.roles import load_role_rules
    from skills.taxonomy import load_taxonomy
    from warehouse.features import update_features

    update_features(con, work_dir, load_role_rules(), load_taxonomy())
    models.build_models(con, taxonomy_version=TV, extractor_version=EV)


def build_small(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """Three postings over two weeks; the extraction output written by hand."""
    con = fresh(tmp_path / "w.duckdb")
    crawl = write_lines(tmp_path / "c.jsonl", [
        posting("1", "2026-01-05", "Python and SQL"),           # Monday, week of 2026-01-05
        posting("2", "2026-01-07", "Excel only", "Finance"),   # same week
        posting("3", "2026-01-14", "Nothing here"),            # next week
    ])
    load.load_postings(con, crawl, "r")
    taxonomy = write_lines(tmp_path / "tax.json", [])
    taxonomy.write_text(json.dumps({"version": TV, "skills": [
        {"name": "Python", "category": "programming_languages", "aliases": ["py"], "ambiguous": False},
        {"name": "SQL", "category": "databases", "aliases": [], "ambiguous": False},
    ]}))
    assert load.load_taxonomy(con, taxonomy) == TV
    pending = tmp_path / "pending.jsonl"
    assert load.export_pending_extraction(con, pending, taxonomy_version=TV, extractor_version=EV) == 3
    assert [json.loads(l)["id"] for l in pending.read_text().splitlines()] == ["test:1", "test:2", "test:3"]
    extracted = write_lines(tmp_path / "extracted.jsonl", [
        {"id": "test:1", "skills": [
            {"skill": "Python", "category": "programming_languages", "start": 0, "end": 6, "text": "Python"},
            {"skill": "SQL", "category": "databases", "start": 11, "end": 14, "text": "SQL"}]},
        {"id": "test:2", "skills": []},
        {"id": "test:3", "skills": []},
    ])
    assert load.load_extraction(con, pending, extracted, taxonomy_version=TV, extractor_version=EV) == 2
    build(con, tmp_path)
    return con


def test_weekly_skill_share_is_postings_mentioning_over_all_postings(tmp_path):
    con = build_small(tmp_path)
    rows = con.execute(
        """SELECT CAST(week AS VARCHAR), skill, postings_with_skill, postings_total, share
           FROM mart.weekly_skill_share WHERE niche = 'All niches' ORDER BY skill, week"""
    ).fetchall()
    assert rows == [
        ("2026-01-05", "Python", 1, 2, 0.5), ("2026-01-12", "Python", 0, 1, 0.0),
        ("2026-01-05", "SQL", 1, 2, 0.5), ("2026-01-12", "SQL", 0, 1, 0.0),
    ]
    niche_rows = con.execute(
        "SELECT niche, skill, share FROM mart.weekly_skill_share WHERE week = '2026-01-05' AND niche <> 'All niches'"
    ).fetchall()
    # the niche is the role family: "Software Development" (the source category) is software engineering
    assert sorted(niche_rows) == [("Software engineering", "Python", 1.0), ("Software engineering", "SQL", 1.0)]
    evidence = con.execute("SELECT posting_id, skill, context, url FROM mart.skill_evidence ORDER BY skill").fetchall()
    assert evidence == [("test:1", "Python", "Python and SQL", "https://example.com/1"),
                        ("test:1", "SQL", "Python and SQL", "https://example.com/1")]
    assert all(n == 0 for n in models.check_keys(con).values())


def test_changed_content_is_re_extracted_and_old_mentions_replaced(tmp_path):
    con = build_small(tmp_path)
    pending = tmp_path / "p2.jsonl"
    assert load.export_pending_extraction(con, pending, taxonomy_version=TV, extractor_version=EV) == 0
    load.load_postings(con, write_lines(tmp_path / "c2.jsonl", [posting("1", "2026-01-05", "Only SQL now")]), "r2")
    assert load.export_pending_extraction(con, pending, taxonomy_version=TV, extractor_version=EV) == 1
    extracted = write_lines(tmp_path / "e2.jsonl", [{"id": "test:1", "skills": [
        {"skill": "SQL", "category": "databases", "start": 5, "end": 8, "text": "SQL"}]}])
    load.load_extraction(con, pending, extracted, taxonomy_version=TV, extractor_version=EV)
    assert con.execute("SELECT skill FROM raw.skill_mentions WHERE posting_id = 'test:1'").fetchall() == [("SQL",)]
    # a new extractor version keeps the old results queryable beside the new ones
    assert load.export_pending_extraction(con, pending, taxonomy_version=TV, extractor_version="e-next") == 3


def test_every_table_and_column_is_described(tmp_path):
    con = build_small(tmp_path)
    rows = dictionary_rows(con)
    assert len(rows) > 50
    undocumented = [r[:3] for r in rows if not r[4]]
    assert undocumented == []


def publish_table(published: Path, create_sql: str) -> bytes:
    """A first warehouse at ``published`` holding one table; its bytes."""
    with publish.building_next(published) as building:
        con = fresh(building)
        con.execute(create_sql)
        con.execute("CHECKPOINT")
        con.close()
    return published.read_bytes()


def test_a_refresh_killed_halfway_leaves_the_published_file_untouched(tmp_path):
    published = tmp_path / "skillpulse.duckdb"
    before = publish_table(published, "CREATE TABLE meta.marker AS SELECT 1 AS v")
    with pytest.raises(RuntimeError, match="boom"):
        with publish.building_next(published) as building:
            con = connect.connect_writer(building)
            con.execute("DROP TABLE meta.marker")
            con.close()
            raise RuntimeError("boom")
    assert published.read_bytes() == before
    assert list(tmp_path.glob("*.building-*")) == []


def test_two_refreshes_cannot_build_at_once(tmp_path):
    published = tmp_path / "skillpulse.duckdb"
    with publish.building_next(published) as building:
        with pytest.raises(publish.RefreshAlreadyRunning):
            with publish.building_next(published):
                pass
        connect.connect_writer(building).close()
    assert published.is_file()
    with pytest.raises(RuntimeError, match="nothing was built"):
        with publish.building_next(tmp_path / "other.duckdb"):
            pass


def test_the_next_warehouse_is_copied_while_the_block_runs_and_a_failure_cancels_it(tmp_path, monkeypatch):
    """preparing_next copies the published file in the background (a refresh crawls meanwhile):
    ready() gives a byte-exact copy however many steps it took; a block that fails before it
    waited leaves no copy and the published file as it was."""
    published = tmp_path / "skillpulse.duckdb"
    before = publish_table(published, "CREATE TABLE meta.filler AS SELECT range AS v, repeat('x', 50) AS pad FROM range(200000)")
    monkeypatch.setattr(publish, "_COPY_CHUNK", 256 * 1024)  # many steps
    with publish.preparing_next(published) as pending:
        assert pending.bytes == len(before)
        building = pending.ready()
        assert building.read_bytes() == before
        assert pending.seconds > 0
        con = connect.connect_writer(building)
        con.execute("DROP TABLE meta.filler")
        con.execute("CHECKPOINT")
        con.close()
    with connect.read_only(published) as con:
        assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'filler'").fetchall() == [(0,)]
    published.write_bytes(before)

    with pytest.raises(RuntimeError, match="every source failed"):
        with publish.preparing_next(published) as pending:
            raise RuntimeError("every source failed")
    assert published.read_bytes() == before
    assert list(tmp_path.glob("*.building-*")) == []
    # the lock was released: the next refresh starts
    with publish.preparing_next(published) as pending:
        pending.ready()
    assert published.read_bytes() == before


def test_the_copy_works_where_file_to_file_sendfile_does_not(tmp_path, monkeypatch):
    source, target = tmp_path / "a.bin", tmp_path / "b.bin"
    source.write_bytes(bytes(range(256)) * 5000)

    def no_sendfile(*_args):
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(publish.os, "sendfile", no_sendfile)  # as on a file system without it
    monkeypatch.setattr(publish, "_COPY_CHUNK", 4096)
    publish._copy_file(source, target, publish.threading.Event())
    assert target.read_bytes() == source.read_bytes()


def test_a_reader_keeps_its_snapshot_while_a_new_version_is_published(tmp_path):
    published = tmp_path / "skillpulse.duckdb"
    for value in (1, 2):
        with publish.building_next(published) as building:
            con = connect.connect_writer(building)
            con.execute(f"CREATE OR REPLACE TABLE v AS SELECT {value} AS v")
            con.execute("CHECKPOINT")
            con.close()
        if value == 1:
            reader = duckdb.connect(str(published), read_only=True)
    assert reader.execute("SELECT v FROM v").fetchall() == [(1,)]  # old snapshot, no error
    reader.close()
    with connect.read_only(published) as con:
        assert con.execute("SELECT v FROM v").fetchall() == [(2,)]


def test_readers_share_an_instance_but_hold_no_lock_between_queries(tmp_path):
    """read_only() attaches the file to one shared in-memory DuckDB only while queries run: between
    queries a writer in another process opens the file; a publish is seen by the next query; queries
    from many threads at once each get their own cursor; a writer holding the file is waited for."""
    import subprocess
    import sys
    import threading

    published = tmp_path / "skillpulse.duckdb"

    def publish_value(value: int) -> None:
        with publish.building_next(published) as building:
            con = connect.connect_writer(building)
            con.execute(f"CREATE OR REPLACE TABLE v AS SELECT {value} AS v FROM range(1000)")
            con.execute("CHECKPOINT")
            con.close()

    publish_value(1)
    with connect.read_only(published) as con:
        assert con.execute("SELECT DISTINCT v FROM v").fetchall() == [(1,)]
    # no lock left behind: another process writes the published file itself
    writer = f"import duckdb; c = duckdb.connect({str(published)!r}); c.execute('CREATE TABLE w AS SELECT 1'); c.close()"
    subprocess.run([sys.executable, "-c", writer], check=True, timeout=60)
    with connect.read_only(published) as con:
        assert con.execute("SELECT count(*) FROM w").fetchall() == [(1,)]
    publish_value(2)
    with connect.read_only(published) as con:
        assert con.execute("SELECT DISTINCT v FROM v").fetchall() == [(2,)]
        # one warehouse visible: the shared instance shows nothing but this file's tables
        tables = con.execute("SELECT database_name, table_name FROM duckdb_tables() ORDER BY 2").fetchall()
        assert tables == [(connect.ALIAS, "v"), (connect.ALIAS, "w")]

    results, errors = [], []

    def query() -> None:
        try:
            for _ in range(20):
                with connect.read_only(published) as con:
                    con.execute("CREATE TEMP TABLE t AS SELECT v FROM v")  # temp tables stay per cursor
                    results.append(con.execute("SELECT sum(v) FROM t").fetchall()[0][0])
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=query) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and results == [2000] * 80

    # a writer holding the file open: the reader retries, then says so
    hold = f"import duckdb, time; c = duckdb.connect({str(published)!r}); print('open', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", hold], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(duckdb.IOException, match="lock"), connect.read_only(published, attempts=2):
            pass
    finally:
        holder.kill()
        holder.wait()
    with connect.read_only(published) as con:  # and reads again once the writer is gone
        assert con.execute("SELECT DISTINCT v FROM v").fetchall() == [(2,)]

    # a forked child (a worker pool) reads with a DuckDB of its own, not its parent's
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply_async(_read_v, (str(published),)).get(timeout=60) == [(2,)]


def _read_v(path: str):
    with connect.read_only(Path(path)) as con:
        return con.execute("SELECT DISTINCT v FROM v").fetchall()


def test_reading_a_missing_warehouse_says_how_to_build_one(tmp_path):
    with pytest.raises(connect.WarehouseMissing, match="skillpulse refresh"):
        queries.niches(tmp_path / "none.duckdb")


def test_researcher_sql_is_read_only_and_sandboxed(tmp_path):
    con = build_small(tmp_path)
    con.close()
    db = tmp_path / "w.duckdb"
    assert run_sql(db, "SELECT count(*) AS n FROM core.postings").frame["n"].tolist() == [3]
    for query in ("SELECT * FROM read_csv('/etc/passwd')", "COPY core.postings TO '/tmp/x.csv'",
                  "INSERT INTO raw.postings (source) VALUES ('x')", "SET threads = 4",
                  f"ATTACH '{tmp_path / 'other.duckdb'}'"):
        with pytest.raises(SandboxError):
            run_sql(db, query)


def test_duplicates_across_boards_collapse_into_one_counted_cluster(tmp_path):
    con = fresh(tmp_path / "w.duckdb")
    rows = [
        {**posting("a", "2026-01-05", "Python"), "source": "remotive", "company": "Acme Inc.", "title": "Senior Python Dev",
         "url": "https://remotive.com/x?utm_source=feed"},
        {**posting("b", "2026-01-07", "Python"), "source": "greenhouse", "company": "ACME", "title": "Senior Python Dev!",
         "url": "https://boards.greenhouse.io/acme/jobs/1?gh_src=abc"},
        {**posting("c", "2026-03-20", "Python"), "source": "remotive", "company": "Acme", "title": "Senior Python Dev"},
        {**posting("d", "2026-01-06", "Python"), "company": "Other Co", "title": "Senior Python Dev"},
    ]
    load.load_postings(con, write_lines(tmp_path / "c.jsonl", rows), "r")
    build(con, tmp_path)
    got = dict(con.execute("SELECT posting_id, cluster_id FROM core.posting_clusters").fetchall())
    assert got["remotive:a"] == got["greenhouse:b"]          # same job on two boards
    assert got["remotive:c"] != got["remotive:a"]            # reposted 2+ months later: a new opening
    assert got["test:d"] != got["remotive:a"]                # another company
    canonical = con.execute("SELECT posting_id FROM core.postings WHERE is_canonical ORDER BY 1").fetchall()
    assert canonical == [("remotive:a",), ("remotive:c",), ("test:d",)]  # every row kept, one counted per cluster
    assert con.execute("SELECT count(*) FROM core.postings").fetchall()[0][0] == 4


def test_postings_missing_from_the_next_crawl_are_closed(tmp_path):
    # Two real Arbeitnow snapshots four days apart, as two crawls of the same source.
    from tests.conftest import SHARED_DATA

    con = fresh(tmp_path / "w.duckdb")
    snapshots = []
    for day, name in (("2026-02-11", "arbeitnow_job-board-api_data_2026-02-11.json"),
                      ("2026-02-15", "arbeitnow_job-board-api_data_2026-02-15.json")):
        data = json.loads((SHARED_DATA / "sources" / "arbeitnow" / name).read_text(encoding="utf-8"))["data"]
        rows = [{"source": "arbeitnow", "source_id": r["slug"], "title": r["title"], "company": r["company_name"],
                 "description": "x", "posted_at": day, "crawled_at": f"{day}T06:00:00Z", "url": r["url"]} for r in data]
        snapshots.append({r["source_id"] for r in rows})
        load.load_postings(con, write_lines(tmp_path / f"{day}.jsonl", rows), day)
    build(con, tmp_path)
    open_ids = {r[0] for r in con.execute("SELECT source_id FROM core.postings WHERE is_open").fetchall()}
    closed = con.execute("SELECT source_id, closed_after FROM core.postings WHERE NOT is_open").fetchall()
    assert open_ids == snapshots[1]
    assert {r[0] for r in closed} == snapshots[0] - snapshots[1] and closed
    assert all(str(r[1]).startswith("2026-02-11") for r in closed)


def test_hn_comments_stay_open_while_their_thread_is_the_newest_of_its_kind(tmp_path):
    con = fresh(tmp_path / "w.duckdb")
    def hn(cid, parent, thread, crawled):
        return {"source": "hackernews", "source_id": str(cid), "title": f"c{cid}", "company": f"co{cid}",
                "posted_at": "2026-07-02", "tags": [f"hn:{thread}"], "raw": {"id": cid, "parent": parent},
                "crawled_at": crawled, "description": "x", "url": f"https://news.ycombinator.com/item?id={cid}"}
    load.load_postings(con, write_lines(tmp_path / "june.jsonl", [
        hn(1, 100, "hiring", "2026-06-02T00:00:00Z"), hn(2, 101, "freelancer", "2026-06-02T00:00:00Z")]), "r1")
    # July: a new hiring thread; comment 3 is new, comment 1's June thread is replaced. The July
    # crawl skips already-stored ids, so last_seen_at says nothing about openness for HN.
    load.load_postings(con, write_lines(tmp_path / "july.jsonl", [hn(3, 200, "hiring", "2026-07-02T00:00:00Z")]), "r2")
    build(con, tmp_path)
    state = dict(con.execute("SELECT source_id, is_open FROM core.postings").fetchall())
    assert state == {"1": False, "2": True, "3": True}


PROOF_TEXT = ("Requirements:\n- 5+ years of React and 2+ with Node\n- Please send us your portfolio\n"
              "- Bachelor's degree or equivalent experience\n- Posting {i}")


def test_proofs_are_mined_once_per_content_and_rules_version(tmp_path):
    """raw.posting_proofs is made once per posting content and proof-rules version (never per
    build); mart.skill_proof counts it per skill, the years from the sentences naming the skill."""
    from skills.proof import load_proof_rules
    from warehouse.proofs import update_proofs

    con = fresh(tmp_path / "w.duckdb")
    texts = {str(i): PROOF_TEXT.format(i=i) if i < 9 else f"Requirements:\n- React and Node\n- Posting {i}"
             for i in range(12)}
    load.load_postings(con, write_lines(tmp_path / "c.jsonl", [
        posting(i, f"2026-01-{5 + int(i) % 5:02d}", text) for i, text in texts.items()]), "r")
    taxonomy = tmp_path / "tax.json"
    taxonomy.write_text(json.dumps({"version": TV, "skills": [
        {"name": "React", "category": "frameworks_libraries", "aliases": [], "ambiguous": False},
        {"name": "Node.js", "category": "frameworks_libraries", "aliases": ["Node"], "ambiguous": False}]}))
    load.load_taxonomy(con, taxonomy)
    pending = tmp_path / "pending.jsonl"
    load.export_pending_extraction(con, pending, taxonomy_version=TV, extractor_version=EV)
    extracted = write_lines(tmp_path / "extracted.jsonl", [{"id": f"test:{i}", "skills": [
        {"skill": skill, "category": "frameworks_libraries", "start": text.index(surface),
         "end": text.index(surface) + len(surface), "text": surface}
        for skill, surface in (("React", "React"), ("Node.js", "Node"))]} for i, text in texts.items()])
    load.load_extraction(con, pending, extracted, taxonomy_version=TV, extractor_version=EV)
    rules = load_proof_rules()
    assert update_proofs(con, tmp_path, rules) == (rules.version, 12, [])
    assert update_proofs(con, tmp_path, rules)[1] == 0  # computed once: nothing pending the second time
    assert con.execute("SELECT count(*), sum(proofs_found) FROM raw.proof_scans").fetchall() == [(12, 9 * 4)]
    build(con, tmp_path)
    row = con.execute("""SELECT postings, shown, portfolio_share, assessment_share, degree_share, degree_optional_share,
                                certification_share, years_postings, years_median
                         FROM mart.skill_proof WHERE segment = 'all' AND skill = 'React'""").fetchall()
    assert row == [(12, True, 0.75, 0.0, 0.75, 1.0, 0.0, 9, 5.0)]
    node = con.execute("SELECT years_median, examples FROM mart.skill_proof WHERE segment = 'all' AND skill = 'Node.js'"
                       ).fetchall()[0]
    assert node[0] == 2.0  # "and 2+ with Node": the years its own sentence gives it, not React's
    # the nine postings share their sentences: each is one example, not nine
    assert [(e["category"], e["sentence"]) for e in node[1]] == [
        ("degree", "Bachelor's degree or equivalent experience"), ("experience", "5+ years of React and 2+ with Node"),
        ("portfolio", "Please send us your portfolio")]
    assert all(e["url"].startswith("https://example.com/") for e in node[1])
    con.close()  # readers open their own read-only connections
    result = queries.skill_proof(tmp_path / "w.duckdb", "React", "software_engineering")
    assert (result.segment, result.fell_back, result.postings, result.shown) == ("software_engineering", False, 12, True)
    kinds = result.kinds.set_index("kind")
    assert kinds.loc["portfolio", "postings_with"] == 9 and kinds.loc["portfolio", "share"] == 0.75
    assert kinds.loc["portfolio", "ci_low"] < 0.75 < kinds.loc["portfolio", "ci_high"]
    assert result.years_median == 5.0 and len(result.examples) == 3 and set(result.examples["label"]) == {
        "Portfolio, code or work samples", "Years of experience with it", "Degree"}
    assert queries.skill_proof(tmp_path / "w.duckdb", "COBOL").postings == 0
    # new content is mined again; new rules mine everything again, and one version per posting stays
    con = connect.connect_writer(tmp_path / "w.duckdb")
    load.load_postings(con, write_lines(tmp_path / "c2.jsonl", [posting("0", "2026-01-05", "A take-home test.")]), "r2")
    assert update_proofs(con, tmp_path, rules)[1] == 1
    assert con.execute("SELECT category FROM raw.posting_proofs WHERE posting_id = 'test:0'").fetchall() == [
        ("assessment",)]
    bumped = json.loads(Path(rules.path).read_text(encoding="utf-8")) | {"version": "test-next"}
    other = tmp_path / "rules.json"
    other.write_text(json.dumps(bumped), encoding="utf-8")
    assert update_proofs(con, tmp_path, load_proof_rules(other)) == ("test-next", 12, [])
    assert con.execute("SELECT DISTINCT proof_rules_version FROM raw.proof_scans").fetchall() == [("test-next",)]


def test_the_writer_memory_limit_is_a_size_or_nothing(tmp_path, monkeypatch):
    from flows.settings import Settings

    assert Settings().duckdb_memory_limit == "2500MB"
    con = connect.connect_writer(tmp_path / "w.duckdb", "300MB")
    assert con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0] in ("286.1 MiB", "300.0 MB")
    con.close()
    monkeypatch.setenv("SKILLPULSE_DUCKDB_MEMORY_LIMIT", "lots")
    with pytest.raises(ValueError, match="a size such as 2500MB"):
        Settings()
    monkeypatch.setenv("SKILLPULSE_DUCKDB_MEMORY_LIMIT", "")
    assert Settings().duckdb_memory_limit == ""
