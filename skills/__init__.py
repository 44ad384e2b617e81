"""SkillPulse skills: the taxonomy, the ``skillpulse_skills`` spaCy component, ambiguity rules
and bulk extraction.

Importing this package is cheap on purpose (the CLI imports it): spaCy is only imported when
something that needs it is used. ``TAXONOMY_VERSION`` and the extraction functions resolve
lazily through ``__getattr__``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

#: Version of the extraction logic (component + ambiguity rules); bump when output can change
#: for the same taxonomy, so the warehouse knows which rows to re-extract.
EXTRACTOR_VERSION = "2.0.0"

__all__ = [
    "EXTRACTOR_VERSION",
    "TAXONOMY_VERSION",
    "ExtractStats",
    "extract_records",
    "extract_stream",
    "load_pipeline",
    "load_taxonomy",
]

if TYPE_CHECKING:  # pragma: no cover
    from .extract import ExtractStats, extract_records, extract_stream, load_pipeline
    from .taxonomy import load_taxonomy

    TAXONOMY_VERSION: str

_EXTRACT_NAMES = {"ExtractStats", "extract_records", "extract_stream", "load_pipeline"}


def __getattr__(name: str) -> Any:
    if name == "TAXONOMY_VERSION":
        from .taxonomy import load_taxonomy

        return load_taxonomy().version
    if name == "load_taxonomy":
        from .taxonomy import load_taxonomy

        return load_taxonomy
    if name in _EXTRACT_NAMES:
        from . import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
