"""Altair chart builders: DataFrames in, charts out (pure, so tests can render their specs)."""

from __future__ import annotations

import base64
import re

import altair as alt
import pandas as pd

from warehouse.safe_text import plain_text

# Longest skill name drawn in a legend or tooltip (a name from an overlay can be any length).
LABEL_CHARS = 60
# vega-tooltip (Streamlit's tooltip handler) builds the tooltip with innerHTML: it escapes every
# key and value, but a key named "image" becomes <img src=value> and "title" a heading. So no
# tooltip title may be one of these (checked by tooltip_titles_are_plain and the tests).
RESERVED_TOOLTIP_TITLES = frozenset({"image", "title"})

# Okabe & Ito's colour-blind-safe palette: eight colours that stay apart for every common kind of
# colour blindness; every compared line gets its own (at most 6 are compared at once).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATUS_COLOURS = {"emerging": "#009E73", "rising": "#0072B2", "stable": "#999999", "declining": "#D55E00",
                  "too little data": "#CCCCCC"}


def theme() -> dict:
    """One theme for every chart (registered by dashboard/app.py)."""
    return {"config": {
        "range": {"category": PALETTE},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#eeeeee"},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top"},
        "view": {"stroke": None},
    }}


# Display names of the taxonomy's category ids (skills/data/taxonomy.json); unknown ids are
# shown capitalised, so a new category still reads acceptably before it gets a label here.
CATEGORY_LABELS = {
    "programming_languages": "Programming languages",
    "frameworks_libraries": "Frameworks & libraries",
    "data_ml": "Data & ML",
    "cloud_devops": "Cloud & DevOps",
    "databases": "Databases",
    "design": "Design",
    "marketing_sales": "Marketing & sales",
    "writing_content": "Writing & content",
    "business_finance": "Business & finance",
    "product_project": "Product & project",
    "soft_skills": "Soft skills",
    "tools_platforms": "Tools & platforms",
    "certifications": "Certifications",
}


def category_label(category: str | None) -> str:
    """Display name of a category id, as plain text (not Markdown: escape it for Markdown)."""
    if not category:
        return ""
    return plain_text(CATEGORY_LABELS.get(category, category.replace("_", " ").capitalize()))


def weekly_share_chart(trend: pd.DataFrame, *, smooth_weeks: int = 4) -> alt.Chart:
    """Weekly share of postings per skill: faint weekly points, a bold rolling-average line."""
    data = trend.sort_values(["skill", "week"]).copy()
    data["rolling"] = (
        data.groupby("skill")["share"].transform(lambda s: s.rolling(smooth_weeks, min_periods=1).mean())
    )
    # Legends and tooltips show text as text (Vega draws it; vega-tooltip escapes HTML), so the
    # names need no Markdown escaping, only control/bidi characters out and a sane length.
    data["skill"] = data["skill"].map(lambda name: plain_text(name, max_chars=LABEL_CHARS))
    base = alt.Chart(data).encode(
        x=alt.X("week:T", title="Week", axis=alt.Axis(format="%b %Y")),
        color=alt.Color("skill:N", title="Skill", legend=alt.Legend(orient="top")),
    )
    tooltip = [
        alt.Tooltip("skill:N", title="Skill"),
        alt.Tooltip("week:T", title="Week of", format="%d %b %Y"),
        alt.Tooltip("share:Q", title="Share of postings", format=".1%"),
        alt.Tooltip("postings_with_skill:Q", title="Postings mentioning it"),
        alt.Tooltip("postings_total:Q", title="All postings that week"),
    ]
    points = base.mark_circle(size=28, opacity=0.35).encode(
        y=alt.Y("share:Q", title="Share of postings", axis=alt.Axis(format="%")), tooltip=tooltip
    )
    line = base.mark_line(strokeWidth=2.5).encode(
        y=alt.Y("rolling:Q", title="Share of postings"), tooltip=tooltip
    )
    if not tooltip_titles_are_plain(tooltip):
        raise ValueError(f"tooltip titles must not be one of {sorted(RESERVED_TOOLTIP_TITLES)}")
    return (points + line).properties(height=340)


