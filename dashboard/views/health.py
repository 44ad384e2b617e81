"""Data health: the refresh runs (failed and killed ones too), each source's last crawl and last
success, field coverage per source, the crawlers' quality counters and the latest quarantined
records, so a user can judge how far to trust the figures.

Untrusted text (errors, notes, record ids, reasons, quarantine payloads, source names) is shown
only in table cells through ``plain_text``; Markdown gets our own words and ``markdown_text``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts_health, components, data
from warehouse.safe_text import plain_text

RUN_STATUS = {"success": "✓ Published", "partial": "⚠ Published, a source failed", "reextract": "✓ Re-extracted",
              "failed": "✗ Failed, published nothing", "killed": "✗ Killed, published nothing"}
STAGES = {"crawl": "Crawl", "load": "Load", "extract": "Skill extraction", "marts": "Figures", "publish": "Publish"}
SOURCE_STATUS = {"ok": "✓ OK", "failed": "✗ Failed"}
PROBLEMS = {"problem": "Present but unusable (emptied)", "missing": "Missing"}
FIELDS = {"wrong_type": "A field of the wrong type", "posted_at": "Posted date", "url": "Link", "title": "Title",
          "company": "Company", "description": "Description", "salary": "Pay", "salary_text": "Pay (text)",
          "salary_min": "Pay, lowest", "salary_max": "Pay, highest", "salary_currency": "Pay currency",
          "salary_period": "Pay period", "employment_type": "Employment type", "remote": "Work arrangement",
          "location": "Location", "country_codes": "Countries", "seniority": "Seniority", "tags": "Tags"}
Q_STAGES = {"crawl": "Crawl", "load": "Load", "extract": "Skill extraction"}
ACTIONS = {"dropped": "Dropped (not stored)", "truncated": "Stored, cut short", "repaired": "Stored, repaired"}
TEXT_CHARS = 300
FAILED_NOTE = "failed sources: "  # how warehouse/runs.py notes a run's failed sources


def _word(table: dict, value) -> str:
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return "–"
    return table.get(value, plain_text(str(value).replace("_", " ").capitalize(), max_chars=40))


def _when(value) -> str:
    """A timestamp as "YYYY-MM-DD HH:MM" (UTC), or "–"."""
    if value is None or pd.isna(value):
        return "–"
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC")
    return f"{stamp:%Y-%m-%d %H:%M}"


def _duration(start, end) -> str:
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return "–"
    seconds = max(0, int((pd.Timestamp(end) - pd.Timestamp(start)).total_seconds()))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def _what(error, note) -> str:
    """The run's error, else its note, as plain text (a note naming failed sources gets their names)."""
    if isinstance(error, str) and error.strip():
        return plain_text(error, max_chars=TEXT_CHARS)
    if not isinstance(note, str) or not note.strip():
        return "–"
    if note.startswith(FAILED_NOTE):
        names = [components.label("source", s.strip()) for s in note[len(FAILED_NOTE):].split(",") if s.strip()]
        return plain_text("Failed sources: " + ", ".join(names), max_chars=TEXT_CHARS)
    return plain_text(note[:1].upper() + note[1:], max_chars=TEXT_CHARS)


def _count(value):
    return None if value is None or pd.isna(value) else int(value)


components.stop_without_data()
st.title("Data health")
components.freshness_line()

runs = data.runs()
sources = data.sources()
problems = data.field_problems()
quarantine = data.quarantine()

# ---- the headline
published = runs[runs["status"].isin(["success", "partial", "reextract"])]
failed_sources = sources[sources["last_status"].notna() & (sources["last_status"] != "ok")]
m1, m2, m3, m4 = st.columns([1.1, 1.5, 1, 1])  # room for "YYYY-MM-DD HH:MM" at 1280 px (cut at 4 equal)
m1.metric("Last refresh", _word(RUN_STATUS, runs["status"].iloc[0]) if len(runs) else "none yet",
          help="The newest run, whether it published or not.")
