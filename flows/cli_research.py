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


@app.command()
def synth(
    postings: Annotated[int, typer.Option(help="How many postings to write.")] = 100_000,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same files.")] = 1,
    end: Annotated[Optional[str], typer.Option(help="Last day of the corpus (YYYY-MM-DD; default yesterday).")] = None,
    weeks: Annotated[int, typer.Option(help="ISO weeks the corpus spans, ending with the week of --end.")] = 104,
    out: Annotated[Path, typer.Option(help="Folder for the crawl files (<source>.jsonl) and truth.json.")] = Path("data/synth"),
) -> None:
    """Write a realistic synthetic corpus as crawl files (long-tail skills, trends, segments, pay,
    cross-board copies, re-posts): load it with `skillpulse refresh --from-dir OUT`."""
    from datetime import timedelta

    from crawlers.synth import write_synthetic_corpus

    if postings < 1 or weeks < 1:
        _err("--postings and --weeks must be at least 1")
        raise typer.Exit(2)
    last = _date_or_exit(end, "end") or (date.today() - timedelta(days=1))
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.console import Console

    with Progress(TextColumn("synth"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,}"),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True,
                  disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("synth", total=postings)
        summary = write_synthetic_corpus(out, postings=postings, seed=seed, end=last, weeks=weeks,
                                         progress=lambda n: progress.update(task, completed=n))
    typer.echo(f"wrote {summary.postings:,} postings ({summary.distinct_jobs:,} jobs) in {summary.seconds:.1f}s "
               f"to {out}; load them with `skillpulse refresh --from-dir {out}`", err=True)
    typer.echo(json.dumps(summary.to_dict(), indent=1, default=str))


def _write(text: str, out: Optional[Path]) -> None:
    if out is None:
        typer.echo(text, nl=False)
    else:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}", err=True)


def cv_skills(text: str) -> list[str]:
    """The skills the extractor finds in a CV or profile text (canonical names, in order found)."""
    from skills.extract import extract_records, load_pipeline

    settings = Settings()
    nlp = load_pipeline(settings.taxonomy_path, overlays=settings.taxonomy_layers)
    found = next(extract_records([{"id": "cv", "text": text}], nlp=nlp))["skills"]
    return list(dict.fromkeys(m["skill"] for m in found))


