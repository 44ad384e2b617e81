"""Pure normalisers shared by every source: HTML to readable text, dates, employment types.

Each function takes a raw value as a source sends it and returns the normalised value, or ``None``
when it cannot make sense of it. They never raise on bad input: the caller counts a ``None`` for a
non-empty input as a field problem in the crawl stats (see ``pipelines/normalise.py``).
"""

from __future__ import annotations

import html as _html
import json
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import ftfy
import lxml.html
from lxml import etree

# Elements after which a reader expects a line break: keeping them is what makes the text readable
# and keeps sentences from separate list items from running into each other for skill extraction.
_BLOCK_TAGS = frozenset(
    "p div section article header footer aside blockquote pre table tr ul ol dl dt dd "
    "h1 h2 h3 h4 h5 h6 hr form fieldset figure figcaption main nav".split()
)
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template", "iframe"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# A lone UTF-16 surrogate (JSON allows "\ud800") cannot be encoded as UTF-8: lxml stops reading
# at one and silently drops the rest of the text.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# huge_tree: libxml2 otherwise stops at 256 nested elements and silently drops everything after.
_HTML_PARSER = lxml.html.HTMLParser(huge_tree=True)


class JSONBodyError(ValueError):
    """A response body that is not the JSON document the source promised."""


def load_json_body(body: bytes) -> object:
    """Decode a JSON response body, tolerating a UTF-8 byte-order mark (Remotive's mirror has one).

    Raises ``JSONBodyError`` with the position and a short excerpt, so a log line says what broke.
    """
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        # JSON must be UTF-8 (RFC 8259); a latin-1 body still decodes and is better than nothing.
        text = body.decode("latin-1")
    try:
        return json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        excerpt = text[max(0, exc.pos - 40) : exc.pos + 40].replace("\n", " ")
        raise JSONBodyError(
            f"invalid JSON at line {exc.lineno} column {exc.colno} ({exc.msg}); "
            f"{len(body)} bytes; near: {excerpt!r}"
        ) from exc
    except RecursionError as exc:  # nesting deeper than the interpreter's recursion limit
        raise JSONBodyError(f"JSON nested too deeply to decode; {len(body)} bytes") from exc


def _json_int(digits: str) -> int | float:
    """An integer literal; one too long for ``int()`` (4,300+ digits) is read as a float (inf),
    so one absurd number in one record does not make the whole response unreadable."""
    try:
        return int(digits)
    except ValueError:
        return float(digits)


def html_to_text(html: object) -> str:
    """Turn a posting's HTML into plain text a person (and the skill extractor) can read.

    Paragraphs and headings become blank-line separated blocks, ``<br>`` a line break, list items
    ``- item`` lines; entities are decoded; scripts and styles are dropped. Plain text passes
    through with its whitespace tidied, so it is safe to call on fields that may or may not be HTML.
    Anything but text gives ``""``; markup nested deeper than the parser goes keeps its text.
    """
    if not isinstance(html, str) or not html.strip():
        return ""
    html = _LONE_SURROGATE.sub("\ufffd", html)
    if "<" not in html and "&" not in html:
        return _tidy(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div", parser=_HTML_PARSER)
        truncated = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in _HTML_PARSER.error_log)
    except (etree.ParserError, ValueError, AssertionError):  # AssertionError: lxml's "too many bodies"
        return _tidy(_strip_tags(html))
    if truncated:
        # Nested deeper than libxml2 goes (2,048 elements): it drops everything after that point,
        # so read this text without its markup rather than lose the rest of it.
        return _tidy(_html.unescape(_strip_tags(html)))
    parts: list[str] = []
    _walk(root, parts)
    return _tidy("".join(parts))


def _strip_tags(html: str) -> str:
    """``<...>`` replaced by a space. Only the text up to the last ``>`` can hold a tag: searching
    the rest would rescan it from every ``<`` (quadratic on a long run of ``<`` without ``>``)."""
    cut = html.rfind(">") + 1
    return re.sub(r"<[^>]+>", " ", html[:cut]) + html[cut:]