m2.metric("Last published", _when(published["finished_at"].iloc[0]) if len(published) else "never",
          help="When the data you see was built (UTC).")
m3.metric("Sources OK", f"{len(sources) - len(failed_sources)} of {len(sources)}",
          help="Sources whose last crawl ended without an error.")
m4.metric("Records quarantined", f"{int(runs['quarantined'].fillna(0).sum()):,}",
          help=f"Over the {len(runs)} runs listed below.")

# ---- runs
st.subheader("Refresh runs")
st.caption("Newest first. A failed or killed run publishes nothing (the data stays as the last published run "
           "left it) and is recorded by the next run that publishes.")
if runs.empty:
    st.info("No refresh has been recorded yet.")
else:
    run_table = pd.DataFrame({
        "started": runs["started_at"].map(_when),
        "status": runs["status"].map(lambda v: _word(RUN_STATUS, v)),
        "stage": runs["stage_reached"].map(lambda v: _word(STAGES, v)),
        "took": [_duration(s, e) for s, e in zip(runs["started_at"], runs["finished_at"])],
        "postings": runs["postings_total"].map(_count).astype("Int64"),
        "new": runs["postings_new"].map(_count).astype("Int64"),
        "quarantined": runs["quarantined"].map(_count).astype("Int64"),
        "repaired": runs["repaired"].map(_count).astype("Int64"),
        "what": [_what(e, n) for e, n in zip(runs["error"], runs["note"])],
        "run_id": runs["run_id"].map(plain_text),
    })
    st.dataframe(run_table, hide_index=True, placeholder="–", height=min(38 + 35 * len(run_table), 388), column_config={
        "started": st.column_config.TextColumn("Started (UTC)", width=128),
        "status": st.column_config.TextColumn("Result", width=200),
        "stage": st.column_config.TextColumn("Stage reached", width=110,
                                             help="Crawl → Load → Skill extraction → Figures → Publish."),
        "took": st.column_config.TextColumn("Took", width=90),
        "postings": st.column_config.NumberColumn("Postings", width=80, help="In the warehouse after the run."),
        "new": st.column_config.NumberColumn("New", width=64),
        "quarantined": st.column_config.NumberColumn("Quarantined", width=96, help="Records dropped into quarantine."),
        "repaired": st.column_config.NumberColumn("Repaired", width=80, help="Records stored with a fix."),
        "what": st.column_config.TextColumn("Error or note", width="large"),
        "run_id": st.column_config.TextColumn("Run", width="medium"),
    })

# ---- sources
st.subheader("Sources")
source_table = pd.DataFrame({
    "source": sources["source"].map(lambda v: components.label("source", v)),
    "postings": sources["postings"].map(_count).astype("Int64"),
    "open": sources["open_postings"].map(_count).astype("Int64"),
    "newest": sources["newest_posting"].map(lambda v: "–" if v is None or pd.isna(v) else f"{pd.Timestamp(v):%Y-%m-%d}"),
    "last_crawl": sources["last_crawl"].map(_when),
    "last_status": sources["last_status"].map(lambda v: _word(SOURCE_STATUS, v) if isinstance(v, str) else "never crawled"),
    "items": sources["last_items"].map(_count).astype("Int64"),
    "errors": sources["last_errors"].map(_count).astype("Int64"),
    "last_success": [_when(v) if not (v is None or pd.isna(v)) else ("never" if isinstance(s, str) else "–")
                     for v, s in zip(sources["last_success"], sources["last_status"])],
})
st.dataframe(source_table, hide_index=True, placeholder="–", height=min(38 + 35 * max(len(source_table), 1), 388), column_config={
    "source": st.column_config.TextColumn("Source", width=130, pinned=True),
    "postings": st.column_config.NumberColumn("Postings", width=80, help="Stored, open or closed."),
    "open": st.column_config.NumberColumn("Open", width=64, help="Still listed at the last crawl."),
    "newest": st.column_config.TextColumn("Newest posting", width=110),
    "last_crawl": st.column_config.TextColumn("Last crawl (UTC)", width=128),
    "last_status": st.column_config.TextColumn("Its result", width=90),
    "items": st.column_config.NumberColumn("Items", width=64, help="Postings the last crawl returned."),
    "errors": st.column_config.NumberColumn("Errors", width=64, help="Errors the last crawl logged."),
    "last_success": st.column_config.TextColumn("Last success (UTC)", width=128),
})

