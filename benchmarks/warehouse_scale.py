"""The warehouse at scale: a full build, an incremental refresh, every dashboard query, memory and
size, and the weekly-share computation against pandas in the same run.

    .venv/bin/python benchmarks/warehouse_scale.py --postings 1000000 [--incremental 20000] [--work DIR]

What it runs is what a user runs: `skillpulse synth` writes a synthetic corpus as crawl files and
`skillpulse refresh --from-dir` loads it through the real load -> extract -> features -> marts ->
publish path (a subprocess each, so their peak RSS is measured as the children's maximum).

1. synth: N postings over 104 weeks ending on --end;
2. full build: the refresh of an empty warehouse with them, per stage (from the flow's own clock);
3. incremental: --incremental more postings in the last weeks, another refresh, per stage
   (the crawl itself excluded: that is network time; so is the copy of the published file, which
   a refresh makes while it crawls; it is printed beside, as --from-dir has no crawl to hide it);
4. queries: p50 / p95 over --repeats calls, each with other arguments, of every query function the
   dashboard and the research commands use (warehouse/queries.py), uncached;
5. peak RSS of each step and the warehouse file's size;
6. weekly share of every skill, all postings: DuckDB (the mart's SQL over core tables) against
   pandas on the same rows already in memory, and the ratio; then the same from rows already
   de-duplicated (one per posting and skill) on both sides, which times only the join and count.

Targets on a 2-core machine at 1M postings (issue 10): every dashboard query p95 <= 300 ms, the
incremental refresh <= 60 s after crawling, peak RSS <= 4 GB, DuckDB >= 10x pandas; a learning plan
(build_plan, issue 11) <= 1 s warm. The script
prints the figures and whether each target is met; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, summed (from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree) / 1024


def run(args: list[str], env: dict) -> tuple[dict | None, float, float]:
    """(JSON result if the command printed one, seconds, peak RSS of its whole process tree in MB:
    the refresh, its crawl and extraction workers and Prefect's temporary server, summed, sampled
    twice a second)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    import threading

    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_mb(proc.pid))
            done.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(err[-4000:])
        raise SystemExit(f"skillpulse {' '.join(args)} failed ({proc.returncode})")
    result = json.loads(out[out.index("{"):]) if "{" in out else None
    return result, seconds, peak


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_queries(db: Path, repeats: int) -> dict[str, tuple[float, float]]:
    from warehouse import health, plan, queries, skill_queries

    skills = queries._df(db, """SELECT skill FROM mart.skill_catalog WHERE postings_all_time > 0
                                ORDER BY postings_all_time DESC LIMIT 40""")["skill"].tolist()
    niches = queries.niches(db)
    weeks = queries._df(db, """SELECT DISTINCT period FROM mart.periods WHERE period_type = 'week'
                               ORDER BY period DESC LIMIT 26""")["period"].tolist()
    posting_ids = queries.search_postings(db, limit=50)["posting_id"].tolist()
    families = queries.segment_values(db)["family"]["value"].tolist()
    # Segments resolved once, as the dashboard does (its segment values are cached): the figures
    # below time the query a page makes, not the matching of typed filters (`resolve_segment`).
    family_segments = [queries.resolve_segment(db, family=f) for f in families]
    contract_segments = [queries.resolve_segment(db, family=f, employment_type="contract") for f in families]
    cases = {
        "data_as_of": lambda i: queries.data_as_of(db),
        "niches": lambda i: queries.niches(db),
        "skill_categories": lambda i: queries.skill_categories(db),
        "segment_values": lambda i: queries.segment_values(db),
        "top_skills": lambda i: queries.top_skills(db, niches[i % len(niches)], limit=30,
                                                   order_by=("share_recent", "change_pp")[i % 2]),
        "weekly_trend": lambda i: queries.weekly_trend(db, skills[i % 10:i % 10 + 3], niches[i % len(niches)]),
        "skill_postings": lambda i: queries.skill_postings(db, skills[i % len(skills)], niches[i % len(niches)], limit=200),
        "skill_info": lambda i: queries.skill_info(db, skills[i % len(skills)]),
        "trend_series (week, family)": lambda i: queries.trend_series(
            db, period="week", skills=skills[i % 10:i % 10 + 4],
            segment=family_segments[i % len(families)]),
        "trend_series (month, all)": lambda i: queries.trend_series(db, period="month", skills=skills[i % 20:i % 20 + 4]),
        "skill_trends (one segment)": lambda i: queries.skill_trends(
            db, family_segments[i % len(families)]),
        "skill_trends (family x contract, on the fly)": lambda i: queries.skill_trends(
            db, contract_segments[i % len(families)]),
        "skill_pairs": lambda i: queries.skill_pairs(db, skills[i % len(skills)]),
        "skill_pay": lambda i: queries.skill_pay(db, skills[i % len(skills)]),
        "skill_evidence (200 newest)": lambda i: queries.skill_evidence(db, skills[i % len(skills)], limit=200),
        "skill_segments": lambda i: queries.skill_segments(db, skills[i % len(skills)]),
        "skill_proof": lambda i: queries.skill_proof(db, skills[i % len(skills)], families[i % len(families)]),
        "period_evidence (one week)": lambda i: skill_queries.period_evidence(
            db, skills[i % len(skills)], period_type="week", period=weeks[i % len(weeks)]),
        "search_postings (text)": lambda i: queries.search_postings(db, text=("engineer", "data", "writer")[i % 3]),
        "search_postings (2 skills, family)": lambda i: queries.search_postings(
            db, skills=skills[i % 10:i % 10 + 2], segment=family_segments[i % len(families)]),
        "posting_detail": lambda i: queries.posting_detail(db, posting_ids[i % len(posting_ids)]),
        "skill_candidates": lambda i: queries.skill_candidates(db),
        "skill_names": lambda i: queries.skill_names(db),
        "resolve_skills": lambda i: queries.resolve_skills(db, ["react", "TypeScript", "Reactt", skills[i % len(skills)]]),
        "health: freshness": lambda i: health.freshness(db),
        "health: runs": lambda i: health.runs(db),
        "health: sources": lambda i: health.sources(db),
        "health: field_problems": lambda i: health.field_problems(db),
        "health: quarantine": lambda i: health.quarantine(db),
    }
    # The learning plan (issue 11: <= 1 s warm): profiles of the demo's two personas and others
    # built from the warehouse's own skills, with and without constraints.
    profiles = [plan.Profile(skills=["React", "TypeScript"]),
                plan.Profile(skills=["Copywriting", "SEO", "Content Marketing"]),
                plan.Profile(skills=["React", "TypeScript"], remote_only=True, contract_only=True)]
    profiles += [plan.Profile(skills=skills[k:k + 3], families=[families[k % len(families)]]) for k in range(0, 30, 3)]
    cases["build_plan"] = lambda i: plan.build_plan(db, profiles[i % len(profiles)])
    results = {}
    for name, call in cases.items():
        call(0)  # the first call pays DuckDB's start-up on this file, as the dashboard's first query does
        times = []
        for i in range(repeats):
            started = time.perf_counter()
            call(i + 1)
            times.append(1000 * (time.perf_counter() - started))
        results[name] = (statistics.median(times), percentile(times, 0.95))
    return results


