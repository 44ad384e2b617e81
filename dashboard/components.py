"""Pieces every page shares: the segment filters (kept in the URL, so a view can be shared), the
freshness line, human labels for codes, and the stop-with-a-message when there is no data yet.

Scraped or data-borne text reaches Markdown only through ``markdown_text`` and select options only
through ``plain_text`` (warehouse/safe_text.py).
"""

from __future__ import annotations

import functools

import streamlit as st

from dashboard import data
from warehouse.connect import WarehouseMissing
from warehouse.safe_text import markdown_text, plain_text
from warehouse.trends import Segment

ANY = "__any__"

EMPLOYMENT = {"full_time": "Full-time", "part_time": "Part-time", "contract": "Contract", "freelance": "Freelance",
              "internship": "Internship", "unknown": "Not stated"}
REMOTE = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On-site", "unknown": "Not stated"}
SENIORITY = {"intern": "Intern", "junior": "Junior", "mid": "Mid-level", "senior": "Senior", "lead": "Lead",
             "principal": "Principal", "director": "Director", "executive": "Executive", "unknown": "Not stated"}
SOURCES = {"remotive": "Remotive", "remoteok": "Remote OK", "arbeitnow": "Arbeitnow", "himalayas": "Himalayas",
           "jobicy": "Jobicy", "weworkremotely": "We Work Remotely", "hackernews": "Hacker News",
           "greenhouse": "Greenhouse", "lever": "Lever", "jsonld": "Career pages"}
STATUS = {"emerging": "Emerging", "rising": "Rising", "stable": "Stable", "declining": "Declining",
          "too little data": "Too little data"}
DIMENSIONS = {"family": "Role family", "remote": "Work arrangement", "region": "Region",
              "employment_type": "Employment type", "seniority": "Seniority", "source": "Source"}
#: The Skill page's sections below the evidence, one tab each (in this order; the first is open by
#: default). The open one is the URL's ``section`` parameter, so a shared link opens the same tab.
SKILL_SECTIONS = ("Where it is asked for", "What it pays", "Pairs well with", "How to prove it")
SECTION_PARAM = "section"


def label(dimension: str, value) -> str:
    """A human label for a segment value (never a raw code or "None")."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return "–"
    if dimension == "family":
        return data.family_labels().get(value, str(value))
    table = {"employment_type": EMPLOYMENT, "remote": REMOTE, "seniority": SENIORITY, "source": SOURCES,
             "status": STATUS}.get(dimension)
    return table.get(value, str(value).replace("_", " ").capitalize()) if table else str(value)


def stop_without_data() -> None:
    """When nothing is published yet, say how to build it and stop the page."""
    try:
        fresh = data.freshness()
    except WarehouseMissing as exc:
        st.warning(f"No data yet. {markdown_text(str(exc), one_line=True)}")
        st.stop()
    if fresh.built_at is None:
        st.warning("The warehouse has no completed refresh yet. Run `skillpulse refresh`.")
        st.stop()


def freshness_line() -> None:
    """When the data was built, its newest posting, the last refresh's status and what went wrong."""
    fresh = data.freshness()
    parts = [f"Built {fresh.built_at:%Y-%m-%d %H:%M} UTC"]
    if fresh.newest_posting is not None:
        age = (fresh.built_at.date() - fresh.newest_posting).days
        parts.append(f"newest posting {fresh.newest_posting:%Y-%m-%d}" + (f" (⚠ {age} days before the build)" if age > 7 else ""))
    parts.append(f"{fresh.postings:,} postings")
    if fresh.status not in ("success", "reextract", None):
        parts.append(f"⚠ last refresh {markdown_text(fresh.status)}")
    if fresh.failed_sources:
        parts.append("⚠ failed: " + ", ".join(markdown_text(label("source", s)) for s in fresh.failed_sources))
    if fresh.degraded_sources:
        parts.append("degraded: " + ", ".join(markdown_text(label("source", s)) for s in fresh.degraded_sources))
    if fresh.quarantined or fresh.repaired:
        parts.append(f"{fresh.quarantined:,} records quarantined, {fresh.repaired:,} stored with a fix")
    if fresh.failed_runs_since:
        parts.append(f"⚠ {fresh.failed_runs_since} refresh{'es' if fresh.failed_runs_since > 1 else ''} failed since")
    parts.append(f"taxonomy {markdown_text(fresh.taxonomy_version)}")
    st.caption(" · ".join(parts))