# ---- coverage
st.subheader("Field coverage")
st.caption("The share of each source's stored postings with a usable value. Hover a cell for what counts.")
long = charts_health.coverage_long(sources, lambda s: components.label("source", s))
if long.empty:
    st.info("No postings stored yet, so no coverage to show.")
else:
    st.altair_chart(charts_health.coverage_heatmap(long), width="stretch")
    with st.expander("Field coverage as a table"):
        wide = long.pivot(index="source", columns="field", values="coverage")
        wide = wide[[f for f in charts_health.COVERAGE_FIELDS.values() if f in wide.columns]] * 100
        st.dataframe(wide.reset_index().rename(columns={"source": "Source"}), hide_index=True,
                     column_config={f: st.column_config.NumberColumn(f, format="%.0f%%")
                                    for f in charts_health.COVERAGE_FIELDS.values()})

# ---- the crawlers' counters
st.subheader("Field problems in the last crawls")
st.caption("Per source, postings whose field was missing, or present but unusable and emptied (the posting "
           "was kept).")
if problems.empty:
    st.success("No field problems in any source's last crawl.")
else:
    st.dataframe(pd.DataFrame({
        "source": problems["source"].map(lambda v: components.label("source", v)),
        "field": problems["field"].map(lambda v: _word(FIELDS, v)),
        "problem": problems["problem"].map(lambda v: _word(PROBLEMS, v)),
        "postings": problems["postings"].map(_count).astype("Int64"),
    }).sort_values(["source", "postings"], ascending=[True, False]), hide_index=True,
        height=min(38 + 35 * len(problems), 388), column_config={
        "source": st.column_config.TextColumn("Source", width=130),
        "field": st.column_config.TextColumn("Field", width="medium"),
        "problem": st.column_config.TextColumn("Problem", width="medium"),
        "postings": st.column_config.NumberColumn("Postings", width=80),
    })

# ---- quarantine
st.subheader("Quarantined records")
st.caption("The latest records a stage could not take as they were (newest first; payloads cut at 300 "
           "characters and shown as plain text). The whole records are in meta.quarantine.")
if quarantine.empty:
    st.success("Nothing quarantined: every record was stored as it came.")
else:
    st.dataframe(pd.DataFrame({
        "when": quarantine["quarantined_at"].map(_when),
        "stage": quarantine["stage"].map(lambda v: _word(Q_STAGES, v)),
        "source": quarantine["source"].map(lambda v: components.label("source", v)),
        "action": quarantine["action"].map(lambda v: _word(ACTIONS, v)),
        "reason": quarantine["reason"].map(lambda v: plain_text(v, max_chars=TEXT_CHARS) or "–"),
        "record": quarantine["record_id"].map(lambda v: plain_text(v, max_chars=80) or "–"),
        "payload": quarantine["payload"].map(lambda v: plain_text(v, max_chars=TEXT_CHARS) or "–"),
    }), hide_index=True, height=min(38 + 35 * len(quarantine), 388), column_config={
        "when": st.column_config.TextColumn("When (UTC)", width=128),
        "stage": st.column_config.TextColumn("Stage", width=110),
        "source": st.column_config.TextColumn("Source", width=110),
        "action": st.column_config.TextColumn("Action", width=140),
        "reason": st.column_config.TextColumn("Reason", width="medium"),
        "record": st.column_config.TextColumn("Record", width="small"),
        "payload": st.column_config.TextColumn("Payload (as received)", width="large"),
    })