def _pandas_weekly_share(counted, mentions):
    """The weekly share in pandas: counted (posting_id, period) joined to mentions (posting_id, skill)."""
    totals = counted.groupby("period").size().rename("n")
    hits = counted.merge(mentions, on="posting_id").groupby(["period", "skill"]).size().rename("x").reset_index()
    frame = hits.join(totals, on="period")
    frame["share"] = frame["x"] / frame["n"]
    return frame


def _best_of_three(con, sql: str, in_pandas) -> tuple[float, float, int]:
    """(best DuckDB seconds, best pandas seconds, rows), the two alternating; the same row count."""
    best_duck = best_pandas = float("inf")
    rows = 0
    for _ in range(3):
        started = time.perf_counter()
        rows = len(con.execute(sql).fetchall())
        best_duck = min(best_duck, time.perf_counter() - started)
        started = time.perf_counter()
        frame = in_pandas()
        best_pandas = min(best_pandas, time.perf_counter() - started)
        assert len(frame) == rows
    return best_duck, best_pandas, rows


def weekly_share_vs_pandas(db: Path) -> tuple[float, float, int]:
    """(DuckDB seconds, pandas seconds, rows): weekly share of every skill over all counted postings."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    sql = """WITH totals AS (SELECT period, count(*) AS n FROM core.counted_postings
                            WHERE period_type = 'week' GROUP BY period),
                  hits AS (SELECT c.period, s.skill, count(DISTINCT c.posting_id) AS x
                           FROM core.counted_postings AS c JOIN core.posting_skills AS s USING (posting_id)
                           WHERE c.period_type = 'week' GROUP BY ALL)
             SELECT h.period, h.skill, h.x, t.n, h.x / t.n AS share FROM hits AS h JOIN totals AS t USING (period)"""
    counted = con.execute("SELECT posting_id, period FROM core.counted_postings WHERE period_type = 'week'").df()
    mentions = con.execute("SELECT posting_id, skill FROM core.posting_skills").df()
    try:
        return _best_of_three(con, sql, lambda: _pandas_weekly_share(counted, mentions.drop_duplicates()))
    finally:
        con.close()


def distinct_share_vs_pandas(db: Path) -> tuple[float, float]:
    """The same share from inputs already de-duplicated and in memory on both sides (one row per
    posting and skill, the counted weekly postings): only the join and the count are timed."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    con.execute("CREATE TEMP TABLE c AS SELECT posting_id, period FROM core.counted_postings WHERE period_type = 'week'")
    con.execute("CREATE TEMP TABLE ps AS SELECT DISTINCT posting_id, skill FROM core.posting_skills")
    sql = """WITH totals AS (SELECT period, count(*) AS n FROM c GROUP BY period),
                  hits AS (SELECT c.period, ps.skill, count(*) AS x FROM c JOIN ps USING (posting_id) GROUP BY ALL)
             SELECT h.period, h.skill, h.x, t.n, h.x / t.n AS share FROM hits AS h JOIN totals AS t USING (period)"""
    counted, pairs = con.execute("SELECT * FROM c").df(), con.execute("SELECT * FROM ps").df()
    try:
        duck, pandas_s, _ = _best_of_three(con, sql, lambda: _pandas_weekly_share(counted, pairs))
        return duck, pandas_s
    finally:
        con.close()