def tooltip_titles_are_plain(tooltip: list[alt.Tooltip]) -> bool:
    """True when no tooltip title is one vega-tooltip turns into markup ("image", "title")."""
    return not any(str(t.to_dict().get("title", "")).lower() in RESERVED_TOOLTIP_TITLES for t in tooltip)


# ---- number formats shared by the charts and the captions beside them (issue 12)

def fmt_share(value) -> str:
    """A share as a percentage: one decimal below 10%, none above ("–" when unknown)."""
    if value is None or value != value:
        return "–"
    pct = 100 * float(value)
    return f"{pct:.1f}%" if pct < 10 else f"{pct:.0f}%"


def fmt_interval(low, high) -> str:
    """A 95% interval of a share, "12–18%" (each bound with one decimal below 10%)."""
    if low is None or high is None or low != low or high != high:
        return "–"
    return f"{fmt_share(low)[:-1]}–{fmt_share(high)}"


def fmt_growth(growth_pct) -> str:
    """Relative change in percent with its sign ("+28%", "−17%"; a real minus sign)."""
    if growth_pct is None or growth_pct != growth_pct:
        return "–"
    value = float(growth_pct)
    if abs(value) < 0.5:
        return "±0%"
    return f"+{value:,.0f}%" if value > 0 else f"−{abs(value):,.0f}%"


def fmt_q(q_value) -> str:
    """A Benjamini–Hochberg q value ("q 0.03", "q < 0.001"; "not tested" when there is none)."""
    if q_value is None or q_value != q_value:
        return "not tested"
    q = float(q_value)
    if q < 0.001:
        return "q < 0.001"
    return f"q {q:.3f}" if q < 0.01 else f"q {q:.2f}"


# ---- the Pulse page: a sparkline per skill

def _runs(frame: pd.DataFrame, *, by: str = "skill", breaks: pd.Series | None = None) -> pd.Series:
    """A run id per row: rows of one skill up to the next break (a period with no share, or one that
    is not drawn as part of the line) share an id, so a line drawn with ``detail=run`` never joins
    across a gap."""
    gap = frame["share"].isna() if breaks is None else breaks
    return frame[by].astype(str) + "#" + gap.astype(int).groupby(frame[by]).cumsum().astype(str)


def sparkline_points(series: pd.DataFrame) -> dict:
    """What a sparkline draws of one skill's ``trend_series`` rows: its weeks with a share (each
    with a run id that changes at every gap, so the line is never drawn across one) and the
    x domain. Plain data, so the Pulse page can cache it with its panels (pulse_panels.py) and
    only colour it per row."""
    data = series.sort_values("period").reset_index(drop=True)
    runs = _runs(data)
    values = [
        {"period": p.strftime("%Y-%m-%d"), "share": float(share), "x": int(x), "n": int(n), "run": run}
        for p, share, x, n, run in zip(data["period"], data["share"], data["postings_with_skill"],
                                       data["postings_total"], runs)
        if share == share and share is not None
    ]
    return {"values": values, "first": data["period"].min().strftime("%Y-%m-%d"),
            "last": data["period"].max().strftime("%Y-%m-%d")}


SPARK_WIDTH, SPARK_HEIGHT = 120, 34
_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def sparkline(series: pd.DataFrame, *, colour: str, recent_start=None, width: int = SPARK_WIDTH,
              height: int = SPARK_HEIGHT) -> str:
    """A tiny weekly-share line for one skill (``trend_series`` rows) as Markdown, for
    ``st.markdown`` (see ``sparkline_markdown``)."""
    return sparkline_markdown(sparkline_points(series), colour=colour, recent_start=recent_start, width=width,
                              height=height)


