"""Fill the dashboard's caches before the first visitor arrives: the figures the home page
(Pulse, all postings) needs, computed by the same cached calls the page makes, so the first
visit after a start or a publish reads them from memory.

Run by dashboard/serve.py in a background thread once Streamlit's runtime is up. It never stops
the server: a missing warehouse or a failed query is logged and the page computes as usual.
"""

from __future__ import annotations

import logging
import time

from dashboard import data, pulse_panels
from warehouse.trends import Segment

log = logging.getLogger("skillpulse.dashboard")


def warm_home() -> float:
    """Compute (and so cache) the home page's figures for all postings; the seconds it took."""
    started = time.perf_counter()
    data.freshness()
    data.segment_values()
    data.family_labels()
    pulse_panels.pulse_panels(Segment())
    return time.perf_counter() - started
