"""Which skills the Pulse page shows in its three panels, and their sparkline series: the
selection rules live here (not in the page, which is layout), so dashboard/warm.py can fill the
same caches before the first visitor arrives.

Rising and declining skills are ranked by how much their share moved (percentage points), so a
skill going from 14% to 31% of postings leads one going from 0.3% to 7%; skills without enough
evidence are listed under each panel, never ranked.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pandas as pd

from dashboard import charts, data
from warehouse.stats import EVIDENCE
from warehouse.trends import Segment

HORIZON = 13  # weeks in each half of the compared window (trends.PRIMARY_HORIZON)
RANKED = 8  # skills ranked per panel
UNRANKED = 3  # skills listed without a rank under a panel (too little data / not significant yet)


@dataclass
class PulsePanels:
    """The rows of each panel as tuples of records (attributes are the columns of ``trends``), made
    once with the cache entry: the trend frames are wide and carry attrs, so iterating them with
    ``itertuples`` on every rerun took ~0.13 s."""
    trends: pd.DataFrame
    rising: tuple
    demanded: tuple
    declining: tuple
    demanded_thin: tuple  # would be among the most demanded, on too few postings
    not_yet_up: tuple  # up by the minimum effect, not significant yet
    not_yet_down: tuple
    thin_up: tuple  # up, on too little data
    thin_down: tuple
    series: pd.DataFrame  # weekly share over both halves of the window, of every ranked skill
    sparks: dict[str, dict]  # charts.sparkline_points of each ranked skill with a share in some week


def select(trends: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The rows of each panel (see the module docstring)."""
    by_growth = trends.sort_values(["growth", "postings_recent", "skill"], ascending=[False, False, True])
    # The significant ones are ranked by how far their share moved (percentage points), not by the
    # ratio: a ratio is largest for the rarest skills (0.3% -> 2% is +600%), which says little about demand.
    moved = trends.assign(moved=trends["share_recent"].fillna(0) - trends["share_before"].fillna(0))
    rising = moved[moved["status"].isin(["rising", "emerging"])] \
        .sort_values(["moved", "growth", "skill"], ascending=[False, False, True]).head(RANKED)
    declining = moved[moved["status"] == "declining"].sort_values(["moved", "growth", "skill"]).head(RANKED)
    by_share = trends.sort_values(["share_recent", "postings_recent", "skill"], ascending=[False, False, True])
    enough = by_share["postings_recent"] >= EVIDENCE.min_skill_postings
    demanded = by_share[enough].head(RANKED)
    # Skills whose share would put them among the most demanded but that have too few postings.
    floor = demanded["share_recent"].min() if len(demanded) == RANKED else -1.0
    demanded_thin = by_share[~enough & (by_share["share_recent"] >= floor)].head(UNRANKED)
    # Thin skills worth a mention: a few postings at least (a skill going from 2 postings to 0 is not news).
    some = (trends["postings_recent"] + trends["postings_before"]) >= EVIDENCE.min_skill_postings
    thin_up = by_growth[(by_growth["status"] == "too little data") & (by_growth["growth"] >= EVIDENCE.min_effect)
                        & some.reindex(by_growth.index)].head(UNRANKED)
    thin_down = trends[(trends["status"] == "too little data") & (trends["growth"] <= -EVIDENCE.min_effect) & some] \
        .sort_values(["growth", "skill"]).head(UNRANKED)
    not_yet_up = by_growth[(by_growth["status"] == "stable")
                           & (by_growth["growth"] >= EVIDENCE.min_effect)].head(UNRANKED)
    not_yet_down = trends[(trends["status"] == "stable") & (trends["growth"] <= -EVIDENCE.min_effect)] \
        .sort_values(["growth", "skill"]).head(UNRANKED)
    return {"rising": rising, "demanded": demanded, "declining": declining, "demanded_thin": demanded_thin,
            "not_yet_up": not_yet_up, "not_yet_down": not_yet_down, "thin_up": thin_up, "thin_down": thin_down}


@data.cached
def pulse_panels(db: str, version: str, segment: Segment) -> PulsePanels:
    """The three panels of ``segment`` with their sparkline points, cached per warehouse version
    (called as ``pulse_panels(segment)``): choosing the rows and the points of twenty sparklines
    took ~0.3 s of pandas on every rerun."""
    trends = data.skill_trends(segment, HORIZON)
    panels = select(trends)
    shown = pd.concat([panels["rising"], panels["demanded"], panels["declining"]])  # ranked rows get a line
    skills = tuple(dict.fromkeys(shown["skill"]))
    window_start, window_end = trends.attrs["window_start"], trends.attrs["window_end"]
    series = (data.trend_series("week", skills, segment, since=window_start, until=window_end, limit=len(skills),
                                panel="stable")
              if skills and window_end is not None else pd.DataFrame(columns=["skill", "share"]))
    sparks = {skill: charts.sparkline_points(rows) for skill, rows in series.groupby("skill", sort=False)
              if rows["share"].notna().any()} if len(series) else {}
    rows = {name: tuple(SimpleNamespace(**record) for record in frame.to_dict("records"))
            for name, frame in panels.items()}
    return PulsePanels(trends=trends, series=series, sparks=sparks, **rows)