def sparkline_svg(points: dict, *, colour: str, recent_start=None, width: int = SPARK_WIDTH,
                  height: int = SPARK_HEIGHT) -> str:
    """The SVG of ``sparkline_points``: the weekly share on a zero-based scale, one polyline per run
    of weeks with a share (a gap stays a gap; a lone week is a dot), the recent half of the compared
    window shaded, the last week as a dot. Drawn here rather than by Vega: the Pulse page shows
    twenty to thirty of them, and thirty Vega views kept the browser busy ~1 s before the first
    appeared (a cold home page drew its first chart 4.4 s after it was opened). Only numbers and
    dates go in, so no text of a posting can reach the markup."""
    if not _HEX_COLOUR.fullmatch(colour):
        raise ValueError(f"a sparkline colour is #rrggbb, not {colour!r}")
    first, last = pd.Timestamp(points["first"]), pd.Timestamp(points["last"])
    span = max((last - first).days, 1)
    top = max((float(v["share"]) for v in points["values"]), default=0.0) or 1.0
    pad_left, pad_right, pad_top, pad_bottom = 2, 4, 4, 2

    def x(day) -> float:
        return pad_left + (pd.Timestamp(day) - first).days / span * (width - pad_left - pad_right)

    def y(share: float) -> float:
        return height - pad_bottom - share / top * (height - pad_top - pad_bottom)

    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
              f'viewBox="0 0 {width} {height}">')]
    if recent_start is not None:
        left = min(max(x(recent_start), 0.0), float(width))
        parts.append(f'<rect x="{left:.1f}" y="0" width="{width - left:.1f}" height="{height}" '
                     'fill="#000000" fill-opacity="0.05"/>')
    runs: dict[str, list[tuple[float, float]]] = {}
    for v in points["values"]:
        runs.setdefault(v["run"], []).append((x(v["period"]), y(float(v["share"]))))
    for run in runs.values():
        if len(run) == 1:
            parts.append(f'<circle cx="{run[0][0]:.1f}" cy="{run[0][1]:.1f}" r="1.3" fill="{colour}"/>')
        else:
            coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="1.8" '
                         'stroke-linejoin="round" stroke-linecap="round"/>')
    if points["values"]:
        end = points["values"][-1]
        parts.append(f'<circle cx="{x(end["period"]):.1f}" cy="{y(float(end["share"])):.1f}" r="2.6" '
                     f'fill="{colour}"/>')
    parts.append("</svg>")
    return "".join(parts)


def sparkline_summary(points: dict) -> str:
    """The line in words (the image's alt text and hover title): numbers and dates only, no colon
    (Streamlit reads ``:name:`` as an icon)."""
    values = points["values"]
    if not values:
        return "No week with postings in the window"
    weeks = (pd.Timestamp(points["last"]) - pd.Timestamp(points["first"])).days // 7 + 1
    low = min(values, key=lambda v: v["share"])
    high = max(values, key=lambda v: v["share"])
    end = values[-1]
    return (f"Weekly share over {weeks} weeks, from {fmt_share(values[0]['share'])} to {fmt_share(end['share'])} "
            f"(week of {pd.Timestamp(end['period']):%d %b %Y}, {end['x']:,} of {end['n']:,} postings), "
            f"lowest {fmt_share(low['share'])}, highest {fmt_share(high['share'])}")


def sparkline_markdown(points: dict, *, colour: str, recent_start=None, width: int = SPARK_WIDTH,
                       height: int = SPARK_HEIGHT) -> str:
    """The sparkline as a Markdown image of its SVG (a data URI), with the line in words as its alt
    text and hover title: it is drawn as soon as the page's text is, with no chart library to load."""
    svg = sparkline_svg(points, colour=colour, recent_start=recent_start, width=width, height=height)
    summary = sparkline_summary(points)
    if re.search(r'[\[\]"\\<>:$]', summary):  # cannot happen (numbers and dates), but it is Markdown
        raise ValueError(f"unexpected characters in a sparkline summary: {summary!r}")
    return f'![{summary}](data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()} "{summary}")'


# ---- the Skill page: share over time with its interval, compared skills, partial periods

PERIOD_WORDS = {"week": ("Week", "Week of", "%d %b %Y", "%d %b"), "month": ("Month", "Month", "%B %Y", "%b %Y")}


