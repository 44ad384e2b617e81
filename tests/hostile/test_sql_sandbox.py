"""A hostile researcher at `skillpulse sql` / `warehouse.sql.run_sql` (issue 9, part 2).

On a real DuckDB file built here (no published warehouse needed). Every query runs in a child
process; the tests watch that child through /proc: its memory, its temp folder, that it is gone
afterwards, and that nothing appears beside the warehouse file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_cli
from warehouse import sandbox
from warehouse import sql as sandbox_sql
from warehouse.connect import WarehouseMissing, read_only
from warehouse.sql import (
    CHILD,
    QueryFailed,
    QueryRefused,
    QueryTimeout,
    QueryTooBig,
    SandboxError,
    SqlResult,
    run_sql,
)

RUNAWAY = "SELECT len(list_sort(list_reverse(range(100000000))))"
# Sorting ~250 MB of rows: with 384 MB of memory it must spill.
SPILLING = ("SELECT count(*), max(s) FROM (SELECT range i, repeat('x', 200) || range::VARCHAR s "
            "FROM range(1000000) ORDER BY i DESC)")


def build_warehouse(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute("""
        CREATE SCHEMA core; CREATE SCHEMA mart;
        CREATE TABLE core.postings (posting_id INTEGER, company VARCHAR, posted_on DATE, pay DECIMAL(10, 2));
        INSERT INTO core.postings VALUES (1, 'Acme', DATE '2026-11-02', 100.50), (2, 'Acme', DATE '2026-11-09', NULL),
            (3, 'Globex', DATE '2026-11-09', 80.25), (4, 'Initech', DATE '2026-11-16', 120.00);
        CREATE TABLE core.skills (skill_id INTEGER, name VARCHAR);
        INSERT INTO core.skills VALUES (10, 'Python'), (11, 'SQL'), (12, 'Figma');
        CREATE TABLE core.posting_skills (posting_id INTEGER, skill_id INTEGER);
        INSERT INTO core.posting_skills VALUES (1, 10), (1, 11), (2, 10), (3, 12), (4, 10), (4, 11);
        CREATE TABLE mart.skill_momentum AS
            SELECT s.name AS skill, count(*) AS postings, list(p.company ORDER BY p.posting_id) AS companies
            FROM core.posting_skills ps JOIN core.skills s USING (skill_id) JOIN core.postings p USING (posting_id)
            GROUP BY s.name;
        CREATE VIEW mart.recent AS SELECT * FROM core.postings WHERE posted_on >= DATE '2026-11-09';
        CREATE TABLE mart.big AS SELECT range AS n FROM range(25000);
        CHECKPOINT;
    """)
    con.close()
    return path


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("sql-sandbox") / "skillpulse.duckdb")


def beside(db: Path) -> set[str]:
    return {p.name for p in db.parent.iterdir()}


class ChildWatch:
    """Polls /proc for this process's sandbox children: their pids and peak memory (MB)."""

    def __init__(self, private_root: Path | None = None):
        self.pids: set[int] = set()
        self.peak_data_mb = self.peak_rss_mb = 0
        self.peak_temp_mb = 0.0
        self._root = private_root
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            for pid in sandbox_children():
                self.pids.add(pid)
                try:
                    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
                    self.peak_data_mb = max(self.peak_data_mb, int(status["VmData"].split()[0]) // 1024)
                    self.peak_rss_mb = max(self.peak_rss_mb, int(status["VmHWM"].split()[0]) // 1024)
                except (OSError, KeyError, ValueError):
                    pass
            if self._root is not None:
                self.peak_temp_mb = max(self.peak_temp_mb, folder_mb(self._root))
            time.sleep(0.01)


def sandbox_children() -> list[int]:
    me, child, found = os.getpid(), str(CHILD).encode(), []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == me and child in cmdline:
                found.append(int(entry.name))
    return found


def gone(pid: int) -> bool:
    """Not running and reaped: no such process, not even a zombie child of ours."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return int(stat.rsplit(")", 1)[1].split()[1]) != os.getpid()  # the pid was reused elsewhere


def folder_mb(root: Path) -> float:
    total = 0
    for folder, _, files in os.walk(root):
        for name in files:
            try:
                total += os.stat(os.path.join(folder, name)).st_blocks * 512
            except OSError:
                pass
    return total / (1 << 20)


@pytest.fixture
def private_root(tmp_path, monkeypatch) -> Path:
    """run_sql's private temp folders are made under here, so a test can watch and count them."""
    root = tmp_path / "private"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


# ---------------------------------------------------------------------------------------------
# Ordinary research still works.

def test_joins_ctes_windows_and_marts_return_correct_values(warehouse):
    join = run_sql(warehouse, """
        WITH counts AS (
            SELECT s.name AS skill, count(*) AS n
            FROM core.posting_skills ps JOIN core.skills s ON s.skill_id = ps.skill_id
            GROUP BY s.name)
        SELECT skill, n, rank() OVER (ORDER BY n DESC) AS r, sum(n) OVER () AS total
        FROM counts ORDER BY n DESC, skill;  -- a trailing comment and semicolon are fine
    """)
    assert isinstance(join, SqlResult) and not join.truncated and join.seconds > 0
    assert join.frame.to_dict("records") == [
        {"skill": "Python", "n": 3, "r": 1, "total": 6},
        {"skill": "SQL", "n": 2, "r": 2, "total": 6},
        {"skill": "Figma", "n": 1, "r": 3, "total": 6},
    ]
    mart = run_sql(warehouse, "FROM mart.skill_momentum SELECT skill, postings, companies ORDER BY skill").frame
    assert mart["companies"].map(list).tolist() == [["Globex"], ["Acme", "Acme", "Initech"], ["Acme", "Initech"]]
    view = run_sql(warehouse, "SELECT company, posted_on, pay, lag(pay) OVER (ORDER BY posting_id) AS prev "
                              "FROM mart.recent ORDER BY posting_id").frame
    assert view["company"].tolist() == ["Acme", "Globex", "Initech"]
    assert [str(d.date()) for d in view["posted_on"]] == ["2026-11-09", "2026-11-09", "2026-11-16"]
    assert view["pay"].tolist()[1:] == [80.25, 120.0] and view["prev"].isna().tolist() == [True, True, False]
    described = run_sql(warehouse, "DESCRIBE core.postings").frame
    assert described["column_name"].tolist() == ["posting_id", "company", "posted_on", "pay"]
    assert not (warehouse.parent / f"{warehouse.name}.tmp").exists()


def test_results_are_cut_at_max_rows_and_say_so(warehouse):
    default = run_sql(warehouse, "SELECT n FROM mart.big ORDER BY n DESC")
    assert default.truncated and len(default.frame) == 10_000
    assert default.frame["n"].iloc[0] == 24_999 and default.frame["n"].iloc[-1] == 15_000
    exact = run_sql(warehouse, "SELECT n FROM mart.big LIMIT 10000")
    assert not exact.truncated and len(exact.frame) == 10_000
    few = run_sql(warehouse, "SELECT n FROM mart.big ORDER BY n", max_rows=3)
    assert few.truncated and few.frame["n"].tolist() == [0, 1, 2]
    # Only max_rows + 1 rows are ever produced: a billion-row scan comes back at once.
    endless = run_sql(warehouse, "SELECT * FROM range(1000000000000)", max_rows=5, timeout_s=20)
    assert endless.truncated and endless.frame["range"].tolist() == [0, 1, 2, 3, 4] and endless.seconds < 10


# ---------------------------------------------------------------------------------------------
# Refused: anything but one SELECT, and any way of reading a file.

def refused_queries(db: Path) -> list[str]:
    tmp_dir = f"{db}.tmp"
    return [
        # The warehouse's own files, and any other.
        f"SELECT * FROM read_text('{db}')",
        f"SELECT content FROM read_blob('{db}')",
        f"SELECT * FROM read_text('{db}.wal')",
        f"SELECT * FROM read_blob('{db}.wal')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_blob('/etc/passwd')",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_csv_auto('/etc/passwd', header = false)",
        "SELECT * FROM read_json('/etc/passwd')",
        f"SELECT * FROM read_parquet('{db}')",
        f"SELECT * FROM parquet_metadata('{db}')",
        "SELECT * FROM sniff_csv('/etc/passwd')",
        "SELECT * FROM glob('/etc/*')",
        f"SELECT * FROM glob('{tmp_dir}/*')",
        f"SELECT * FROM read_duckdb('{db}')",
        f"SELECT * FROM '{db}'",
        f'SELECT * FROM "{db.name}"',
        "SELECT * FROM '/etc/passwd'",
        "DESCRIBE '/etc/passwd'",
        "SUMMARIZE SELECT * FROM '/etc/passwd'",
        # Smuggled inside CTEs, subqueries, joins, other spellings.
        "WITH t AS (SELECT * FROM read_text('/etc/passwd')) SELECT * FROM t",
        "SELECT (SELECT content FROM read_blob('/etc/passwd'))",
        "SELECT * FROM mart.big, glob('*')",
        "SELECT * FROM system.main.READ_TEXT('/etc/passwd')",
        'SELECT * FROM "Read_Blob"(\'/etc/passwd\')',
        "SELECT * FROM query('SELECT * FROM read_text(''/etc/passwd'')')",
        "SELECT * FROM query_table('mart.big')",
        "SELECT read_text('/etc/passwd')",
        "SELECT * FROM duckdb_databases()",
        "SELECT * FROM duckdb_settings()",
        # Statements other than SELECT, and a second statement after a good one.
        f"COPY core.postings TO '{tmp_dir}/x.csv'",
        f"COPY (SELECT 1) TO '{db.parent}/x.csv'",
        f"ATTACH '{tmp_dir}/new.duckdb' (READ_WRITE)",
        f"ATTACH '{db}' AS again (READ_ONLY)",
        "ATTACH ':memory:' AS scratch",
        f"SELECT 1; ATTACH '{tmp_dir}/new.duckdb' (READ_WRITE)",
        f"SELECT 1; COPY core.postings TO '{tmp_dir}/x.csv'",
        f"EXPORT DATABASE '{tmp_dir}/export'",
        "INSTALL httpfs", "LOAD httpfs", "LOAD json",
        "SET threads = 8", "SET memory_limit = '100GB'", "RESET memory_limit", "SET VARIABLE x = 1",
        "PRAGMA version", "PRAGMA enable_profiling", "CALL pragma_version()", "CHECKPOINT",
        "CREATE TABLE mart.x (a INTEGER)", "CREATE TEMP TABLE x AS SELECT 1", "CREATE MACRO m(a) AS a",
        "INSERT INTO core.skills VALUES (99, 'x')", "UPDATE core.skills SET name = 'x'",
        "DELETE FROM core.skills", "DROP TABLE core.skills", "ALTER TABLE core.skills ADD COLUMN x INTEGER",
        "DETACH skillpulse", "USE memory", "BEGIN", "EXPLAIN SELECT 1",
        "PIVOT core.postings ON company USING count(*)",
        "",
        "-- only a comment",
    ]


def test_file_access_and_every_other_statement_is_refused(warehouse, tmp_path):
    """Every query of the list, through the child's own checks on a connection opened as it opens one."""
    db = tmp_path / "wh" / "skillpulse.duckdb"
    db.parent.mkdir()
    shutil.copy(warehouse, db)
    Path(f"{db}.tmp").mkdir()  # the folder an old DuckDB left beside the warehouse
    before = beside(db)
    private = tempfile.mkdtemp(dir=tmp_path)
    wrong = []
    with read_only(db, config=sandbox.sandbox_config(512, 64, private)) as con:
        con.execute("SET lock_configuration = true")
        for query in refused_queries(db):
            try:
                sandbox.check(con, query)
            except sandbox.Refused as exc:
                assert str(exc) and "\n" not in str(exc), query
            except duckdb.Error as exc:  # refused later by DuckDB itself is not good enough here
                wrong.append(f"{query!r} -> {type(exc).__name__}: {exc}")
            else:
                wrong.append(f"{query!r} passed the checks")
        # What passes the checks still runs and is the right kind of query.
        assert sandbox.check(con, "SELECT count(*) FROM mart.big; -- fine") == "SELECT count(*) FROM mart.big; -- fine"
    assert not wrong, "\n".join(wrong)
    assert beside(db) == before and list(Path(f"{db}.tmp").iterdir()) == []


def test_refusals_through_run_sql_leave_no_file_anywhere(warehouse, tmp_path):
    db = tmp_path / "skillpulse.duckdb"
    shutil.copy(warehouse, db)
    (tmp_path / f"{db.name}.tmp").mkdir()
    before = beside(db)
    tmp_dir = f"{db}.tmp"
    queries = [
        f"SELECT * FROM read_text('{db}')", f"SELECT content FROM read_blob('{db}.wal')",
        "SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM glob('/etc/*')", f"SELECT * FROM '{db}'",
        f"COPY core.postings TO '{tmp_dir}/x.csv'", f"ATTACH '{tmp_dir}/new.duckdb' (READ_WRITE)",
        f"ATTACH '{db}' AS again (READ_ONLY)", f"SELECT 1; ATTACH '{tmp_dir}/new.duckdb' (READ_WRITE)",
        f"EXPORT DATABASE '{tmp_dir}/export'", "INSTALL httpfs", "SET threads = 8", "PRAGMA version",
        "CREATE TABLE mart.x (a INTEGER)", "INSERT INTO core.skills VALUES (99, 'x')", "DROP TABLE core.skills",
    ]  # the whole list goes through the same checks in the test above

    def attempt(query: str):
        try:
            return query, run_sql(db, query, timeout_s=20)
        except SandboxError as exc:
            return query, exc

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(attempt, queries))
    wrong = [f"{q!r} -> {r!r}" for q, r in outcomes if not isinstance(r, QueryRefused) or "\n" in str(r)]
    assert not wrong, "\n".join(wrong)
    assert beside(db) == before
    assert list((tmp_path / f"{db.name}.tmp").iterdir()) == [] and not (tmp_path / "x.csv").exists()
    assert run_sql(db, "SELECT count(*) AS n FROM core.skills").frame["n"].tolist() == [3]  # unchanged


def test_bad_queries_are_one_line_errors(warehouse):
    with pytest.raises(QueryFailed, match=r"^Catalog Error: Table with name nope does not exist![^\n]*$"):
        run_sql(warehouse, "SELECT * FROM nope")
    with pytest.raises(QueryFailed, match="^Parser Error"):
        run_sql(warehouse, "SELEC 1")
    with pytest.raises(QueryFailed, match=r"^Invalid Input Error: boom$"):
        run_sql(warehouse, "SELECT CASE WHEN n > 20000 THEN error('boom') END FROM mart.big")
    with pytest.raises(QueryRefused, match="lone surrogate"):
        run_sql(warehouse, "SELECT '\ud800'")
    with pytest.raises(QueryRefused, match="longer than"):
        run_sql(warehouse, "SELECT 1 " + " " * 200_000)
    with pytest.raises(WarehouseMissing, match="skillpulse refresh"):
        run_sql(warehouse.parent / "none.duckdb", "SELECT 1")


# ---------------------------------------------------------------------------------------------
# Bounded: time, memory, temp space; and no process left behind.

def test_the_runaway_list_query_is_killed_within_seconds_under_the_memory_cap(warehouse, private_root):
    started = time.perf_counter()
    with ChildWatch() as watch, pytest.raises((QueryTimeout, QueryTooBig)):
        run_sql(warehouse, RUNAWAY, timeout_s=3)  # default cap: 2048 MB
    elapsed = time.perf_counter() - started
    assert elapsed < 6.5, f"took {elapsed:.1f}s"
    assert watch.pids and all(gone(pid) for pid in watch.pids)
    assert watch.peak_data_mb <= 2048 and watch.peak_rss_mb <= 2048, (watch.peak_data_mb, watch.peak_rss_mb)
    assert list(private_root.iterdir()) == [] and not sandbox_children()


def test_memory_beyond_the_cap_fails_fast(warehouse):
    with ChildWatch() as watch, pytest.raises(QueryTooBig, match="512 MB of memory"):
        run_sql(warehouse, "SELECT length(string_agg(repeat('x', 1000), '')) FROM range(2000000)", memory_mb=512)
    with pytest.raises(QueryTooBig):
        run_sql(warehouse, RUNAWAY, timeout_s=3, memory_mb=512)
    assert 0 < watch.peak_data_mb <= 512 and watch.peak_rss_mb <= 512, (watch.peak_data_mb, watch.peak_rss_mb)


def test_spills_stay_under_the_temp_cap_in_a_private_folder(warehouse, private_root):
    before = beside(warehouse)
    with ChildWatch(private_root) as watch, pytest.raises(QueryTooBig, match="32 MB of temp space"):
        run_sql(warehouse, SPILLING, memory_mb=384, temp_mb=32, timeout_s=30)
    assert 1 < watch.peak_temp_mb <= 32 + 1, watch.peak_temp_mb  # it did spill, and no further
    assert list(private_root.iterdir()) == []
    assert beside(warehouse) == before and not (warehouse.parent / f"{warehouse.name}.tmp").exists()


def test_the_parent_never_leaves_a_child_behind(warehouse, private_root, monkeypatch):
    started = time.perf_counter()
    with ChildWatch() as watch, pytest.raises(QueryTimeout, match="after 1s"):
        run_sql(warehouse, "SELECT sleep_ms(60000)", timeout_s=1)
    assert time.perf_counter() - started < 4
    assert watch.pids and all(gone(pid) for pid in watch.pids)

    # Ctrl-C (or any exception) while waiting: the child is killed and reaped, its folder removed.
    real, seen = subprocess.Popen.communicate, []

    def interrupted(self, *args, **kwargs):
        if not seen:
            seen.append(self.pid)
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "communicate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_sql(warehouse, "SELECT sleep_ms(60000)", timeout_s=60)
    assert seen and gone(seen[0]) and not sandbox_children()
    assert list(private_root.iterdir()) == []


def test_a_locked_warehouse_is_retried(warehouse, tmp_path):
    db = tmp_path / "locked.duckdb"
    shutil.copy(warehouse, db)
    writer = duckdb.connect(str(db))  # a publish holding the file: no other process can open it

    def release_once_the_child_is_waiting():
        deadline = time.monotonic() + 20
        while not sandbox_children() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.8)  # the child opens the file ~0.3 s after it starts: it has met the lock
        writer.close()

    releaser = threading.Thread(target=release_once_the_child_is_waiting)
    releaser.start()
    try:
        result = run_sql(db, "SELECT count(*) AS n FROM core.skills")
    finally:
        releaser.join()
    assert result.frame["n"].tolist() == [3] and result.seconds > 0.8


