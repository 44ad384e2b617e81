"""Untrusted text made inert for where it is shown: Markdown, plain-text labels, links, CSV cells.

Everything scraped (titles, companies, categories/niches, locations, tags, pay, URLs) and every
skill name that can come from a user's or an imported taxonomy overlay is untrusted. This module
is the ONE place that knows how to show such text safely; the dashboard uses it, and so will the
Markdown reports written outside it. Pure Python (no Streamlit, no DuckDB; pandas is imported only
by the DataFrame helpers), so it can be used and tested anywhere.

- ``markdown_text``: for anything Streamlit renders as Markdown (``st.title/header/subheader/
  caption/markdown/info/warning``, metric and widget labels, download-button labels, help text):
  every ASCII punctuation character is backslash-escaped (CommonMark lets any of them be escaped,
  so nothing is lost), which stops links, images, emphasis, headings, lists, tables, raw HTML and
  Streamlit's own syntax (``$`` math, ``:emoji:``, ``:material/…:``, ``:red[…]``); a word joiner
  stops GFM's autolinks (``http://…``, ``www.…``, ``a@b.c``), which escaping cannot; line breaks
  are flattened in one-line contexts, bidi overrides and control characters removed.
- ``plain_text``: for places that show text as text (select options, chart titles, legends and
  tooltips, table cells): no backslashes, but line breaks flattened, control and bidirectional
  override characters removed, lone surrogates replaced, optionally shortened.
- ``safe_url``: a link target only when it is an absolute http(s) URL with a host and no
  credentials (``http://bank.example@attacker/`` is refused: no job board needs user info in a
  link, and it is the classic way of making a link read as another host).
- ``markdown_link``: ``[text](url)`` with the text escaped and the URL checked and percent-encoded
  so it cannot close the link early; just the escaped text when the URL is refused.
- ``markdown_highlight``: a long text (a posting's description) escaped like ``markdown_text``
  with its paragraphs kept and given character spans (the skill mentions) in bold: the ``**``
  around them is the only live Markdown.
- ``csv_cell`` / ``neutralise_csv_frame`` / ``frame_to_csv`` / ``csv_neutralise_sql``: the OWASP
  rule against CSV (formula) injection: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab
  or carriage return gets a leading ``'``, so spreadsheets show it as text, and every cell with a
  line break (CR included) is quoted. Numbers are never touched.
- ``filename_part``: a short ``[a-z0-9+#-]`` slug for download file names.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:  # pandas only for the type; neutralise_csv_frame works on any DataFrame given
    import pandas as pd

# Every ASCII punctuation character: all of them may be backslash-escaped in CommonMark/GFM, and
# escaping all of them is simpler to get right than choosing (":" and "/" stop autolinks, "$"
# stops Streamlit's math, "&" stops entities, "|" tables, "~" strikethrough, "<" raw HTML).
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

# Line and paragraph separators (a new line in Markdown can start a new block).
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
# Bidirectional embedding/override/isolate controls: they reorder what follows them on screen.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Other C0/C1 control characters and DEL (tab is whitespace, handled with the line breaks).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t]+")

ELLIPSIS = "…"

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)."""


def _as_text(value: Any) -> str:
    if value is None or type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value)


def plain_text(value: Any, *, max_chars: int | None = None, one_line: bool = True) -> str:
    """``value`` as text that displays as itself: None -> "", control and bidi-override
    characters removed, lone surrogates -> U+FFFD, line breaks (and tabs) -> one space when
    ``one_line``, and cut to ``max_chars`` characters with an ellipsis when given."""
    text = _as_text(value)
    text = _SURROGATES.sub("\ufffd", text)
    text = _BIDI_CONTROLS.sub("", text)
    text = _CONTROLS.sub("", text)
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
        text = _SPACES.sub(" ", text).strip()
    else:
        # Every kind of line break becomes "\n"; at most one blank line in a row; tabs -> space.
        text = re.sub(r"\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]", "\n", text).replace("\t", " ")
        text = re.sub(r"\n[ \n]*\n", "\n\n", text).strip("\n ")
    if max_chars is not None and len(text) > max_chars:
        text = text[: max(0, max_chars - 1)].rstrip() + ELLIPSIS
    return text