def adopt_current_models(db: Path) -> float:
    """Seconds of a full models build when the warehouse's last one used other model files or
    versions (so the measured refresh is the incremental one a nightly run of this code makes);
    0 when none was needed."""
    from warehouse import connect, incremental, migrate, models

    con = connect.connect_writer(db)
    try:
        migrate.migrate(con)
        run = con.execute("""SELECT taxonomy_version, extractor_version FROM meta.runs
                             ORDER BY started_at DESC LIMIT 1""").fetchall()[0]
        features, roles = models._current_feature_versions(con)
        versions = {"taxonomy_version": run[0], "extractor_version": run[1], "features_version": features,
                    "roles_version": roles, "proof_rules_version": models._current_proof_rules_version(con)}
        last = con.execute("SELECT state FROM meta.model_builds ORDER BY built_at DESC LIMIT 1").fetchall()
        if last and last[0][0] == incremental.state_of(models.all_models(), versions):
            return 0.0
        started = time.perf_counter()
        models.build_models(con, **versions, incremental=False)
        con.execute("CHECKPOINT")
        return time.perf_counter() - started
    finally:
        con.close()


def incremental_refresh(work: Path, args, env: dict) -> tuple[float, float]:
    """--incremental new postings in the last four weeks, as a nightly crawl brings, through
    `skillpulse refresh --from-dir`: (seconds after crawling, peak RSS MB)."""
    from warehouse import connect, models

    subprocess.run(["rm", "-rf", str(work / "corpus-incremental")], check=True)
    run(["synth", "--postings", str(args.incremental), "--seed", str(args.seed), "--end", args.end,
         "--weeks", "4", "--out", str(work / "corpus-incremental")], env)
    result, seconds, rss = run(["refresh", "--from-dir", str(work / "corpus-incremental")], env)
    stages = result["stage_seconds"]
    # A refresh copies the published file while it crawls (warehouse/publish.py): --from-dir has no
    # crawl to hide the copy behind, so "copy" here is the whole copy; after a real crawl that lasts
    # longer than the copy (minutes, against ~15 s for 6 GB here), it is ~0.
    after_crawl = sum(v for k, v in stages.items() if k not in ("crawl", "copy"))
    print(f"incremental      {seconds:8.1f} s   (after crawling: {after_crawl:.1f} s, target <= 60; "
          f"+ {stages.get('copy', 0):.1f} s copying the file when no crawl runs beside it)   "
          f"peak RSS {rss:,.0f} MB   new {result['postings_new']:,}   stages: {stages}")
    with connect.read_only(work / "skillpulse-scale.duckdb") as con:
        build = models.last_build(con)
    if build:
        print(f"  models: {build['mode']} ({build['reason']}), {build['postings_changed']:,} postings changed, "
              f"{build['postings_rebuilt']:,} rebuilt, {build['periods_rebuilt']} periods, {build['seconds']:.1f} s")
        print(f"    per model (s): {build['model_seconds']}")
    return after_crawl, rss


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--postings", type=int, default=1_000_000)
    ap.add_argument("--incremental", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--end", default=(date.today() - timedelta(days=1)).isoformat())
    ap.add_argument("--work", type=Path, default=REPO / "data" / "scale")
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument("--reuse", action="store_true", help="keep an existing corpus and warehouse; only time queries")
    ap.add_argument("--keep-corpus", action="store_true",
                    help="rebuild the warehouse from the corpus already in WORK/corpus (written by an earlier run "
                         "with the same --postings and --seed), skipping synth")
    ap.add_argument("--processes", type=int, default=1, help="extraction worker processes (extract_processes; one is fastest since tokenizing is cached)")
    ap.add_argument("--incremental-only", action="store_true",
                    help="only the incremental refresh, on the warehouse already in --work (its models first built "
                         "in full by this code if an older one built them), with a new corpus of --incremental "
                         "postings (seed --seed); then the queries")
    args = ap.parse_args(argv)

    work = args.work.resolve()
    db = work / "skillpulse-scale.duckdb"
    env = {**os.environ, "SKILLPULSE_DATA_DIR": str(work), "SKILLPULSE_WAREHOUSE_PATH": str(db),
           "SKILLPULSE_EXTRACT_PROCESSES": str(args.processes), "SKILLPULSE_KEEP_RUNS": "2"}
    print("warehouse scale benchmark, queries only on the warehouse in --work" if args.reuse else
          f"warehouse scale benchmark: {args.postings:,} postings, +{args.incremental:,} incremental, "
          f"seed {args.seed}, end {args.end}, {os.cpu_count()} CPUs")
    figures: dict[str, object] = {}
    if args.incremental_only:
        adopt = adopt_current_models(db)
        if adopt:
            print(f"models           {adopt:8.1f} s   built in full first (the warehouse's last build was older code)")
        figures["incremental"] = incremental_refresh(work, args, env)
    elif not args.reuse:
        keep = args.keep_corpus and (work / "corpus").is_dir()
        for folder in ("corpus-incremental",) if keep else ("corpus", "corpus-incremental"):
            subprocess.run(["rm", "-rf", str(work / folder)], check=True)
        for stale in work.glob(db.name + "*"):  # the warehouse and any half-built copy of a killed run
            stale.unlink()
        if keep:
            print(f"synth            kept: {work / 'corpus'}")
        else:
            _, seconds, rss = run(["synth", "--postings", str(args.postings), "--seed", str(args.seed),
                                   "--end", args.end, "--out", str(work / "corpus")], env)
            print(f"synth            {seconds:8.1f} s   {args.postings / seconds:9,.0f} postings/s   "
                  f"peak RSS {rss:,.0f} MB")
        result, seconds, rss = run(["refresh", "--from-dir", str(work / "corpus")], env)
        print(f"full build       {seconds:8.1f} s   peak RSS {rss:,.0f} MB   stages: {result['stage_seconds']}")
        figures["full"] = (seconds, rss, result["stage_seconds"])
        args.seed += 1  # the incremental corpus: another seed
        figures["incremental"] = incremental_refresh(work, args, env)
    size = db.stat().st_size / 1e9
    from warehouse.queries import warehouse_counts

    counts = warehouse_counts(db)
    print(f"warehouse        {size:8.2f} GB   {counts}")
    print(f"\nqueries (ms, {args.repeats} calls each, uncached)    p50      p95")
    timings = time_queries(db, args.repeats)
    for name, (p50, p95) in timings.items():
        print(f"  {name:42} {p50:7.0f}  {p95:7.0f}{'' if p95 <= 300 else '   over 300 ms'}")
    duck, pandas_s, rows = weekly_share_vs_pandas(db)
    print(f"\nweekly share, every skill ({rows:,} rows): DuckDB {duck:.2f} s, pandas {pandas_s:.2f} s "
          f"(in memory already) -> DuckDB {pandas_s / duck:.1f}x pandas (target >= 10x)")
    duck2, pandas2 = distinct_share_vs_pandas(db)
    print(f"  from de-duplicated (posting, skill) rows in memory on both sides: DuckDB {duck2:.2f} s, "
          f"pandas {pandas2:.2f} s -> {pandas2 / duck2:.1f}x")
    print("\ntargets:")
    plan_p95 = timings.pop("build_plan")[1]
    worst = max(p95 for _, p95 in timings.values())
    print(f"  learning plan (build_plan) p95 <= 1000 ms (issue 11): {plan_p95:.0f} ms -> "
          f"{'met' if plan_p95 <= 1000 else 'NOT met'}")
    print(f"  dashboard query p95 <= 300 ms: worst {worst:.0f} ms -> {'met' if worst <= 300 else 'NOT met'}")
    if "incremental" in figures:
        inc, _ = figures["incremental"]
        print(f"  incremental refresh <= 60 s after crawling: {inc:.1f} s -> {'met' if inc <= 60 else 'NOT met'}")
        peak = max(figures.get("full", (0, 0))[1], figures["incremental"][1])
        print(f"  peak RSS <= 4 GB: {peak / 1024:.2f} GB -> {'met' if peak <= 4096 else 'NOT met'}")
    print(f"  DuckDB >= 10x pandas: {pandas_s / duck:.1f}x -> {'met' if pandas_s / duck >= 10 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
