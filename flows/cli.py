"""`skillpulse`: the command line (the registry of commands; README "CLI" is checked against it).

Heavy imports (Scrapy, spaCy, Prefect, Streamlit) happen inside the commands that need them, so
`skillpulse --help` and `skillpulse extract` start quickly.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

import flows  # noqa: F401  (sets the telemetry-off environment before anything else)
from flows.settings import Settings

app = typer.Typer(
    name="skillpulse",
    help="Which skills should a freelancer learn next? Crawl public job listings, extract skills, "
    "show rising demand with the postings behind every number.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _err(message: str) -> None:
    typer.secho(message, err=True, fg=typer.colors.RED)


@app.command()
def crawl(
    source: Annotated[str, typer.Argument(help="Source name (see `skillpulse sources`).")],
    base_url: Annotated[Optional[str], typer.Option(help="Replace the live scheme+host, e.g. a local mirror.")] = None,
    companies: Annotated[Optional[str], typer.Option(help="Comma-separated boards for per-company sources.")] = None,
    out: Annotated[Path, typer.Option(help="Output file, one normalised posting per line.")] = Path("data/crawl.jsonl"),
    category: Annotated[Optional[str], typer.Option(help="Source category filter, where the API has one.")] = None,
    search: Annotated[Optional[str], typer.Option(help="Source search filter, where the API has one.")] = None,
    max_pages: Annotated[Optional[int], typer.Option(help="Stop a paginated API after this many pages.")] = None,
    arg: Annotated[Optional[list[str]], typer.Option("--arg", "-a", help="Spider argument KEY=VALUE (repeatable), e.g. urls=... for jsonld.")] = None,
    timeout: Annotated[Optional[float], typer.Option(help="Seconds before a request times out (default 30, 15 on loopback).")] = None,
    http_cache: Annotated[Optional[Path], typer.Option(help="HTTP cache folder: later crawls send conditional requests.")] = None,
    record: Annotated[Optional[Path], typer.Option(help="Record every response into this replay archive folder.")] = None,
    log_level: Annotated[str, typer.Option(help="Scrapy log level.")] = "INFO",
) -> None:
    """Run one spider and write its postings as JSON lines."""
    from crawlers.run import run_crawl
    from crawlers.sources import SOURCES

    if source not in SOURCES:
        _err(f"unknown source {source!r}; known: {', '.join(sorted(SOURCES))}")
        raise typer.Exit(2)
    spider_args = {k: v for k, v in {"category": category, "search": search, "companies": companies,
                                     "max_pages": max_pages}.items() if v}
    for pair in arg or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            _err(f"--arg takes KEY=VALUE, got {pair!r}")
            raise typer.Exit(2)
        spider_args[key.strip()] = value
    summary = run_crawl(source, out, base_url=base_url, spider_args=spider_args, log_level=log_level,
                        download_timeout=timeout, http_cache_dir=http_cache, record_dir=record)
    typer.echo(
        f"{summary.source}: {summary.items} postings -> {summary.out} "
        f"({summary.errors} errors, {summary.seconds:.1f}s, finish: {summary.finish_reason})",
        err=True,
    )
    for key, count in sorted(summary.field_problems.items()):
        typer.echo(f"  {key}: {count}", err=True)
    if summary.quarantined:
        _err(f"{summary.source}: {summary.quarantined} records quarantined -> {summary.quarantine_file}")
    if summary.repaired:
        typer.echo(f"  {summary.repaired} invalid characters (lone surrogates) replaced with U+FFFD", err=True)
    if summary.http_errors:
        statuses = ", ".join(f"HTTP {code} x{n}" for code, n in sorted(summary.http_errors.items()))
        _err(f"{summary.source}: responses refused: {statuses}")
    if summary.robots_forbidden:
        _err(f"{summary.source}: {summary.robots_forbidden} requests Forbidden by robots.txt (not fetched)")
    if not summary.ok:
        _err(f"{summary.source}: the crawl produced no postings; see the log above")
        raise typer.Exit(1)


@app.command()
def extract(
    input: Annotated[str, typer.Option("--input", help="JSON lines {id, text[, title]}; '-' for stdin.")] = "-",
    output: Annotated[str, typer.Option("--output", help="JSON lines {id, skills: [...]}; '-' for stdout.")] = "-",
    batch_size: Annotated[int, typer.Option(help="Postings per spaCy batch.")] = 256,
    n_process: Annotated[Optional[int], typer.Option(help="Worker processes (default from settings: 1).")] = None,
    shipped_only: Annotated[bool, typer.Option("--shipped-only", help="Ignore the imported and your own overlay.")] = False,
) -> None:
    """Extract skills from postings (offsets are characters into `text`).

    Every good line is written. A bad line (not JSON, no id or text) is reported with its line
    number and skipped (exit 1 at the end); bad UTF-8 or lone surrogates are replaced and texts
    over 100,000 characters cut, each reported as a warning.
    """
    from skills.extract import MAX_TEXT_CHARS, extract_stream, load_pipeline
    from skills.taxonomy import TaxonomyError

    settings = Settings()
    try:
        nlp = load_pipeline(settings.taxonomy_path, overlays=[] if shipped_only else settings.taxonomy_layers)
    except TaxonomyError as exc:
        _err(str(exc))
        raise typer.Exit(2)
    try:
        # Bytes in, decoded line by line: one line of bad UTF-8 must not cost the others.
        src = sys.stdin.buffer if input == "-" else open(input, "rb")
    except OSError as exc:
        _err(f"cannot read --input: {exc}")
        raise typer.Exit(2)
    if output == "-":
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
        dst = sys.stdout
    else:
        dst = open(output, "w", encoding="utf-8", newline="\n")
    try:
        with _progress(src, "extracting", show=sys.stderr.isatty() and input != "-") as lines:
            stats = extract_stream(lines, dst, nlp=nlp, batch_size=batch_size,
                                   n_process=n_process or settings.extract_processes)
    finally:
        if src is not sys.stdin.buffer:
            src.close()
        if dst is not sys.stdout:
            dst.close()
        else:
            dst.flush()
    for error in stats.errors:
        _err(error)
    for warning in stats.warnings:
        typer.secho(warning, err=True, fg=typer.colors.YELLOW)
    if output != "-" or stats.problems:
        typer.echo(f"extracted {stats.written} postings ({stats.skipped} bad lines skipped, "
                   f"{stats.count('truncated')} texts cut at {MAX_TEXT_CHARS:,} characters, "
                   f"{stats.count('repaired')} with characters replaced)", err=True)
    if stats.skipped:
        raise typer.Exit(1)


@contextmanager
def _progress(fh, label: str, show: bool):
    """Lines of ``fh``, with a progress bar (by bytes read) on stderr when ``show``."""
    if not show:
        yield fh
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

    total = os.fstat(fh.fileno()).st_size
    with Progress(TextColumn("{task.description}"), BarColumn(), TransferSpeedColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True, redirect_stdout=False) as progress:
        task = progress.add_task(label, total=total)

        def lines():
            for line in fh:
                progress.advance(task, len(line) if isinstance(line, bytes) else len(line.encode("utf-8", "replace")))
                yield line

        yield lines()


@app.command()
def refresh(
    source: Annotated[Optional[list[str]], typer.Option("--source", help="Only these sources (repeatable).")] = None,
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse file to publish to.")] = None,
    from_dir: Annotated[Optional[Path], typer.Option("--from-dir", help="Load the crawl files (*.jsonl) in this folder instead of crawling, e.g. `skillpulse synth` output.")] = None,
) -> None:
    """The nightly job, once, now: crawl, load, extract, build marts, publish."""
    from flows.refresh import refresh as refresh_flow

    crawl_output = None
    if from_dir is not None:
        crawl_output = sorted(p for p in Path(from_dir).glob("*.jsonl") if ".quarantine" not in p.name)
        if not crawl_output:
            _err(f"no crawl files (*.jsonl) in {from_dir}")
            raise typer.Exit(2)
    updates = {k: v for k, v in {"sources": source, "warehouse_path": warehouse}.items() if v}
    settings = Settings(**updates) if updates else Settings()
    result = refresh_flow(settings, crawl_output)
    typer.echo(json.dumps(result.__dict__, indent=1, default=str))


@app.command()
def serve() -> None:
    """Keep the nightly refresh schedule running (needs a Prefect server: see README, Scheduling)."""
    from flows.refresh import refresh as refresh_flow

    settings = Settings()
    if not os.environ.get("PREFECT_API_URL"):
        _err(
            "Schedules fire only with a real Prefect server. Start one with `prefect server start`, "
            "then run `PREFECT_API_URL=http://127.0.0.1:4200/api skillpulse serve`."
        )
        raise typer.Exit(2)
    refresh_flow.serve(name="nightly-refresh", cron=settings.schedule_cron)


@app.command()
def dashboard(
    port: Annotated[Optional[int], typer.Option(help="Port on 127.0.0.1 (default from settings: 8501).")] = None,
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse file to show.")] = None,
) -> None:
    """Start the dashboard on 127.0.0.1 (reads the warehouse read-only)."""
    settings = Settings(**({"warehouse_path": warehouse} if warehouse else {}))
    _exec_dashboard(settings.warehouse, port or settings.dashboard_port)


def _exec_dashboard(warehouse: Path, port: int) -> None:
    app_path = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
    env = dict(os.environ, SKILLPULSE_WAREHOUSE_PATH=str(Path(warehouse).resolve()))
    args = [
        sys.executable, "-m", "dashboard.serve", "run", str(app_path),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer",
        "--client.disableDataExport", "true",
    ]
    typer.echo(f"SkillPulse dashboard on http://127.0.0.1:{port} (warehouse {warehouse})", err=True)
    os.execve(sys.executable, args, env)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A read-only SQL query.")],
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse file to query.")] = None,
    format: Annotated[str, typer.Option(help="table, csv or json.")] = "table",
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 60.0,
    max_rows: Annotated[int, typer.Option(help="Rows to print at most (a notice on stderr says when there were more).")] = 10_000,
) -> None:
    """Run one read-only SELECT against the warehouse in a sandbox (no files, bounded time and memory)."""
    if format not in ("table", "csv", "json"):
        _err(f"unknown --format {format!r}; use table, csv or json")
        raise typer.Exit(2)
    if max_rows < 1 or not timeout > 0:
        _err("--max-rows must be at least 1 and --timeout above 0")
        raise typer.Exit(2)
    import duckdb

    from warehouse.sql import SandboxError, run_sql

    settings = Settings(**({"warehouse_path": warehouse} if warehouse else {}))
    try:
        result = run_sql(settings.warehouse, query, timeout_s=timeout, max_rows=max_rows)
    except (SandboxError, duckdb.Error, OSError, ValueError) as exc:
        _err(" ".join(str(exc).split()) or type(exc).__name__)
        raise typer.Exit(1)
    df = result.frame
    if result.truncated:
        typer.echo(f"showing the first {max_rows:,} rows; the query returned more. Raise --max-rows N, "
                   "add a LIMIT or aggregate, or use `skillpulse export` for whole tables.", err=True)
    if format == "csv":
        from warehouse.safe_text import frame_to_csv

        # Spreadsheet-safe: a result can hold scraped text ("=HYPERLINK(...)"), so formula cells
        # are neutralised as in every CSV the project writes.
        typer.echo(frame_to_csv(df), nl=False)
    elif format == "json":
        typer.echo(df.to_json(orient="records", date_format="iso", force_ascii=False))
    else:
        typer.echo(df.to_string(index=False, max_colwidth=60))


@app.command()
def export(
    out: Annotated[Path, typer.Option(help="Folder to write the snapshot to.")] = Path("data/export"),
    format: Annotated[str, typer.Option(help="parquet or csv.")] = "parquet",
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse file to export.")] = None,
) -> None:
    """Snapshot the core, mart and meta tables as Parquet/CSV (hive-partitioned by period), with
    DICTIONARY.md and manifest.json (row counts, time ranges, versions, sha256 of every file)."""
    from warehouse.connect import WarehouseMissing
    from warehouse.export import export_snapshot

    if format not in ("parquet", "csv"):
        _err(f"unknown --format {format!r}; use parquet or csv")
        raise typer.Exit(2)
    settings = Settings(**({"warehouse_path": warehouse} if warehouse else {}))
    try:
        written = export_snapshot(settings.warehouse, out, format)
    except WarehouseMissing as exc:
        _err(str(exc))
        raise typer.Exit(2)
    tables = {p.relative_to(out).parts[0] for p in written if p.parent != out or p.suffix == f".{format}"}
    typer.echo(f"exported {len(tables)} tables ({len(written) - 2} files) to {out}; "
               f"see {out / 'manifest.json'} and {out / 'DICTIONARY.md'}")


@app.command()
def replay(
    archive: Annotated[Path, typer.Argument(help="A recorded archive folder (responses.jsonl + bodies/).")],
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port; 0 picks a free one.")] = 8000,
) -> None:
    """Serve a recorded archive over HTTP so spiders run offline."""
    from crawlers.replay import ReplayServer

    server = ReplayServer(archive, host=host, port=port)
    # The first stdout line is read by `skillpulse demo` to learn the port: keep its format.
    print(f"serving {archive} on {server.base_url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


@app.command()
def demo(
    build_only: Annotated[bool, typer.Option("--build-only", help="Stop after building; print the warehouse path.")] = False,
    port: Annotated[Optional[int], typer.Option(help="Dashboard port (default 8501).")] = None,
    end_date: Annotated[Optional[str], typer.Option(help="Last day of the demo corpus (YYYY-MM-DD; default today).")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the generated corpus.")] = 2026,
) -> None:
    """Everything offline: generate a corpus, serve it on loopback, crawl it, then open the dashboard."""
    from flows.demo import build_demo

    settings = Settings()
    end = date.fromisoformat(end_date) if end_date else date.today()
    warehouse = build_demo(settings, end=end, seed=seed)
    if build_only:
        print(warehouse)
        return
    _exec_dashboard(warehouse, port or settings.dashboard_port)


@app.command()
def sources() -> None:
    """List the job sources SkillPulse can crawl."""
    from crawlers.sources import SOURCES

    for source in SOURCES.values():
        typer.echo(f"{source.name:12} {source.live_base_url}{source.endpoint}  default={'on' if source.enabled_by_default else 'off'}")


@app.command()
def reextract(
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse file to re-extract and publish.")] = None,
) -> None:
    """Re-run extraction over stored postings after a taxonomy or extractor change; publish.

    Only postings without results for the current versions are extracted again; the results of
    older versions stay in raw.skill_mentions, and the biggest per-skill changes are printed.
    """
    from flows.refresh import reextract as reextract_flow
    from warehouse.queries import data_as_of, extraction_changes

    settings = Settings(**({"warehouse_path": warehouse} if warehouse else {}))
    if not settings.warehouse.is_file():
        _err(f"no warehouse at {settings.warehouse}; run `skillpulse refresh` or `skillpulse demo --build-only` first")
        raise typer.Exit(2)
    before = data_as_of(settings.warehouse)
    result = reextract_flow(settings)
    after = data_as_of(settings.warehouse)
    typer.echo(json.dumps(result.__dict__, indent=1, default=str))
    if before and after and (before.taxonomy_version, before.extractor_version) != (after.taxonomy_version, after.extractor_version):
        old = (str(before.taxonomy_version), str(before.extractor_version))
        new = (str(after.taxonomy_version), str(after.extractor_version))
        changes = extraction_changes(settings.warehouse, old, new)
        typer.echo(f"\npostings per skill, {old[0]}/{old[1]} -> {new[0]}/{new[1]} (largest changes):", err=True)
        typer.echo(changes.to_string(index=False) if len(changes) else "  no change", err=True)


@app.command()
def evaluate(
    split: Annotated[str, typer.Option(help="test (the reported figures), dev, or all.")] = "test",
    json_out: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    show_errors: Annotated[int, typer.Option(help="Print up to N strict misses and false hits (dev split only).")] = 0,
    with_overlays: Annotated[bool, typer.Option("--with-overlays", help="Score the taxonomy with the imported and your overlay.")] = False,
    agreement: Annotated[bool, typer.Option("--agreement", help="Score the second annotations (skills/gold/agreement/) against the first: inter-annotator agreement, not the extractor.")] = False,
) -> None:
    """Precision / recall / F1 of the extractor on the gold set (strict, partial and per posting)."""
    from flows.gold import run_agreement, run_evaluation
    from skills.evaluate import format_report
    from skills.gold import GoldError
    from skills.taxonomy import TaxonomyError

    settings = Settings()
    if agreement:
        try:
            report, pairs = run_agreement(settings.reference_data_dir, settings.taxonomy_path)
        except (GoldError, TaxonomyError, OSError) as exc:
            _err(str(exc))
            raise typer.Exit(1)
        who = ", ".join(f"{b} on {a}'s postings ({n})" for (a, b), n in sorted(pairs.items()))
        if json_out:
            typer.echo(json.dumps({"agreement": [{"first": a, "second": b, "postings": n} for (a, b), n in pairs.items()],
                                   **report.as_dict()}, indent=1))
        else:
            typer.echo(format_report(report, f"inter-annotator agreement: {who}; the first annotation is "
                                             "\"gold\", the second \"predicted\" (F1 is symmetric)"))
        return

    if split not in ("test", "dev", "all"):
        _err("--split must be test, dev or all")
        raise typer.Exit(2)
    if show_errors and split != "dev":
        # Looking at test-split errors is how a test split turns into a training set.
        _err("--show-errors works on --split dev only: the test split is scored, never inspected")
        raise typer.Exit(2)
    try:
        report, taxonomy = run_evaluation(settings.reference_data_dir, split, settings.taxonomy_path,
                                          settings.taxonomy_layers if with_overlays else [], bool(show_errors))
    except (GoldError, TaxonomyError, OSError) as exc:
        _err(str(exc))
        raise typer.Exit(1)
    import skills

    title = (f"split {split}: taxonomy {taxonomy.version} ({len(taxonomy)} skills), "
             f"extractor {skills.EXTRACTOR_VERSION}")
    if json_out:
        typer.echo(json.dumps({"split": split, "taxonomy_version": taxonomy.version,
                               "extractor_version": skills.EXTRACTOR_VERSION, **report.as_dict()}, indent=1))
    else:
        typer.echo(format_report(report, title))
    for m in report.mistakes[:show_errors]:
        typer.echo(f"{m.kind:8} {m.posting:28} {m.start:6}-{m.end:<6} {m.skill:30} {m.text!r}")


taxonomy_app = typer.Typer(help="Inspect and extend the skill taxonomy (open-taxonomy import, new-skill discovery, your overlay).",
                           no_args_is_help=True)
app.add_typer(taxonomy_app, name="taxonomy")


def _effective(settings: Settings):
    from skills.taxonomy import TaxonomyError, load_taxonomy

    try:
        return load_taxonomy(settings.taxonomy_path, settings.taxonomy_layers)
    except TaxonomyError as exc:
        _err(str(exc))
        raise typer.Exit(2)


@taxonomy_app.command("show")
def taxonomy_show(
    skill: Annotated[Optional[str], typer.Argument(help="Show one skill (name or alias) instead of the summary.")] = None,
) -> None:
    """Version, layers and size of the taxonomy in use, or one skill."""
    from collections import Counter

    settings = Settings()
    taxonomy = _effective(settings)
    if skill:
        name = taxonomy.resolve(skill)
        if name is None:
            _err(f"{skill!r} is not a skill name or alias in taxonomy {taxonomy.version}")
            raise typer.Exit(1)
        typer.echo(json.dumps(taxonomy.by_name[name].to_dict(), indent=1, ensure_ascii=False))
        return
    typer.echo(f"taxonomy {taxonomy.version}: {len(taxonomy)} skills, base {taxonomy.path}")
    for layer in taxonomy.layers:
        typer.echo(f"  + overlay {layer}")
    counts = Counter(s.category for s in taxonomy.skills)
    for category, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        typer.echo(f"  {category:22} {n}")
    typer.echo(f"  with ESCO URI: {sum(bool(s.esco_uri) for s in taxonomy.skills)}, "
               f"with O*NET name: {sum(bool(s.onet_name) for s in taxonomy.skills)}, "
               f"ambiguous: {sum(s.ambiguous for s in taxonomy.skills)}, stop-words: {len(taxonomy.stop_surfaces)}")


@taxonomy_app.command("import")
def taxonomy_import(
    esco: Annotated[Optional[Path], typer.Option(help="ESCO v1.1.1 skills CSV (Nesta formatted: id, description, hierarchy_levels, type).")] = None,
    onet: Annotated[Optional[Path], typer.Option(help="O*NET 'Technology Skills.txt' (tab-separated).")] = None,
    onet_scope: Annotated[str, typer.Option(help="hot (Hot Technologies only) or all O*NET tools.")] = "hot",
    out: Annotated[Optional[Path], typer.Option(help="Overlay file to write (default from settings: DATA_DIR/taxonomy-imported.json).")] = None,
) -> None:
    """Merge ESCO and/or O*NET into an overlay layer: links, name variants and new named tools."""
    from skills.importer import build_import_overlay
    from skills.taxonomy import TaxonomyError, load_taxonomy

    if esco is None and onet is None:
        _err("give --esco FILE and/or --onet FILE")
        raise typer.Exit(2)
    settings = Settings()
    target = out or settings.taxonomy_imported
    assert target is not None
    # The import builds on the shipped (or base) taxonomy alone; your overlay applies after it.
    try:
        base = load_taxonomy(settings.taxonomy_path)
        overlay, summary = build_import_overlay(base, esco, onet, onet_scope)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(json.dumps(overlay, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        layers = [tmp] + [p for p in settings.taxonomy_layers if p != target]
        merged = load_taxonomy(settings.taxonomy_path, layers)
        os.replace(tmp, target)
    except (TaxonomyError, ValueError, OSError) as exc:
        _err(str(exc))
        raise typer.Exit(1)
    for line in summary.lines():
        typer.echo(line)
    typer.echo(f"wrote {target}; taxonomy in use is now {merged.version} ({len(merged)} skills). "
               "Run `skillpulse reextract` to apply it to stored postings.")


@taxonomy_app.command("candidates")
def taxonomy_candidates(
    limit: Annotated[int, typer.Option(help="How many candidates to list.")] = 30,
    recent_weeks: Annotated[int, typer.Option(help="Growth compares the last N weeks with everything before.")] = 12,
    min_postings: Annotated[int, typer.Option(help="Ignore terms in fewer postings.")] = 3,
    min_companies: Annotated[int, typer.Option(help="Ignore terms used by fewer companies.")] = 2,
    json_out: Annotated[bool, typer.Option("--json", help="Print candidates with examples as JSON.")] = False,
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse to read postings from.")] = None,
) -> None:
    """New-skill candidates: product-like terms not in the taxonomy, by spread and growth, with examples."""
    from skills.discovery import discover
    from warehouse.queries import posting_texts

    settings = Settings(**({"warehouse_path": warehouse} if warehouse else {}))
    if not settings.warehouse.is_file():
        _err(f"no warehouse at {settings.warehouse}; run `skillpulse refresh` or `skillpulse demo --build-only` first")
        raise typer.Exit(2)
    taxonomy = _effective(settings)
    found = discover(posting_texts(settings.warehouse), taxonomy, recent_weeks=recent_weeks,
                     min_postings=min_postings, min_companies=min_companies, limit=limit)
    if json_out:
        typer.echo(json.dumps([c.as_dict() for c in found], indent=1, ensure_ascii=False))
        return
    if not found:
        typer.echo("no candidates (try --min-postings 2 or --min-companies 1)")
        return
    typer.echo(f"{'term':28} {'score':>7} {'postings':>8} {'companies':>9} {'growth':>7} {'first seen':>10}  example")
    for c in found:
        example = c.examples[0]["context"][:90] if c.examples else ""
        typer.echo(f"{c.term[:28]:28} {c.score:7.1f} {c.postings:8d} {c.companies:9d} {c.growth:7.2f} "
                   f"{c.first_seen or '':>10}  {example}")
    typer.echo("\naccept one with: skillpulse taxonomy accept TERM --category CATEGORY; then skillpulse reextract")


def _edit(settings: Settings, change) -> None:
    from skills.overlay import edit_overlay
    from skills.taxonomy import TaxonomyError

    target = settings.taxonomy_overlay
    assert target is not None
    others = [p for p in settings.taxonomy_layers if p != target]
    try:
        taxonomy = edit_overlay(target, change, base=settings.taxonomy_path, other_layers=others)
    except TaxonomyError as exc:
        _err(f"overlay not changed: {exc}")
        raise typer.Exit(1)
    typer.echo(f"updated {target}; taxonomy in use is now {taxonomy.version} ({len(taxonomy)} skills). "
               "Run `skillpulse reextract` to apply it to stored postings.")


@taxonomy_app.command("accept")
def taxonomy_accept(
    name: Annotated[str, typer.Argument(help="Canonical name of the new skill, e.g. LangChain.")],
    category: Annotated[str, typer.Option(help="One of the taxonomy categories (see `skillpulse taxonomy show`).")],
    alias: Annotated[Optional[list[str]], typer.Option("--alias", help="Another spelling (repeatable).")] = None,
    ambiguous: Annotated[bool, typer.Option(help="The name is an ordinary word: count it only with evidence.")] = False,
) -> None:
    """Add a skill (e.g. a discovered candidate) to your overlay."""
    from skills.overlay import add_skill

    _edit(Settings(), add_skill(name, category, alias or [], ambiguous))


@taxonomy_app.command("alias")
def taxonomy_alias(
    skill: Annotated[str, typer.Argument(help="Canonical skill name.")],
    aliases: Annotated[list[str], typer.Argument(help="Spellings to add.")],
) -> None:
    """Add spellings to a skill in your overlay."""
    from skills.overlay import add_aliases

    _edit(Settings(), add_aliases(skill, aliases))


@taxonomy_app.command("merge")
def taxonomy_merge(
    source: Annotated[str, typer.Argument(help="Skill to fold away.")],
    into: Annotated[str, typer.Argument(help="Skill that takes over its names.")],
) -> None:
    """Merge one skill into another in your overlay (its names become aliases)."""
    from skills.overlay import merge_skill

    _edit(Settings(), merge_skill(source, into))


@taxonomy_app.command("stop")
def taxonomy_stop(
    words: Annotated[list[str], typer.Argument(help="Surfaces that must never count as a skill.")],
) -> None:
    """Add stop-words (surfaces never matched) to your overlay."""
    from skills.overlay import add_stop_words

    _edit(Settings(), add_stop_words(words))


def _default_prefect_home() -> None:
    """Prefect's state (its SQLite database) under DATA_DIR/prefect, unless the user chose a home:
    everything SkillPulse writes stays in its data folder. Set before Prefect is imported."""
    if os.environ.get("PREFECT_HOME"):
        return
    try:
        data_dir = Settings().data_dir
    except Exception:  # noqa: BLE001 - a bad setting is reported by the command that reads it
        return
    home = Path(data_dir).resolve() / "prefect"
    try:
        home.mkdir(parents=True, exist_ok=True)  # Prefect creates only the last folder itself
    except OSError:
        return
    os.environ["PREFECT_HOME"] = str(home)


def main() -> None:
    _default_prefect_home()
    app()


# The research commands live in their own module and register on this app (one registry).
from flows import cli_research  # noqa: E402,F401


if __name__ == "__main__":
    # `python -m flows.cli` (how the flow runs crawls): run the module proper, on whose app every
    # command is registered (this __main__ copy would lack the research commands).
    from flows.cli import main as _main

    _main()