def test_arguments_are_checked():
    for bad in ({"timeout_s": 0}, {"max_rows": 0}, {"memory_mb": 16}, {"temp_mb": -1}):
        with pytest.raises(ValueError):
            run_sql(Path("x.duckdb"), "SELECT 1", **bad)
    assert sandbox_sql.MIN_MEMORY_MB <= 2048


# ---------------------------------------------------------------------------------------------
# The real CLI.

@pytest.fixture(scope="module")
def cli_runs(warehouse) -> dict:
    """The CLI calls of this file, run side by side (each pays the CLI's start-up)."""
    env = {"SKILLPULSE_WAREHOUSE_PATH": str(warehouse)}
    calls = {
        "default": ("sql", "SELECT n FROM mart.big ORDER BY n", "--format", "csv"),
        "max_rows": ("sql", "SELECT n FROM mart.big ORDER BY n DESC", "--max-rows", "5", "--format", "json"),
        "refused": ("sql", f"SELECT 1; ATTACH '{warehouse}.tmp/new.duckdb' (READ_WRITE)"),
        "bad_format": ("sql", "SELECT 1", "--format", "xml"),
    }
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = {name: pool.submit(run_cli, *args, env=env, check=False, timeout=120)
                   for name, args in calls.items()}
        return {name: future.result() for name, future in futures.items()}


def test_cli_says_when_rows_were_cut_at_10000(cli_runs):
    run = cli_runs["default"]
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "n" and len(lines) == 10_001 and lines[-1] == "9999"
    assert "first 10,000 rows" in run.stderr and "--max-rows" in run.stderr and "skillpulse export" in run.stderr


def test_cli_max_rows(cli_runs):
    import json

    run = cli_runs["max_rows"]
    assert run.returncode == 0, run.stderr
    assert [r["n"] for r in json.loads(run.stdout)] == [24_999, 24_998, 24_997, 24_996, 24_995]
    assert "first 5 rows" in run.stderr


def test_cli_errors_are_one_line_without_a_traceback(cli_runs, warehouse):
    refused, bad_format = cli_runs["refused"], cli_runs["bad_format"]
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.strip().count("\n") == 0 and "only one statement" in refused.stderr
    assert bad_format.returncode == 2 and bad_format.stderr.strip().count("\n") == 0
    assert "--format" in bad_format.stderr and "Traceback" not in refused.stderr + bad_format.stderr
    assert not Path(f"{warehouse}.tmp").exists()