# GFM turns bare "http://…", "https://…", "www.…" and "name@host.tld" in text into links, and
# it does so after backslash escapes are resolved (remark's autolink-literal transform runs on
# the text nodes), so escaping cannot stop it. A WORD JOINER (U+2060, invisible, not a space)
# placed where the patterns need two characters to touch breaks them: "http:⁠//", "www⁠.",
# "name@⁠host". Only text that would become a link is changed.
WORD_JOINER = "\u2060"
_AUTOLINK_SCHEME = re.compile(r"(?i)(https?:)(?=//)")
_AUTOLINK_WWW = re.compile(r"(?i)(www)(?=\.)")
_AUTOLINK_EMAIL = re.compile(r"(@)(?=[-\w])")


def _break_autolinks(text: str) -> str:
    text = _AUTOLINK_SCHEME.sub(r"\1" + WORD_JOINER, text)
    text = _AUTOLINK_WWW.sub(r"\1" + WORD_JOINER, text)
    return _AUTOLINK_EMAIL.sub(r"\1" + WORD_JOINER, text)


def markdown_text(value: Any, *, max_chars: int | None = None, one_line: bool = True) -> str:
    """``value`` made inert for Streamlit Markdown (and any CommonMark/GFM renderer): shown as
    exactly its text, never as a link, image, emphasis, heading, list, table, math or HTML.

    ``one_line`` (default) flattens line breaks to spaces, for headings, captions and labels.
    With ``one_line=False`` paragraphs are kept and single line breaks become hard breaks, and
    every line's indentation is dropped, so no line can become a code block. ``max_chars`` shortens
    the text (before escaping, so an escape is never cut in half).
    """
    text = _break_autolinks(plain_text(value, max_chars=max_chars, one_line=one_line))
    escaped = "".join("\\" + ch if ch in _ASCII_PUNCTUATION else ch for ch in text)
    if one_line:
        return escaped
    # Paragraphs stay paragraphs; a single line break becomes a hard break ("  " + newline).
    return "\n\n".join(
        "  \n".join(line.strip(" \u00a0") for line in paragraph.split("\n"))
        for paragraph in escaped.split("\n\n")
    )


_ASCII_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def safe_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host; else None.

    Refused: other schemes (``javascript:``, ``data:``, ``file:``, ``mailto:``), relative or
    scheme-relative URLs, URLs with user info (``http://user@host``), whitespace, control
    characters or backslashes anywhere (browsers drop or reinterpret them), bad ports, and
    anything over 2,048 characters. The accepted URL is returned as given (outer spaces trimmed).
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > 2048 or "\\" in url:
        return None
    # ASCII (nearly every URL): one regex for spaces and control characters; other text is checked
    # character by character for Unicode spaces and format characters (a per-character loop on every
    # URL took ~0.2 ms each, seconds over a table of thousands).
    if (_ASCII_SPACE_OR_CONTROL.search(url) if url.isascii()
            else any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in url)):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if "@" in parts.netloc:
        return None
    return url


# Characters left as they are in a link destination; everything else is percent-encoded, so
# "(", ")", "<", ">", "[", "]", "!", quotes, "*", "$" and spaces can never end the destination
# early or start anything inside it.
_URL_SAFE = "/:?#@&+,;=%~-._"


def markdown_link(text: Any, url: Any) -> str:
    """``[text](url)`` for Markdown, with ``text`` escaped and ``url`` checked by ``safe_url``
    and percent-encoded; when the URL is refused, only the escaped text."""
    label = markdown_text(text)
    target = safe_url(url)
    if target is None:
        return label
    return f"[{label}]({quote(target, safe=_URL_SAFE)})"


