"""`python -m dashboard.serve run app.py ...`: Streamlit's own command line, with the dashboard's
heavy libraries imported before the server starts.

Streamlit imports a page's modules on the first script run, so without this the first visitor
of a freshly started dashboard waits for pandas, Altair, DuckDB and NumPy to import (most of the
cold first chart measured by benchmarks/dashboard_browser.py). Only modules that do not touch
Streamlit's runtime are imported here: the cached wrappers in dashboard/data.py must be created
inside it.
"""

from __future__ import annotations

import sys

import flows  # noqa: F401  (telemetry off before Streamlit is imported)


def main() -> int:
    import altair  # noqa: F401
    import duckdb  # noqa: F401
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401
    from streamlit.web import cli

    import warehouse.plan  # noqa: F401
    import warehouse.queries  # noqa: F401
    import warehouse.reports  # noqa: F401
    import warehouse.safe_text  # noqa: F401

    return cli.main(prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main())
