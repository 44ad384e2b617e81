"""Typed reads of a native record's fields, shared by the source parsers (pure).

A source can send any JSON type in any field: an object where a title belongs, a list for an id,
``1e999`` (infinity) or a 5,000-digit number for a salary. The parsers read every field through
these helpers, so ``posting_fields`` returns the JobPosting schema's types whatever the record
holds (an unusable value becomes ``None`` or ``[]``) and never raises.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Values refused while a spider maps one record (see ``refused``): counted in the crawl stats as
# field problems, so an emptied field is never silent.
_REFUSED: ContextVar[list[str] | None] = ContextVar("refused_values", default=None)


@contextmanager
def refused() -> Iterator[list[str]]:
    """Collect the type names of the values the helpers refuse inside the block."""
    token = _REFUSED.set([])
    try:
        yield _REFUSED.get()
    finally:
        _REFUSED.reset(token)


def _refuse(value: object) -> None:
    sink = _REFUSED.get()
    if sink is not None and value is not None:
        sink.append(type(value).__name__)


def text(value: object) -> str | None:
    """A text field exactly as sent; ``None`` when it is not text."""
    if isinstance(value, str):
        return value
    _refuse(value)
    return None


def ident(value: object) -> str | None:
    """A record id as text: a string as sent, a number in decimal; ``None`` for anything else."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _refuse(value)
        return None
    if isinstance(value, float) and not math.isfinite(value):
        _refuse(value)
        return None
    try:
        return str(value)
    except ValueError:  # an int of 4,300+ digits: Python refuses to write it out
        _refuse(value)
        return None


def timestamp(value: object) -> str | int | float | None:
    """A raw posting time (ISO or RFC 822 text, epoch seconds or milliseconds); the pipeline parses it."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        _refuse(value)
        return None
    return value


def number(value: object) -> float | None:
    """A JSON number as a finite float; ``None`` for text, booleans, NaN, infinity, overflow."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _refuse(value)
        return None
    try:
        amount = float(value)
    except OverflowError:
        _refuse(value)
        return None
    if not math.isfinite(amount):
        _refuse(value)
        return None
    return amount


def strings(value: object) -> list[str]:
    """The text items of a list field; ``[]`` when the field is not a list."""
    if not isinstance(value, list):
        _refuse(value)
        return []
    kept = [x for x in value if isinstance(x, str)]
    if len(kept) < len(value):
        _refuse(value)
    return kept
