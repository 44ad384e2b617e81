"""Prefect flows and the `skillpulse` CLI that compose the layers."""

import os

# Telemetry off by the project's own config, before Prefect or Streamlit is imported anywhere
# (STACK-NOTES.md: on a fresh home, Prefect's analytics also produce a "database is locked" trace).
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
# Prefect's temporary local API (used when no server is configured) gets 20 s to start by default;
# on a fresh Prefect home on a busy 2-core machine its database migrations alone can take longer.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
# Log lines go to the console only, not into Prefect's database as well: that copy is most of
# what made Prefect's home grow with every nightly run.
os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
