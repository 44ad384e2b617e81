"""The research commands of `skillpulse` (trends, schema, synth): registered on the one app of
flows/cli.py, kept here so that file stays readable. Every figure comes from warehouse/queries.py."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from flows.cli import _err, app
from flows.settings import Settings

_FORMATS = ("table", "csv", "json")


def _warehouse_or_exit(warehouse: Optional[Path]) -> Path:
    settings = Settings(**({"warehouse_path": warehouse} if warehouse else {}))
    if not settings.warehouse.is_file():
        _err(f"no warehouse at {settings.warehouse}; run `skillpulse refresh` or `skillpulse demo --build-only` first")
        raise typer.Exit(2)
    return settings.warehouse


def _date_or_exit(value: Optional[str], name: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _err(f"--{name} must be a date like 2026-01-31, got {value!r}")
        raise typer.Exit(2)


def _segment_or_exit(db: Path, **filters):
    from warehouse.queries import UnknownSegment, resolve_segment

    try:
        return resolve_segment(db, **filters)
    except UnknownSegment as exc:
        _err(str(exc))
        raise typer.Exit(2)


def _skills_or_exit(db: Path, names: list[str]) -> list[str]:
    """Canonical names for the user's skills (any alias, any case); a one-line error otherwise."""
    from warehouse.queries import resolve_skills

    found, missing = resolve_skills(db, names)
    if missing:
        hints = "; ".join(f"{name!r}" + (f" (did you mean {', '.join(sugg)}?)" if sugg else "")
                          for name, sugg in missing.items())
        _err(f"unknown skill {hints}")
        raise typer.Exit(2)
    return found


@app.command()
def trends(
    period: Annotated[str, typer.Option(help="week or month.")] = "week",
    skill: Annotated[Optional[list[str]], typer.Option("--skill", help="A skill (name or alias; repeatable). Default: the most demanded ones.")] = None,
    family: Annotated[Optional[str], typer.Option(help="Role family (niche), by id or label, e.g. frontend_web.")] = None,
    employment_type: Annotated[Optional[str], typer.Option("--employment-type", help="full_time, part_time, contract, freelance, internship.")] = None,
    remote: Annotated[Optional[str], typer.Option(help="Work arrangement: remote, hybrid, onsite.")] = None,
    region: Annotated[Optional[str], typer.Option(help="Region, e.g. Europe, 'North America', Worldwide.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Source, e.g. remotive.")] = None,
    seniority: Annotated[Optional[str], typer.Option(help="Seniority, e.g. senior.")] = None,
    since: Annotated[Optional[str], typer.Option(help="First day to include (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last day to include (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(help="Without --skill: how many of the most demanded skills.")] = 10,
    panel: Annotated[str, typer.Option(help="all sources, or stable: only sources present over the whole range.")] = "all",
    format: Annotated[str, typer.Option(help="table, csv or json.")] = "table",
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse file to read.")] = None,
) -> None:
    """Per period and skill: postings mentioning it, all postings, the share with a 95% Wilson
    interval, and whether the period is complete (an incomplete period is not a drop)."""
    from warehouse.queries import trend_series
    from warehouse.safe_text import frame_to_csv

    if period not in ("week", "month"):
        _err(f"unknown --period {period!r}; use week or month")
        raise typer.Exit(2)
    if format not in _FORMATS:
        _err(f"unknown --format {format!r}; use table, csv or json")
        raise typer.Exit(2)
    if panel not in ("all", "stable"):
        _err(f"unknown --panel {panel!r}; use all or stable")
        raise typer.Exit(2)
    if limit < 1:
        _err("--limit must be at least 1")
        raise typer.Exit(2)
    first, last = _date_or_exit(since, "since"), _date_or_exit(until, "until")
    db = _warehouse_or_exit(warehouse)
    segment = _segment_or_exit(db, family=family, employment_type=employment_type, remote=remote,
                               region=region, source=source, seniority=seniority)
    skills = _skills_or_exit(db, skill) if skill else None
    df = trend_series(db, period=period, skills=skills, segment=segment, limit=limit, since=first,
                      until=last, panel=panel)
    if df.empty:
        typer.echo(f"no postings for {segment.label} in that range", err=True)
    df["period"] = df["period"].astype(str)
    if format == "json":
        records = json.loads(df.to_json(orient="records", double_precision=6))
        typer.echo(json.dumps(records, ensure_ascii=False, indent=1))
    elif format == "csv":
        typer.echo(frame_to_csv(df), nl=False)
    else:
        shown = df.assign(
            share=df["share"].map(lambda v: "" if v != v or v is None else f"{100 * v:.1f}%"),
            ci_95=[("" if lo != lo or lo is None else f"{100 * lo:.1f}–{100 * hi:.1f}%")
                   for lo, hi in zip(df["ci_low"], df["ci_high"])],
            complete=df["complete"].map({True: "yes", False: "no (partial)"}),
        ).drop(columns=["ci_low", "ci_high"])
        typer.echo(shown.to_string(index=False))
        typer.echo(f"\n{segment.label}; shares of counted postings (a job once per {period}); "
                   "95% Wilson intervals.", err=True)


@app.command()
def schema(
    markdown: Annotated[bool, typer.Option("--markdown", help="The whole data dictionary as Markdown (docs/DICTIONARY.md is this).")] = False,
) -> None:
    """The data dictionary: every table and column of the warehouse with its description."""
    from warehouse.dictionary import dictionary_markdown, empty_warehouse

    with empty_warehouse() as con:
        if markdown:
            typer.echo(dictionary_markdown(con), nl=False)
            return
        for schema_name, table, comment in con.execute(
                """SELECT schema_name, table_name, comment FROM duckdb_tables()
                   WHERE schema_name IN ('raw', 'core', 'mart', 'meta')
                   UNION ALL SELECT schema_name, view_name, comment FROM duckdb_views()
                   WHERE schema_name IN ('raw', 'core', 'mart', 'meta') AND NOT internal
                   ORDER BY 1, 2""").fetchall():
            first_sentence = (comment or "").split(". ")[0].rstrip(".")
            typer.echo(f"{schema_name}.{table:28} {first_sentence[:110]}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run `skillpulse`")
