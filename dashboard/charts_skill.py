"""Charts of the Skill page that dashboard/charts.py does not draw well enough (pure: DataFrames in,
Vega-Lite specs out, so tests can read them).

``segment_bars``: a skill's share in each value of one segment dimension, with its 95% interval. Unlike
``charts.segment_share_bars`` each bar gets a fixed step of height, so a dimension with one value is not
clipped and one with ten never hides every other label. A plain Vega-Lite spec (for
``st.vega_lite_chart``) rather than an Altair chart: the page draws five of them, and building and
validating five layered Altair charts took about half a second of every rerun.
"""

from __future__ import annotations

import pandas as pd

from dashboard.charts import PALETTE, RESERVED_TOOLTIP_TITLES, theme
from warehouse.safe_text import plain_text

BAR_STEP = 26  # pixels per bar: a 12 px label and its bar, never overlapping
LABEL_CHARS = 32


def _number(value) -> float | None:
    return None if value is None or value != value else float(value)


def segment_bars(frame: pd.DataFrame, *, overall: float | None = None, min_postings: int = 30) -> dict:
    """One bar per segment value (``label``: already a human name) with the 95% interval as a whisker
    (the counts in the tooltip); values with fewer than ``min_postings`` postings in the segment drawn
    faint (too little data); the skill's share over all postings as a dashed rule when ``overall`` is
    given. Labels and tooltips are plain text (Vega draws text as text; vega-tooltip escapes it)."""
    values = []
    for row in frame.itertuples(index=False):
        n = int(row.segment_postings_recent)
        values.append({
            "label": plain_text(row.label, max_chars=LABEL_CHARS), "share": _number(row.share_recent),
            "low": _number(row.share_recent_low), "high": _number(row.share_recent_high),
            "x": int(row.postings_recent), "n": n,
            "evidence": "enough postings" if n >= min_postings else "too little data",
        })
    order = [v["label"] for v in sorted(values, key=lambda v: -(v["share"] or 0))]
    top = max([v["high"] or 0 for v in values] + [overall or 0, 0.05])
    x_scale = {"domain": [0, min(1.0, top * 1.05)], "nice": False, "zero": True}
    y = {"field": "label", "type": "nominal", "title": None, "sort": order,
         "axis": {"labelLimit": 150, "labelFontSize": 12, "ticks": False}}
    tooltip = [
        {"field": "label", "type": "nominal", "title": "Segment"},
        {"field": "share", "type": "quantitative", "title": "Share of its postings", "format": ".1%"},
        {"field": "low", "type": "quantitative", "title": "95% interval from", "format": ".1%"},
        {"field": "high", "type": "quantitative", "title": "95% interval to", "format": ".1%"},
        {"field": "x", "type": "quantitative", "title": "Postings asking for it"},
        {"field": "n", "type": "quantitative", "title": "All postings in the segment"},
        {"field": "evidence", "type": "nominal", "title": "Evidence"},
    ]
    if any(t["title"].lower() in RESERVED_TOOLTIP_TITLES for t in tooltip):
        raise ValueError(f"tooltip titles must not be one of {sorted(RESERVED_TOOLTIP_TITLES)}")
    layers = [
        {"data": {"values": values}, "mark": {"type": "bar", "color": PALETTE[0], "height": {"band": 0.62}},
         "encoding": {"y": y, "tooltip": tooltip,
                      "x": {"field": "share", "type": "quantitative", "title": None, "scale": x_scale,
                            "axis": {"format": "%", "tickCount": 4, "grid": True}},
                      "opacity": {"field": "evidence", "type": "nominal", "legend": None,
                                  "scale": {"domain": ["enough postings", "too little data"], "range": [0.85, 0.3]}}}},
        {"data": {"values": values}, "mark": {"type": "rule", "color": "#333333", "strokeWidth": 1.4},
         "encoding": {"y": y, "tooltip": tooltip, "x": {"field": "low", "type": "quantitative", "scale": x_scale},
                      "x2": {"field": "high"}}},
    ]
    if overall is not None and overall == overall:
        layers.append({"data": {"values": [{"overall": float(overall)}]},
                       "mark": {"type": "rule", "color": PALETTE[5], "strokeDash": [4, 3], "strokeWidth": 1.5},
                       "encoding": {"x": {"field": "overall", "type": "quantitative", "scale": x_scale}}})
    # The rows go in each layer's own data, not the spec's top-level data: Streamlit converts
    # top-level data to Arrow, ~10 ms a chart on every rerun.
    return {"height": {"step": BAR_STEP}, "layer": layers,
            "config": theme()["config"]}
