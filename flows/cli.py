"""`skillpulse`: the command line (the registry of commands; README "CLI" is checked against it).

Heavy imports (Scrapy, spaCy, Prefect, Streamlit) happen inside the commands that need them, so
`skillpulse --help` and `skillpulse extract` start quickly.
"""

from __future__ import annotations

import json
import os
import sys
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
) -> None:
    """Extract skills from postings (offsets are characters into `text`)."""
    from skills.extract import extract_stream

    src = sys.stdin if input == "-" else open(input, encoding="utf-8")
    dst = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    try:
        stats = extract_stream(src, dst, batch_size=batch_size)
    finally:
        if src is not sys.stdin:
            src.close()
        if dst is not sys.stdout:
            dst.close()
    for error in stats.errors:
        _err(error)
    if output != "-" or stats.errors:
        typer.echo(f"extracted {stats.written} postings ({len(stats.errors)} bad lines skipped)", err=True)
    if stats.errors:
        raise typer.Exit(1)


@app.command()
def refresh(
    source: Annotated[Optional[list[str]], typer.Option("--source", help="Only these sources (repeatable).")] = None,
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse file to publish to.")] = None,
) -> None:
    """The nightly job, once, now: crawl, load, extract, build marts, publish."""
    from flows.refresh import refresh as refresh_flow

    updates = {k: v for k, v in {"sources": source, "warehouse_path": warehouse}.items() if v}
    settings = Settings(**updates) if updates else Settings()
    result = refresh_flow(settings)
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
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer",
    ]
    typer.echo(f"SkillPulse dashboard on http://127.0.0.1:{port} (warehouse {warehouse})", err=True)
    os.execve(sys.executable, args, env)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A read-only SQL query.")],
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse file to query.")] = None,
    format: Annotated[str, typer.Option(help="table, csv or json.")] = "table",
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 60.0,
) -> None:
    """Run read-only SQL against the warehouse (no file or network access)."""
    import duckdb

    from warehouse.sql import QueryTimeout, run_sql

    settings = Settings(**({"warehouse_path": warehouse} if warehouse else {}))
    try:
        df = run_sql(settings.warehouse, query, timeout_s=timeout)
    except (duckdb.Error, QueryTimeout, FileNotFoundError) as exc:
        _err(str(exc))
        raise typer.Exit(1)
    if format == "csv":
        typer.echo(df.to_csv(index=False), nl=False)
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
    """Snapshot the core, mart and meta tables as Parquet/CSV with a data dictionary."""
    from warehouse.export import export_snapshot

    settings = Settings(**({"warehouse_path": warehouse} if warehouse else {}))
    for path in export_snapshot(settings.warehouse, out, format):
        typer.echo(str(path))


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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
