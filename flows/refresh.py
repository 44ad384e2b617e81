"""The nightly refresh: crawl every enabled source -> load -> extract skills -> build marts -> publish.

The flow only wires steps; each task is a thin wrapper over a function of a layer. Crawls run as
subprocesses (Twisted's reactor cannot live inside a Prefect task process) and are the only steps
with retries, since they are the only ones doing network I/O. Everything after the crawls writes a
copy of the warehouse (made while they run) that is published atomically at the end
(warehouse/publish.py).
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.settings import Settings

if TYPE_CHECKING:
    from warehouse.runs import RunMarker


@dataclass
class RefreshResult:
    run_id: str
    warehouse: str
    status: str
    sources: dict[str, dict] = field(default_factory=dict)
    postings_total: int = 0
    postings_new: int = 0
    postings_extracted: int = 0
    mentions_loaded: int = 0
    quarantined: int = 0  # records dropped into meta.quarantine, all stages
    repaired: int = 0  # records stored with a change (text cut, characters replaced)
    runs_recorded: list[str] = field(default_factory=list)  # earlier runs that never published
    stage_seconds: dict[str, float] = field(default_factory=dict)  # crawl, copy (its wait), load, extract, features, proofs, discovery, marts, publish
    seconds: float = 0.0


def new_run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def crawl_command(source: str, out: Path, base_url: str | None, log_level: str,
                  spider_args: dict[str, str] | None = None, http_cache: Path | None = None) -> list[str]:
    command = [sys.executable, "-m", "flows.cli", "crawl", source, "--out", str(out),
               "--log-level", log_level]
    if http_cache:
        command += ["--http-cache", str(http_cache)]
    if base_url:
        command += ["--base-url", base_url]
    for key, value in (spider_args or {}).items():
        command += ["--arg", f"{key}={value}"]
    return command


@task(retries=2, retry_delay_seconds=[30, 120], cache_policy=NO_CACHE,
      task_run_name="crawl-{source}")
def crawl_source(source: str, out: Path, base_url: str | None, timeout_s: int, log_level: str,
                 spider_args: dict[str, str] | None = None, http_cache: Path | None = None) -> dict:
    """Run one spider in a subprocess; returns its summary (items, errors, field problems)."""
    logger = get_run_logger()
    completed = subprocess.run(
        crawl_command(source, out, base_url, log_level, spider_args, http_cache),
        capture_output=True, text=True, timeout=timeout_s,
    )
    stats_file = out.with_name(out.name + ".stats.json")
    if completed.returncode != 0 or not stats_file.exists():
        tail = "\n".join(completed.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"crawl of {source} failed (exit {completed.returncode}):\n{tail}")
    summary = json.loads(stats_file.read_text(encoding="utf-8"))["summary"]
    logger.info("crawled %s: %d postings, %d errors in %.1fs", source, summary["items"],
                summary["errors"], summary["seconds"])
    return summary


def write_seen_ids(db: Path, source: str, work_dir: Path) -> dict[str, str]:
    """For sources that can skip what is stored, the `seen_file` spider argument (else nothing)."""
    from crawlers.sources import get_source
    from warehouse.queries import stored_source_ids

    if not get_source(source).skips_seen_ids or not Path(db).is_file():
        return {}
    seen = work_dir / f"{source}.seen.txt"
    seen.write_text("\n".join(stored_source_ids(db, source)) + "\n", encoding="utf-8")
    return {"seen_file": str(seen)}


@task(cache_policy=NO_CACHE)
def migrate_warehouse(db: Path, memory_limit: str | None = None) -> int:
    from warehouse import connect, migrate

    con = connect.connect_writer(db, memory_limit)
    try:
        migrate.migrate(con)
        return migrate.schema_version(con)
    finally:
        con.close()


@task(cache_policy=NO_CACHE)
def load_crawls(db: Path, crawl_files: list[Path], run_id: str, quarantine_file: Path, memory_limit: str | None = None) -> dict[str, int]:
    from warehouse import connect, load
    from warehouse.quarantine import QuarantineFile

    con = connect.connect_writer(db, memory_limit)
    try:
        totals = {"read": 0, "new": 0, "quarantined": 0}
        with QuarantineFile(quarantine_file) as quarantine:
            for crawl_file in crawl_files:
                counts = load.load_postings(con, crawl_file, run_id, quarantine)
                totals = {k: totals[k] + counts[k] for k in totals}
        return totals
    finally:
        con.close()


@task(cache_policy=NO_CACHE)
def record_unpublished_runs(db: Path, runs_dir: Path, run_id: str, memory_limit: str | None = None) -> list[str]:
    from warehouse import connect, runs

    con = connect.connect_writer(db, memory_limit)
    try:
        return runs.record_unpublished_runs(con, runs_dir, run_id)
    finally:
        con.close()


@task(cache_policy=NO_CACHE)
def extract_skills(db: Path, work_dir: Path, batch_size: int, taxonomy_path: Path | None = None,
                   overlays: list[Path] | None = None, n_process: int = 1, memory_limit: str | None = None) -> dict[str, int | str]:
    """Extract skills from postings not yet extracted with the current taxonomy and extractor.

    The current taxonomy is the base file plus the overlays (imported, then the user's); its
    version changes with any of them, so a changed overlay re-extracts everything.
    """
    import skills
    from skills.extract import extract_stream, load_pipeline
    from skills.taxonomy import load_taxonomy
    from warehouse import connect, load
    from warehouse.quarantine import QuarantineFile
    from warehouse.quarantine import entry as quarantine_entry

    logger = get_run_logger()
    overlays = list(overlays or [])
    taxonomy = load_taxonomy(taxonomy_path, overlays)
    taxonomy_file = work_dir / "taxonomy.json"
    taxonomy_file.write_text(json.dumps(taxonomy.to_dict(), ensure_ascii=False), encoding="utf-8")
    con = connect.connect_writer(db, memory_limit)
    try:
        taxonomy_version = load.load_taxonomy(con, taxonomy_file)
        versions = {"taxonomy_version": taxonomy_version, "extractor_version": skills.EXTRACTOR_VERSION}
        pending = work_dir / "extract-input.jsonl"
        extracted = work_dir / "extract-output.jsonl"
        count = load.export_pending_extraction(con, pending, **versions)
        mentions = skipped = 0
        if count:
            logger.info("extracting skills from %d postings (taxonomy %s, %d skills, extractor %s)",
                        count, taxonomy_version, len(taxonomy), skills.EXTRACTOR_VERSION)
            nlp = load_pipeline(taxonomy_path, overlays=overlays)
            with pending.open("rb") as src, extracted.open("w", encoding="utf-8") as dst:
                stats = extract_stream(src, dst, nlp=nlp, batch_size=batch_size, n_process=n_process)
            # A posting the extractor could not take is quarantined (and retried next run, as it has
            # no extraction row); one it took with a change (text cut, say) is noted there too.
            with QuarantineFile(work_dir / "quarantine-extract.jsonl") as quarantine:
                for problem in stats.problems:
                    record_id = str(problem.record_id) if problem.record_id is not None else None
                    quarantine.add(quarantine_entry(
                        "extract", record_id.split(":", 1)[0] if record_id else None, record_id,
                        "dropped" if problem.kind == "skipped" else problem.kind, problem.reason))
            for problem in stats.problems:
                logger.warning("extraction, %s: %s", problem.record_id, problem.reason)
            mentions = load.load_extraction(con, pending, extracted, **versions)
            skipped = stats.skipped
        return {"postings_extracted": count - skipped, "mentions_loaded": mentions, **versions}
    finally:
        con.close()


@task(cache_policy=NO_CACHE)
def feature_postings(db: Path, work_dir: Path, taxonomy_path: Path | None = None,
                     overlays: list[Path] | None = None, memory_limit: str | None = None) -> dict[str, int | str]:
    """Role family, region, title key and description sketch of every posting whose content (or
    whose rules) changed since it was last featured (warehouse/features.py)."""
    from skills.roles import load_role_rules
    from skills.taxonomy import load_taxonomy
    from warehouse import connect
    from warehouse.features import update_features
    from warehouse.quarantine import QuarantineFile
    from warehouse.quarantine import entry as quarantine_entry

    logger = get_run_logger()
    rules = load_role_rules()
    taxonomy = load_taxonomy(taxonomy_path, list(overlays or []))
    con = connect.connect_writer(db, memory_limit)
    try:
        version, featured, problems = update_features(con, work_dir, rules, taxonomy)
    finally:
        con.close()
    with QuarantineFile(work_dir / "quarantine-features.jsonl") as quarantine:
        for record_id, reason in problems:
            source = str(record_id).split(":", 1)[0] if record_id else None
            quarantine.add(quarantine_entry("extract", source, record_id, "dropped", reason))
    if featured:
        logger.info("featured %d postings (role rules %s)", featured, rules.version)
    return {"features_version": version, "roles_version": rules.version, "postings_featured": featured}


@task(cache_policy=NO_CACHE)
def mine_proofs(db: Path, work_dir: Path, memory_limit: str | None = None) -> dict[str, int | str]:
    """What every posting whose content (or whose proof rules) changed since it was last read asks
    as proof: portfolio, test, degree, certification, years (warehouse/proofs.py)."""
    from skills.proof import load_proof_rules
    from warehouse import connect
    from warehouse.proofs import update_proofs
    from warehouse.quarantine import QuarantineFile
    from warehouse.quarantine import entry as quarantine_entry

    logger = get_run_logger()
    rules = load_proof_rules()
    con = connect.connect_writer(db, memory_limit)
    try:
        version, mined, problems = update_proofs(con, work_dir, rules)
    finally:
        con.close()
    with QuarantineFile(work_dir / "quarantine-proofs.jsonl") as quarantine:
        for record_id, reason in problems:
            source = str(record_id).split(":", 1)[0] if record_id else None
            quarantine.add(quarantine_entry("extract", source, record_id, "dropped", reason))
    if mined:
        logger.info("read %d postings for proofs (proof rules %s)", mined, version)
    return {"proof_rules_version": version, "postings_mined": mined}


@task(cache_policy=NO_CACHE)
def discover_candidates(db: Path, run_id: str, taxonomy_path: Path | None = None,
                        overlays: list[Path] | None = None, sample: int = 60_000, memory_limit: str | None = None) -> int:
    """New-skill candidates from a sample of recent postings (skills/discovery.py), for the
    Emerging page and `taxonomy candidates`. The sample is read again only once it is less than
    90% the one the stored candidates came from (a new week, many new postings, a new taxonomy):
    with a nightly refresh, about once a week; returns the candidates stored."""
    from skills.discovery import discover
    from skills.taxonomy import load_taxonomy
    from warehouse import connect, load

    taxonomy = load_taxonomy(taxonomy_path, list(overlays or []))
    con = connect.connect_writer(db, memory_limit)
    try:
        kept = load.discovery_sample_kept(con, taxonomy_version=taxonomy.version, limit=sample)
        if kept is not None:
            get_run_logger().info("new-skill candidates kept: %.1f%% of their sample is today's", 100 * kept)
            return con.execute("SELECT count(*) FROM raw.skill_candidates").fetchall()[0][0]
        ids: list[str] = []

        def counted():
            for posting in load.candidate_postings(con, limit=sample):
                ids.append(posting["id"])
                yield posting

        found = discover(counted(), taxonomy, limit=50)
        return load.load_candidates(con, run_id, [c.as_dict() for c in found], sample_postings=len(ids),
                                    taxonomy_version=taxonomy.version, sample_ids=ids)
    finally:
        con.close()


@task(cache_policy=NO_CACHE)
def build_marts(db: Path, taxonomy_version: str, extractor_version: str,
                features_version: str | None = None, roles_version: str | None = None,
                proof_rules_version: str | None = None, incremental: bool = True, memory_limit: str | None = None) -> list[str]:
    """Build the models (the build checks every key before it commits); incremental when it can
    be (warehouse/incremental.py), which the log says with its counts."""
    from warehouse import connect, models

    con = connect.connect_writer(db, memory_limit)
    try:
        built = models.build_models(con, taxonomy_version=taxonomy_version,
                                    extractor_version=extractor_version,
                                    features_version=features_version, roles_version=roles_version,
                                    proof_rules_version=proof_rules_version, incremental=incremental)
        last = models.last_build(con)
        if last:
            slowest = ", ".join(f"{k} {v:.1f} s" for k, v in list(json.loads(last["model_seconds"]).items())[:4])
            get_run_logger().info(
                "models built (%s: %s): %d of %d postings changed, %d rebuilt, %d periods, %.1f s (slowest: %s)",
                last["mode"], last["reason"], last["postings_changed"], last["postings"],
                last["postings_rebuilt"], last["periods_rebuilt"], last["seconds"], slowest)
        return built
    finally:
        con.close()


@task(cache_policy=NO_CACHE)
def record_run(db: Path, result: RefreshResult, started_at: datetime, taxonomy_version: str,
               extractor_version: str, quarantine_files: list[Path], memory_limit: str | None = None) -> tuple[int, int, int]:
    """Insert the run's rows; returns (postings in the warehouse, records quarantined, repaired)."""
    from warehouse import connect, runs

    con = connect.connect_writer(db, memory_limit)
    try:
        total = runs.record_run(
            con, run_id=result.run_id, started_at=started_at, status=result.status,
            postings_new=result.postings_new, postings_extracted=result.postings_extracted,
            taxonomy_version=taxonomy_version, extractor_version=extractor_version,
            sources=result.sources, quarantine_files=quarantine_files,
        )
        quarantined, repaired = con.execute(
            "SELECT quarantined, repaired FROM meta.runs WHERE run_id = ?", [result.run_id]).fetchall()[0]
        # Everything is in the main file before the swap: readers of the published file need no WAL.
        con.execute("CHECKPOINT")
        return total, int(quarantined or 0), int(repaired or 0)
    finally:
        con.close()


def _start_run(settings: Settings, status: str, flow_name: str) -> tuple[RefreshResult, datetime, Path, RunMarker]:
    from warehouse.runs import RunMarker

    started_at = datetime.now(timezone.utc)
    run_id = new_run_id(started_at)
    work_dir = settings.data_dir / "runs" / run_id
    work_dir.mkdir(parents=True, exist_ok=True)
    marker = RunMarker(work_dir, run_id, started_at, flow_name)
    return (RefreshResult(run_id=run_id, warehouse=str(settings.warehouse), status=status),
            started_at, work_dir, marker)


def _quarantine_files(work_dir: Path) -> list[Path]:
    return sorted(work_dir.glob("*quarantine*.jsonl"))


class _StageClock:
    """Seconds spent per stage, into ``result.stage_seconds`` (the publish includes the swap)."""

    def __init__(self, result: RefreshResult) -> None:
        self.result, self.name, self.since = result, "crawl", time.monotonic()

    def stage(self, name: str) -> None:
        now = time.monotonic()
        self.result.stage_seconds[self.name] = round(self.result.stage_seconds.get(self.name, 0) + now - self.since, 2)
        self.name, self.since = name, now

    def stop(self) -> None:
        self.stage("done")
        self.result.stage_seconds.pop("done", None)


def _extract_build_record(building: Path, settings: Settings, result: RefreshResult, started_at: datetime,
                          work_dir: Path, marker: RunMarker, clock: _StageClock | None = None) -> dict:
    """The steps after loading, shared by refresh and reextract: extract, build marts, record the run."""
    clock = clock or _StageClock(result)
    result.runs_recorded = record_unpublished_runs(building, settings.data_dir / "runs", result.run_id,
                                                    memory_limit=settings.duckdb_memory_limit)
    clock.stage("extract")
    marker.stage("extract")
    extraction = extract_skills(building, work_dir, settings.extract_batch_size, settings.taxonomy_path,
                                settings.taxonomy_layers, settings.extract_processes,
                                memory_limit=settings.duckdb_memory_limit)
    result.postings_extracted = int(extraction["postings_extracted"])
    result.mentions_loaded = int(extraction["mentions_loaded"])
    clock.stage("features")
    features = feature_postings(building, work_dir, settings.taxonomy_path, settings.taxonomy_layers,
                                memory_limit=settings.duckdb_memory_limit)
    clock.stage("proofs")
    proofs = mine_proofs(building, work_dir, memory_limit=settings.duckdb_memory_limit)
    clock.stage("discovery")
    discover_candidates(building, result.run_id, settings.taxonomy_path, settings.taxonomy_layers,
                        memory_limit=settings.duckdb_memory_limit)
    clock.stage("marts")
    marker.stage("marts")
    build_marts(building, str(extraction["taxonomy_version"]), str(extraction["extractor_version"]),
                str(features["features_version"]), str(features["roles_version"]),
                str(proofs["proof_rules_version"]), settings.incremental_marts,
                memory_limit=settings.duckdb_memory_limit)
    clock.stage("publish")
    result.seconds = round((datetime.now(timezone.utc) - started_at).total_seconds(), 2)
    marker.stage("publish")
    result.postings_total, result.quarantined, result.repaired = record_run(building, result, started_at,
                                       extraction["taxonomy_version"], extraction["extractor_version"],
                                       _quarantine_files(work_dir), memory_limit=settings.duckdb_memory_limit)
    return extraction


def _published(settings: Settings, marker: RunMarker) -> None:
    """After a publish: the marker says so, and run folders beyond the retention are pruned (only
    runs the published warehouse has on record)."""
    from warehouse.queries import recorded_run_ids
    from warehouse.runs import prune_run_folders

    marker.published()
    removed = prune_run_folders(settings.data_dir / "runs", settings.keep_runs,
                                recorded_run_ids(settings.warehouse))
    if removed:
        get_run_logger().info("pruned %d old run folders (keep_runs = %d)", len(removed), settings.keep_runs)


@flow(name="refresh", log_prints=True)
def refresh(settings: Settings | None = None, crawl_output: list[Path] | None = None) -> RefreshResult:
    """Crawl every enabled source, load, extract, rebuild the marts and publish atomically.

    ``crawl_output``: crawl files (JobPosting JSON lines, as `skillpulse crawl` writes them) to load
    instead of crawling, e.g. a synthetic corpus from `skillpulse synth`; the rest is the same.
    """
    from warehouse.publish import preparing_next

    settings = settings or Settings()
    logger = get_run_logger()
    result, started_at, work_dir, marker = _start_run(settings, "success", "refresh")
    run_id = result.run_id
    clock = _StageClock(result)
    try:
        with preparing_next(settings.warehouse) as next_warehouse:
            if crawl_output is not None:
                crawl_files = [Path(f) for f in crawl_output]
                result.sources = {Path(f).stem: {"status": "ok", "items": None, "errors": 0, "seconds": 0.0,
                                                 "field_problems": {}, "loaded_from": str(f)} for f in crawl_files}
                futures = {}
            else:
                crawl = crawl_source.with_options(retries=settings.crawl_retries)
                futures = {
                    source: crawl.submit(
                        source, work_dir / f"{source}.jsonl", settings.base_urls.get(source),
                        settings.crawl_timeout_s, settings.log_level,
                        {**write_seen_ids(settings.warehouse, source, work_dir), **settings.spider_args.get(source, {})},
                        settings.data_dir / "httpcache",
                    )
                    for source in settings.sources
                }
                crawl_files = []
            for source, future in futures.items():
                future.wait()
                if future.state.is_completed():
                    result.sources[source] = {"status": "ok", **future.result()}
                    crawl_files.append(work_dir / f"{source}.jsonl")
                else:
                    # One source failing never aborts the others; the run is marked partial.
                    result.sources[source] = {"status": "failed", "error": str(future.state.message)}
                    result.status = "partial"
                    logger.error("source %s failed: %s", source, future.state.message)
            if not crawl_files:
                raise RuntimeError(f"every source failed; the published warehouse is unchanged: {result.sources}")

            # The copy of the published warehouse ran beside the crawl; what is left of it is waited for here.
            clock.stage("copy")
            building = next_warehouse.ready()
            if next_warehouse.bytes:
                logger.info("copied the published warehouse (%.2f GB) in %.1f s beside the crawl",
                            next_warehouse.bytes / 1e9, next_warehouse.seconds)
            clock.stage("load")
            marker.stage("load")
            migrate_warehouse(building, memory_limit=settings.duckdb_memory_limit)
            counts = load_crawls(building, crawl_files, run_id, work_dir / "quarantine-load.jsonl",
                                 memory_limit=settings.duckdb_memory_limit)
            result.postings_new = counts["new"]
            _extract_build_record(building, settings, result, started_at, work_dir, marker, clock)
        clock.stop()
    except BaseException as exc:
        marker.failed(exc)  # the next run that publishes records this one in meta.runs
        raise
    _published(settings, marker)
    logger.info("published %s: %d postings (%d new), run %s; %d records quarantined, %d repaired",
                settings.warehouse, result.postings_total, result.postings_new, run_id,
                result.quarantined, result.repaired)
    return result


@flow(name="reextract", log_prints=True)
def reextract(settings: Settings | None = None) -> RefreshResult:
    """Re-run extraction over every stored posting whose results are not from the current
    taxonomy + extractor versions, rebuild the marts and publish. No crawling. Results of the
    earlier versions stay in raw.skill_mentions for comparison (`extraction_changes`)."""
    from warehouse.publish import building_next

    settings = settings or Settings()
    if not settings.warehouse.is_file():
        raise FileNotFoundError(f"no warehouse at {settings.warehouse}; run `skillpulse refresh` (or `demo`) first")
    logger = get_run_logger()
    result, started_at, work_dir, marker = _start_run(settings, "reextract", "reextract")
    clock = _StageClock(result)
    try:
        with building_next(settings.warehouse) as building:
            migrate_warehouse(building, memory_limit=settings.duckdb_memory_limit)
            extraction = _extract_build_record(building, settings, result, started_at, work_dir, marker, clock)
        clock.stop()
    except BaseException as exc:
        marker.failed(exc)
        raise
    _published(settings, marker)
    logger.info("re-extracted %d postings (taxonomy %s, extractor %s); published %s",
                result.postings_extracted, extraction["taxonomy_version"], extraction["extractor_version"],
                settings.warehouse)
    return result