@app.command()
def plan(
    skills: Annotated[Optional[str], typer.Option(help='Your skills, comma-separated: "React, TypeScript".')] = None,
    profile: Annotated[Optional[str], typer.Option(help="A saved profile: a name under DATA_DIR/profiles/ or a JSON file.")] = None,
    cv: Annotated[Optional[Path], typer.Option(help="A CV or profile text file: its skills are found by the extractor.")] = None,
    drop: Annotated[Optional[str], typer.Option(help="Skills to remove from what was found or loaded, comma-separated.")] = None,
    family: Annotated[Optional[list[str]], typer.Option("--family", help="Role family (repeatable), by id or label.")] = None,
    remote: Annotated[bool, typer.Option("--remote", help="Only remote postings.")] = False,
    contract: Annotated[bool, typer.Option("--contract", help="Only contract or freelance postings.")] = False,
    region: Annotated[Optional[str], typer.Option(help="Your region (postings open worldwide count too).")] = None,
    min_rate: Annotated[Optional[float], typer.Option("--min-rate", help="Minimum hourly rate; postings stating less are out.")] = None,
    currency: Annotated[str, typer.Option(help="Currency of --min-rate.")] = "USD",
    weeks: Annotated[int, typer.Option(help="Window: the last N complete weeks (1-52).")] = 13,
    reach_share: Annotated[float, typer.Option("--reach-share", help="Within reach: you hold at least this share of a posting's core skills.")] = 0.5,
    all_but: Annotated[Optional[int], typer.Option("--all-but", help="Within reach instead: you hold all of a posting's core skills but at most N.")] = None,
    limit: Annotated[int, typer.Option(help="How many skills to recommend.")] = 10,
    save: Annotated[Optional[str], typer.Option(help="Save the profile under this name (DATA_DIR/profiles/NAME.json).")] = None,
    format: Annotated[str, typer.Option(help="md, csv or json.")] = "md",
    out: Annotated[Optional[Path], typer.Option(help="Write the report to this file (default: print it).")] = None,
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse file to read.")] = None,
) -> None:
    """What to learn next: the skills that bring the most postings within reach of yours, with what
    they pay, whether they are rising, how to prove them, and the postings behind each figure."""
    from warehouse.plan import Profile, build_plan
    from warehouse.reports import plan_csv, plan_markdown

    if format not in ("md", "csv", "json"):
        _err(f"unknown --format {format!r}; use md, csv or json")
        raise typer.Exit(2)
    if not 1 <= weeks <= 52 or limit < 1 or not 0 < reach_share <= 1 or (all_but is not None and not 0 <= all_but <= 5):
        _err("--weeks must be 1-52, --limit at least 1, --reach-share in (0, 1], --all-but 0-5")
        raise typer.Exit(2)
    settings = Settings(**({"warehouse_path": warehouse} if warehouse else {}))
    db = _warehouse_or_exit(warehouse)
    folder = settings.data_dir / "profiles"
    base = Profile()
    if profile:
        path = Path(profile) if Path(profile).suffix == ".json" or "/" in profile else folder / f"{profile}.json"
        try:
            base = Profile.load(path)
        except (OSError, ValueError) as exc:
            _err(f"cannot load profile {path}: {exc}")
            raise typer.Exit(2)
    names = list(base.skills)
    if skills:
        names += [s.strip() for s in skills.split(",") if s.strip()]
    if cv is not None:
        try:
            text = cv.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            _err(f"cannot read --cv: {exc}")
            raise typer.Exit(2)
        found = cv_skills(text)
        typer.echo(f"found in {cv}: {', '.join(found) or 'no skills'} (remove any with --drop)", err=True)
        names += found
    resolved = _skills_or_exit(db, names) if names else []
    if drop:
        dropped = {d.strip().lower() for d in drop.split(",")}
        resolved = [s for s in resolved if s.lower() not in dropped]
    families = list(base.families)
    for f in family or []:
        families.append(_segment_or_exit(db, family=f).family)
    region_value = region or base.region
    if region_value:
        region_value = _segment_or_exit(db, region=region_value).region
    chosen = Profile(skills=resolved, families=list(dict.fromkeys(families)), remote_only=remote or base.remote_only,
                     contract_only=contract or base.contract_only, region=region_value,
                     min_rate=min_rate if min_rate is not None else base.min_rate,
                     min_rate_currency=currency if min_rate is not None else base.min_rate_currency,
                     name=save or base.name)
    if not chosen.skills:
        _err("give your skills: --skills \"A, B\", --cv FILE or --profile NAME")
        raise typer.Exit(2)
    if save:
        typer.echo(f"saved the profile to {chosen.save(folder)}", err=True)
    result = build_plan(db, chosen, weeks=weeks, reach_share=reach_share, all_but=all_but, limit=limit)
    if format == "md":
        _write(plan_markdown(result), out)
    elif format == "csv":
        _write(plan_csv(result), out)
    else:
        _write(json.dumps(result.to_dict(), indent=1, ensure_ascii=False, default=str) + "\n", out)


@app.command()
def evidence(
    skill: Annotated[str, typer.Argument(help="The skill (name or alias).")],
    family: Annotated[Optional[str], typer.Option(help="Role family, by id or label.")] = None,
    employment_type: Annotated[Optional[str], typer.Option("--employment-type", help="full_time, contract, freelance, ...")] = None,
    remote: Annotated[Optional[str], typer.Option(help="remote, hybrid, onsite.")] = None,
    region: Annotated[Optional[str], typer.Option(help="Region.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Source.")] = None,
    seniority: Annotated[Optional[str], typer.Option(help="Seniority.")] = None,
    since: Annotated[Optional[str], typer.Option(help="First day (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last day (YYYY-MM-DD).")] = None,
    format: Annotated[str, typer.Option(help="md or csv.")] = "md",
    out: Annotated[Optional[Path], typer.Option(help="Write the report to this file (default: print it).")] = None,
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse file to read.")] = None,
) -> None:
    """Every counted posting behind a skill's figures (not a sample): title, company, date, link, the
    sentence that asks for it and how many copies it stands for."""
    from warehouse.queries import data_as_of, skill_evidence
    from warehouse.reports import evidence_csv, evidence_markdown

    if format not in ("md", "csv"):
        _err(f"unknown --format {format!r}; use md or csv")
        raise typer.Exit(2)
    first, last = _date_or_exit(since, "since"), _date_or_exit(until, "until")
    db = _warehouse_or_exit(warehouse)
    segment = _segment_or_exit(db, family=family, employment_type=employment_type, remote=remote,
                               region=region, source=source, seniority=seniority)
    name = _skills_or_exit(db, [skill])[0]
    frame = skill_evidence(db, name, segment, since=first, until=last)
    fresh = data_as_of(db)
    versions = {"data_as_of": None if fresh is None else str(fresh.finished_at)[:16],
                "taxonomy_version": None if fresh is None else fresh.taxonomy_version,
                "extractor_version": None if fresh is None else fresh.extractor_version}
    if format == "md":
        _write(evidence_markdown(name, frame, segment_label=segment.label, versions=versions), out)
    else:
        _write(evidence_csv(frame), out)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run `skillpulse`")
