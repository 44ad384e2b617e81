"""`python -m dashboard.serve run app.py ...`: Streamlit's own command line, with the dashboard's
modules imported and the home page's figures computed before the first visitor arrives.

Streamlit imports a page's modules on its first script run, so without this the first visitor of
a freshly started dashboard waits for pandas, Altair, DuckDB, pydantic (the settings) and the
dashboard's own modules to import, then for the home page's queries (most of the cold first chart
measured by benchmarks/dashboard_browser.py). Importing dashboard.data here creates its
``st.cache_data`` wrappers before the runtime, which is fine: their caches live in the process and
are found by the page's calls. Then the home page's figures are computed into those caches
(dashboard/warm.py) before the server listens, so the first visitor reads them from memory.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import sys

import flows  # noqa: F401  (telemetry off before Streamlit is imported)


def _warm() -> None:
    """Compute the home page's figures into the caches (never raises)."""
    from dashboard import warm

    try:
        # Cached calls outside a script run make Streamlit warn, once per call, that there is no
        # ScriptRunContext, and that no runtime exists yet (the caches are plain in-memory ones
        # either way): expected here.
        with _quiet("streamlit.runtime.scriptrunner_utils.script_run_context"), \
                _quiet("streamlit.runtime.caching.cache_data_api"):
            seconds = warm.warm_home()
    except Exception as exc:  # noqa: BLE001  (a missing or broken warehouse: the page tells the visitor)
        print(f"home page not pre-computed: {exc.__class__.__name__}: {exc}", file=sys.stderr)
    else:
        print(f"home page figures computed in {seconds:.1f} s", file=sys.stderr)


@contextlib.contextmanager
def _quiet(logger: str):
    """Only errors from ``logger`` while the block runs."""
    target = logging.getLogger(logger)
    level = target.level
    target.setLevel(logging.ERROR)
    try:
        yield
    finally:
        target.setLevel(level)


#: Imported before the server starts (see the module docstring), heaviest first.
PRELOADED = ("pandas", "altair", "duckdb", "numpy", "pyarrow", "flows.settings", "warehouse.plan",
             "warehouse.queries", "warehouse.reports", "warehouse.safe_text", "dashboard.charts",
             "dashboard.components", "dashboard.data", "dashboard.pulse_panels")


def main() -> int:
    from streamlit.web import cli

    # Decorating dashboard.data's functions before the runtime exists makes Streamlit warn that it
    # checks their cache settings against an in-memory store: expected (see _warm).
    with _quiet("streamlit.runtime.caching.cache_data_api"):
        for module in PRELOADED:
            importlib.import_module(module)
    _warm()
    _skip_repl_check()
    return cli.main(prog_name="streamlit")


def _skip_repl_check() -> None:
    """Streamlit asks once per process, when a script draws its first element, whether it runs in a
    REPL (to print "use streamlit run"), with ``inspect.stack()``: ~0.3 s, paid by the first visitor's
    page. This process is the server started by ``streamlit run``: mark that warning as shown."""
    from streamlit import delta_generator

    if hasattr(delta_generator, "_use_warning_has_been_displayed"):
        delta_generator._use_warning_has_been_displayed = True


if __name__ == "__main__":
    sys.exit(main())