def _walk(root: etree._Element, out: list[str]) -> None:
    """Append the text of ``root`` and its descendants to ``out``, in document order.

    Iterative (an explicit stack, not recursion): a posting may nest elements thousands deep.
    """
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, leaving = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if leaving:
            if tag in _BLOCK_TAGS or tag == "li":
                out.append("\n\n" if tag in _BLOCK_TAGS else "\n")
            if el.tail:
                out.append(el.tail)
            continue
        if tag in _SKIP_TAGS or isinstance(el, (etree._Comment, etree._ProcessingInstruction)):
            if el.tail:
                out.append(el.tail)
            continue
        if tag == "br":
            out.append("\n")
        elif tag == "li":
            out.append("\n- ")
        elif tag in _BLOCK_TAGS:
            # a paragraph opening a list item (<li><p>..) stays on the item's "- " line
            if not (out and out[-1] == "\n- "):
                out.append("\n\n")
        elif tag in {"td", "th"}:
            out.append(" ")
        if el.text and not (tag == "li" and not el.text.strip()):
            out.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    # A list item is one line; blank lines between two consecutive items are noise.
    kept: list[str] = []
    pending_blank = False
    for line in lines:
        if not line:
            pending_blank = True
            continue
        between_items = line.startswith("- ") and bool(kept) and kept[-1].startswith("- ")
        if pending_blank and kept and not between_items:
            kept.append("")
        kept.append(line)
        pending_blank = False
    return "\n".join(kept)


# UTF-8 read as Latin-1/cp1252 leaves a lead byte (Â..ô) followed by a continuation byte shown as
# a C1 control, a Latin-1 symbol or one of cp1252's substitutes (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def repair_text(text: object) -> str | None:
    """Repair mojibake (UTF-8 read as Latin-1/cp1252, e.g. RemoteOK's ``donâ€™t``) with ftfy.

    Quotes stay curly: only broken encodings are fixed, the author's punctuation is kept. ftfy is
    slow next to everything else here, so texts without a mojibake-shaped pair skip it. Anything
    but text gives ``None``.
    """
    if not isinstance(text, str):
        return None
    if not text or not _MOJIBAKE_HINT.search(text):
        return text
    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False)


def parse_datetime(value: object) -> datetime | None:
    """Parse a posting timestamp as sources send it: epoch seconds, ISO 8601 or RFC 822.

    Naive timestamps are taken as UTC (Remotive and Arbeitnow send UTC without an offset).
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            seconds = float(value)  # an int beyond a float's range overflows
        except OverflowError:
            return None
        if seconds > 1e11:  # milliseconds, as some APIs send
            seconds /= 1000.0
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isdigit():
        try:
            seconds = int(text)
        except ValueError:  # "²" is a digit to isdigit(), not to int(); so are 4,300+ digits
            return None
        return parse_datetime(seconds)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    try:
        return parsed.astimezone(timezone.utc)
    except OverflowError:  # "0001-01-01T00:00:00+01:00" is before datetime.min in UTC
        return None


def iso_date(value: object) -> str | None:
    """The calendar date (UTC) of a posting timestamp as ``YYYY-MM-DD``, or ``None``."""
    parsed = parse_datetime(value)
    return parsed.date().isoformat() if parsed else None


def iso_timestamp(value: object) -> str | None:
    """The timestamp in UTC as ``YYYY-MM-DDTHH:MM:SSZ``, or ``None``."""
    parsed = parse_datetime(value)
    # isoformat, not strftime("%Y"): strftime writes the year 42 as "42", not "0042"
    return parsed.replace(microsecond=0, tzinfo=None).isoformat() + "Z" if parsed else None


EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "freelance", "internship", "unknown")

_EMPLOYMENT_ALIASES = {
    "full_time": ("full time", "full-time", "fulltime", "full_time", "permanent", "fte"),
    "part_time": ("part time", "part-time", "parttime", "part_time"),
    "contract": ("contract", "contractor", "temporary", "fixed term", "fixed-term", "c2c"),
    "freelance": ("freelance", "freelancer", "self-employed", "gig"),
    "internship": ("internship", "intern", "trainee", "werkstudent", "working student"),
}


def employment_type(value: object) -> str:
    """Map a source's job type to one of ``EMPLOYMENT_TYPES`` (``unknown`` when unsure)."""
    if not isinstance(value, str) or not value.strip():
        return "unknown"
    key = value.strip().lower().replace("_", " ")
    for normalised, aliases in _EMPLOYMENT_ALIASES.items():
        if key in aliases or key.replace(" ", "_") == normalised:
            return normalised
    for normalised, aliases in _EMPLOYMENT_ALIASES.items():
        if any(alias in key for alias in aliases):
            return normalised
    return "unknown"


def clean_text(value: object) -> str | None:
    """Strip a short text field (title, company); ``None`` when empty or not text."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", value).strip()
    return text or None