# Private-use characters that mark where a highlight starts and ends while the text is escaped
# (they are neither ASCII punctuation nor controls, so markdown_text leaves them in place). Any
# already in the text are replaced first, so only ours become "**".
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKS = re.compile("[\ue000\ue001]")


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def markdown_highlight(value: Any, spans: Any, *, max_chars: int | None = None) -> tuple[str, int]:
    """``value`` as inert Markdown with paragraphs kept (as ``markdown_text(one_line=False)``), each
    ``(start, end)`` character span of it in bold; returns (markdown, spans highlighted).

    Every character of the text is escaped exactly as ``markdown_text`` does, so the only live
    Markdown is the ``**`` put around a span. A span is left unhighlighted (its text still shown)
    when it overlaps an earlier one, lies outside the text, is blank, crosses a line break, or
    starts or ends with punctuation right next to a letter (CommonMark would not read the ``**``
    there as emphasis, and would show the asterisks). ``max_chars`` cuts the text first (spans
    beyond the cut are dropped).
    """
    text = _MARKS.sub("\ufffd", _as_text(value))
    cut = max_chars is not None and len(text) > max_chars
    if cut:
        text = text[: max(0, max_chars - 1)]
    given = sorted((s[0], s[1]) for s in (spans or ()) if isinstance(s, (tuple, list)) and len(s) == 2
                   and all(isinstance(x, int) and not isinstance(x, bool) for x in s))
    chosen: list[tuple[int, int]] = []
    for start, end in given:
        if start < (chosen[-1][1] if chosen else 0) or end > len(text) or end <= start:
            continue
        while start < end and text[start].isspace():  # "** Python**" is no emphasis
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        piece = text[start:end]
        if not piece or _LINE_BREAKS.search(piece) or not plain_text(piece):
            continue
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if (piece[0] in _ASCII_PUNCTUATION and _word_char(before)) or \
                (piece[-1] in _ASCII_PUNCTUATION and _word_char(after)):
            continue
        chosen.append((start, end))
    parts, position = [], 0
    for start, end in chosen:
        if parts and start == position:  # two spans touching ("****") would not read as two bold runs
            parts.append(WORD_JOINER)
        parts += [text[position:start], _MARK_OPEN, text[start:end], _MARK_CLOSE]
        position = end
    parts.append(text[position:])
    markdown = markdown_text("".join(parts), one_line=False)
    markdown = markdown.replace(_MARK_OPEN, "**").replace(_MARK_CLOSE, "**")
    return markdown + (ELLIPSIS if cut else ""), len(chosen)


def csv_cell(value: Any) -> Any:
    """A cell value safe for a CSV that spreadsheets open: text starting with one of
    ``CSV_TRIGGERS`` gets a leading ``'``; anything else (numbers, dates, None) is returned as is."""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS):
        return "'" + value
    return value


def neutralise_csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell passed through ``csv_cell``.

    Only object, string ("str") and category columns are touched (and within them only ``str``
    values), so numeric columns keep negative numbers as numbers. Lists and dicts in object
    columns are written by pandas as ``[...]`` / ``{...}`` and so never start with a trigger.
    """
    from pandas.api.types import is_object_dtype, is_string_dtype

    out = df.copy()
    for column in out.columns:
        kind = out[column].dtype
        if str(kind) == "category":
            out[column] = out[column].astype(object).map(csv_cell)
        elif is_object_dtype(kind) or is_string_dtype(kind):
            out[column] = out[column].map(csv_cell)
    return out


def frame_to_csv(df: pd.DataFrame) -> str:
    """``df`` as CSV text for spreadsheets: cells through ``neutralise_csv_frame``, no index, and
    CRLF rows, so that a cell holding a bare carriage return is quoted too. (With pandas' default
    LF rows Python's csv writer leaves a CR unquoted, and a reader starts a new row there: the
    text after it, e.g. "=1+1", becomes a cell of its own, unprefixed.)"""
    return neutralise_csv_frame(df).to_csv(index=False, lineterminator="\r\n")


def csv_neutralise_sql(expression: str) -> str:
    """The same rule as ``csv_cell`` as a DuckDB SQL expression over a VARCHAR ``expression``
    (for ``COPY (SELECT …) TO … (FORMAT csv)``); NULL stays NULL."""
    triggers = ", ".join("chr(%d)" % ord(ch) for ch in CSV_TRIGGERS)
    return f"CASE WHEN left({expression}, 1) IN ({triggers}) THEN '''' || {expression} ELSE {expression} END"


_SLUG_DROP = re.compile(r"[^a-z0-9+#]+")


def filename_part(value: Any, *, max_chars: int = 60, default: str = "item") -> str:
    """A short, lowercase ``[a-z0-9+#-]`` slug of ``value`` for a download file name (accents
    folded to ASCII, so "C++" stays "c++"; never empty, never a path, never a dot file)."""
    text = unicodedata.normalize("NFKD", plain_text(value)).encode("ascii", "ignore").decode()
    slug = _SLUG_DROP.sub("-", text.lower()).strip("-")[:max_chars].strip("-")
    return slug or default