def trend_layers(series: pd.DataFrame, skills: list[str]) -> dict[str, pd.DataFrame]:
    """The rows of each layer of ``share_trend_chart`` (pure, so tests can check what is drawn):

    - ``line``: complete periods with a share, each with a ``run`` id that changes at every gap
      (a period without postings, or a partial one), so no line is drawn across a gap;
    - ``partial``: incomplete periods with a share (drawn hollow, dashed, labelled "partial");
    - ``bridge``: for a partial period right after a complete one, the two points (a dashed link);
    - ``points``: every period with a share (complete and partial), for the tooltips and the click.
    """
    order = {name: i for i, name in enumerate(skills)}
    data = series.copy()
    data["order"] = data["skill"].map(order)
    data = data.sort_values(["order", "period"]).reset_index(drop=True)
    data["name"] = data["skill"].map(lambda s: plain_text(s, max_chars=LABEL_CHARS))
    data["complete"] = data["complete"].astype(bool)
    data["state"] = data["complete"].map({True: "complete", False: "partial (still being collected)"})
    data["run"] = _runs(data, breaks=data["share"].isna() | ~data["complete"])
    has_share = data["share"].notna()
    line = data[has_share & data["complete"]]
    partial = data[has_share & ~data["complete"]]
    bridges = []
    for i in partial.index:
        if i > 0 and data.at[i - 1, "skill"] == data.at[i, "skill"] and data.at[i - 1, "complete"] \
                and pd.notna(data.at[i - 1, "share"]):
            pair = data.loc[[i - 1, i]].copy()
            pair["leg"] = f"{data.at[i, 'skill']}#{i}"
            bridges.append(pair)
    bridge = pd.concat(bridges) if bridges else data.iloc[0:0].assign(leg=pd.Series(dtype=str))
    return {"line": line, "partial": partial, "bridge": bridge, "points": data[has_share]}


def spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as a Vega-Lite spec for ``st.vega_lite_chart``, without Altair's schema validation
    (slow for layered charts; the charts are validated in tests, where ``chart.to_dict()`` runs)."""
    return chart.to_dict(validate=False)


def share_trend_chart(series: pd.DataFrame, skills: list[str], *, period: str = "week",
                      selection: str = "picked", height: int = 360) -> alt.LayerChart:
    """Share of postings per period for up to 8 skills (``trend_series`` rows; ``skills`` in the
    order drawn, the page's skill first): a line with its 95% interval as a band, gaps left as gaps,
    partial periods as hollow points on a dashed link with an interval whisker and a "partial" label,
    counts in the tooltips, and a point selection ``selection`` on the period (click a point)."""
    if len(skills) > len(PALETTE):
        raise ValueError(f"at most {len(PALETTE)} skills can be told apart")
    unit, of, tip_format, axis_format = PERIOD_WORDS[period]
    layers = trend_layers(series, skills)
    names = [plain_text(s, max_chars=LABEL_CHARS) for s in skills]
    colour = alt.Color("name:N", title="Skill", sort=names,
                       scale=alt.Scale(domain=names, range=PALETTE[: len(names)]),
                       legend=alt.Legend(orient="top", labelLimit=260))
    x = alt.X("period:T", title=unit, axis=alt.Axis(format=axis_format, labelOverlap=True, grid=False))
    y = alt.Y("share:Q", title="Share of postings", axis=alt.Axis(format="%"), scale=alt.Scale(zero=True))
    tooltip = [
        alt.Tooltip("name:N", title="Skill"),
        alt.Tooltip("period:T", title=of, format=tip_format),
        alt.Tooltip("share:Q", title="Share of postings", format=".1%"),
        alt.Tooltip("ci_low:Q", title="95% interval from", format=".1%"),
        alt.Tooltip("ci_high:Q", title="95% interval to", format=".1%"),
        alt.Tooltip("postings_with_skill:Q", title="Postings asking for it"),
        alt.Tooltip("postings_total:Q", title="All postings in the segment"),
        alt.Tooltip("state:N", title="Period"),
    ]
    if not tooltip_titles_are_plain(tooltip):
        raise ValueError(f"tooltip titles must not be one of {sorted(RESERVED_TOOLTIP_TITLES)}")
    pick = alt.selection_point(name=selection, fields=["period"], on="click", nearest=True, empty=False,
                               clear="dblclick")
    line = alt.Chart(layers["line"]).encode(x=x, color=colour, detail="run:N")
    drawn = [
        line.mark_area(opacity=0.14, interpolate="linear").encode(y=alt.Y("ci_low:Q"), y2="ci_high:Q"),
        line.mark_line(strokeWidth=2.4).encode(y=y),
    ]
    if len(layers["bridge"]):
        drawn.append(alt.Chart(layers["bridge"]).mark_line(strokeWidth=2, strokeDash=[5, 4]).encode(
            x=x, y=y, color=colour, detail="leg:N"))
    points = alt.Chart(layers["points"]).encode(x=x, y=y, color=colour, tooltip=tooltip)
    drawn.append(points.mark_circle(size=36, opacity=0.9).transform_filter("datum.complete"))
    if len(layers["partial"]):
        partial = alt.Chart(layers["partial"]).encode(x=x, color=colour)
        drawn += [
            partial.mark_rule(strokeDash=[2, 2], strokeWidth=1.5).encode(y="ci_low:Q", y2="ci_high:Q"),
            partial.mark_point(filled=False, fill="white", size=80, strokeWidth=2).encode(y=y, tooltip=tooltip),
            partial.mark_text(dy=-12, fontSize=11, color="#555555", text="partial").encode(y=y),
        ]
    # The click target: every point, invisible, with the selection on the period.
    drawn.append(points.mark_circle(size=260, opacity=0).add_params(pick))
    drawn.append(alt.Chart(layers["points"]).mark_rule(color="#555555", strokeDash=[1, 3]).encode(x=x)
                 .transform_filter(pick))
    return alt.layer(*drawn).properties(height=height)


# ---- the Skill page: share by segment with intervals

def segment_share_bars(frame: pd.DataFrame, *, overall: float | None = None, min_postings: int = 30) -> alt.LayerChart:
    """One bar per segment value (``label`` already human and plain text) with the 95% interval as a
    whisker; values with fewer than ``min_postings`` postings in the segment drawn faint (too little
    data); the skill's share over all postings as a dashed rule when ``overall`` is given."""
    data = frame.copy()
    data["label"] = data["label"].map(lambda s: plain_text(s, max_chars=40))
    data["evidence"] = data["segment_postings_recent"].map(
        lambda n: "enough postings" if n >= min_postings else "too little data")
    order = data.sort_values("share_recent", ascending=False)["label"].tolist()
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=170))
    tooltip = [
        alt.Tooltip("label:N", title="Segment"),
        alt.Tooltip("share_recent:Q", title="Share of its postings", format=".1%"),
        alt.Tooltip("share_recent_low:Q", title="95% interval from", format=".1%"),
        alt.Tooltip("share_recent_high:Q", title="95% interval to", format=".1%"),
        alt.Tooltip("postings_recent:Q", title="Postings asking for it"),
        alt.Tooltip("segment_postings_recent:Q", title="All postings in the segment"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]
    if not tooltip_titles_are_plain(tooltip):
        raise ValueError(f"tooltip titles must not be one of {sorted(RESERVED_TOOLTIP_TITLES)}")
    base = alt.Chart(data).encode(y=y)
    layers = [
        base.mark_bar(color=PALETTE[0], height={"band": 0.7}).encode(
            x=alt.X("share_recent:Q", title="Share of the segment's postings", axis=alt.Axis(format="%"),
                    scale=alt.Scale(zero=True)),
            opacity=alt.Opacity("evidence:N", scale=alt.Scale(domain=["enough postings", "too little data"],
                                                              range=[0.85, 0.3]), legend=None),
            tooltip=tooltip),
        base.mark_rule(color="#333333", strokeWidth=1.4).encode(x="share_recent_low:Q", x2="share_recent_high:Q",
                                                                tooltip=tooltip),
    ]
    if overall is not None and overall == overall:
        layers.append(alt.Chart(pd.DataFrame({"overall": [overall]})).mark_rule(
            color=PALETTE[5], strokeDash=[4, 3], strokeWidth=1.5).encode(x="overall:Q"))
    return alt.layer(*layers).properties(height=max(60, 24 * len(data)))