def _param(name: str) -> str | None:
    value = st.query_params.get(name)
    return value if value not in (None, "", ANY) else None


def segment_filters(dimensions=("family", "remote", "region", "employment_type"), *, where=None,
                    key_prefix: str = "seg") -> Segment:
    """Select boxes for the segment (in the sidebar unless ``where`` is given), initialised from and
    written back to the URL's query parameters, so a view can be bookmarked and shared."""
    where = where or st.sidebar
    values = data.segment_values()
    chosen = {}
    for dim in dimensions:
        frame = values[dim]
        options = [ANY, *[v for v in frame["value"].tolist() if v is not None]]
        counts = dict(zip(frame["value"], frame["postings"]))
        current = _param(dim)
        key = f"{key_prefix}-{dim}"
        index = 0 if _url_wins(key, current if current in options else None) else (
            options.index(current) if current in options else 0)

        def fmt(v, dim=dim, counts=counts):
            if v == ANY:
                return f"All ({DIMENSIONS[dim].lower()})"
            return plain_text(f"{label(dim, v)} · {int(counts.get(v, 0)):,}", max_chars=60)

        value = where.selectbox(DIMENSIONS[dim], options, index=index, format_func=fmt, key=key)
        if value == ANY:
            st.query_params.pop(dim, None)
        else:
            st.query_params[dim] = value
            chosen[dim] = value
        st.session_state[f"_url-{key}"] = None if value == ANY else value  # what the URL says now
    return Segment(**chosen)


def _url_wins(key: str, in_url) -> bool:
    """Before the select box ``key`` is made: when the URL's value changed since the last run (a
    link to this page with other parameters, back/forward, a shared link opened in this session),
    set the box to it and say so (the box then takes no default of its own). A URL without the
    parameter (a page reached by its sidebar link) leaves the box as the user left it, so a niche
    follows the user from page to page. The value is set, not the key dropped: a box made again
    from a dropped key shows the URL's value, but the browser keeps its old choice and sends it
    back on the next rerun (a "pairs well with" link led back to the skill it came from)."""
    seen = f"_url-{key}"
    if in_url is not None and seen in st.session_state and st.session_state[seen] != in_url:
        st.session_state[key] = in_url
        return True
    return False


def segment_caption(segment: Segment) -> str:
    """The segment in words, Markdown-safe."""
    items = segment.items()
    if not items:
        return "all postings"
    return ", ".join(markdown_text(f"{DIMENSIONS[k].lower()}: {label(k, v)}") for k, v in items)


@functools.lru_cache(maxsize=16384)
def option_label(name: str) -> str:
    """A skill (or other scraped name) as a select option: plain text of at most 60 characters.
    Memoised: a select box of every skill formats ~1,700 names on every rerun (~40 ms a page)."""
    return plain_text(name, max_chars=60)


def selected_skill(default: str | None = None, *, key: str = "skill", where=None) -> str | None:
    """The skill in the URL (``?skill=``), chosen from every skill of the taxonomy."""
    where = where or st.sidebar
    names = data.skill_names()
    if not names:
        return None
    in_url = st.query_params.get("skill")
    in_url = in_url if in_url in names else None
    current = in_url or (default if default in names else names[0])
    index = 0 if _url_wins(key, in_url) else names.index(current)
    skill = where.selectbox("Skill", names, index=index, key=key, format_func=option_label)
    st.session_state[f"_url-{key}"] = skill
    st.query_params["skill"] = skill
    return skill
