"""Hacker News "Ask HN: Who is hiring?" via the official Firebase API -> JobPosting fields (pure).

API (https://github.com/HackerNews/API, live base https://hacker-news.firebaseio.com):
``/v0/user/whoishiring.json`` -> ``{"id", "created", "karma", "about", "submitted": [ids]}``;
``/v0/item/<id>.json`` -> a story (``id, by, time, title, kids, ...``) or a comment (``id, by, time,
text`` (HTML), ``parent, kids, deleted, dead``). An unknown id answers the literal ``null``.

The ``whoishiring`` account posts three stories a month: "Ask HN: Who is hiring? (July 2024)",
"Ask HN: Freelancer? Seeking freelancer? (July 2024)" and "Ask HN: Who wants to be hired?
(July 2024)". Only the first two list work; each top-level comment of them is one posting, whose
first line is by convention "Company | Role | Location | REMOTE | $pay | https://...".
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from crawlers.parsers._coerce import ident, text, timestamp

SOURCE = "hackernews"
ATTRIBUTION = "Posting from Hacker News 'Who is hiring?' (news.ycombinator.com)"
USER_PATH = "/v0/user/whoishiring.json"
# The link a reader clicks: always the live site, even when the API was crawled on a mirror.
ITEM_URL = "https://news.ycombinator.com/item?id={}"
HIRING, FREELANCER = "hiring", "freelancer"
TITLE_LIMIT = 120
# A header is a line of fields; beyond this it is prose (the longest recorded is ~1,050 characters),
# and the header regexes are not meant for megabytes.
HEADER_LIMIT = 2_000

Month = tuple[int, int]  # (year, month)


def item_path(item_id: int | str) -> str:
    return f"/v0/item/{int(item_id)}.json"


# --- which stories -----------------------------------------------------------------------------

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_TITLE_MONTH = re.compile(r"\(\s*([A-Za-z]{3,9})\.?\s+(\d{4})\s*\)")
_HIRING_TITLE = re.compile(r"^\s*ask\s+hn\s*:\s*who\s+is\s+hiring\s*\?", re.I)
_FREELANCER_TITLE = re.compile(r"^\s*ask\s+hn\s*:\s*freelancer\s*\?\s*seeking\s+freelancers?\s*\?", re.I)
_MONTH_ARG = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def story_kind(title: object) -> str | None:
    """``"hiring"``, ``"freelancer"``, or ``None`` (e.g. "Who wants to be hired?", a meta post)."""
    if not isinstance(title, str):
        return None
    if _HIRING_TITLE.match(title):
        return HIRING
    if _FREELANCER_TITLE.match(title):
        return FREELANCER
    return None


def title_month(title: object) -> Month | None:
    """The (year, month) in a title like "Ask HN: Who is hiring? (July 2024)" ("Sept" accepted)."""
    match = _TITLE_MONTH.search(title) if isinstance(title, str) else None
    if not match:
        return None
    name = match.group(1).lower()
    for number, month in enumerate(_MONTHS, 1):
        if month.startswith(name):
            return int(match.group(2)), number
    return None


def _month_arg(text: str) -> Month:
    match = _MONTH_ARG.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"months: expected YYYY-MM, got {text!r}")
    return int(match.group(1)), int(match.group(2))


def parse_months(text: object) -> tuple[Month, Month] | None:
    """The spider's ``months`` argument: ``"2024-07"`` or ``"2011-04..2024-07"`` (inclusive)."""
    if text is None or not str(text).strip():
        return None
    parts = str(text).split("..")
    if len(parts) > 2:
        raise ValueError(f"months: expected YYYY-MM or YYYY-MM..YYYY-MM, got {text!r}")
    start, end = _month_arg(parts[0]), _month_arg(parts[-1])
    if start > end:
        raise ValueError(f"months: the range {text!r} ends before it starts")
    return start, end


def story_ids(user: object) -> list[int]:
    """The user's submissions, newest first (HN ids grow with time)."""
    if not isinstance(user, dict) or not isinstance(user.get("submitted"), list):
        raise ValueError("not a Hacker News user: expected an object with a 'submitted' list")
    ids = {i for i in user["submitted"] if isinstance(i, int) and not isinstance(i, bool)}
    return sorted(ids, reverse=True)


def top_level_ids(story: dict[str, Any]) -> list[int]:
    """A story's top-level comments (``kids``), in HN's ranked display order."""
    kids = story.get("kids")
    return [k for k in kids if isinstance(k, int) and not isinstance(k, bool)] if isinstance(kids, list) else []


@dataclass
class StoryPicker:
    """Told each submitted story in turn, newest first: which to crawl, and when to stop walking.

    Default (``months=None``): the most recent "Who is hiring?" and the most recent "Freelancer?
    Seeking freelancer?" story; the walk ends once both are found (or after ``max_walk`` stories,
    should one be missing). With a month range: every story of those two kinds whose title month
    is in it; the walk ends at the first story dated before the range. Other stories ("Who wants
    to be hired?") are never picked.
    """

    months: tuple[Month, Month] | None = None
    max_walk: int = 12  # four months of whoishiring's three monthly stories
    seen: int = 0
    wanted: set[str] = field(default_factory=lambda: {HIRING, FREELANCER})

    def offer(self, story: object) -> tuple[str | None, bool]:
        """``(kind to crawl or None, whether the walk is over)``."""
        self.seen += 1
        title = story.get("title") if isinstance(story, dict) else None
        kind, month = story_kind(title), title_month(title)
        if self.months is None:
            take = kind if kind in self.wanted else None
            self.wanted.discard(take)  # type: ignore[arg-type]
            return take, not self.wanted or self.seen >= self.max_walk
        start, end = self.months
        take = kind if kind and month and start <= month <= end else None
        return take, month is not None and month < start


def skip_reason(item: dict[str, Any]) -> str | None:
    """Why a top-level comment is no posting: ``"deleted"`` (no text left), ``"dead"`` (flagged)."""
    if item.get("deleted"):
        return "deleted"
    if item.get("dead"):
        return "dead"
    if item.get("type") != "comment":
        return "not_comment"
    return None


# --- the first line ----------------------------------------------------------------------------

_PARAGRAPH = re.compile(r"<p\b[^>]*>|</p\s*>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_LABEL = re.compile(
    r"^\s*(company|role|roles|position|positions|title|job|location|locations|employment|job\s+type|"
    r"type|salary|compensation|pay|remote|visa)\s*:\s*", re.I)
_LABEL_FIELD = {"company": "company", "role": "role", "roles": "role", "position": "role",
                "positions": "role", "title": "role", "job": "role", "location": "location",
                "locations": "location", "salary": "salary_text", "compensation": "salary_text",
                "pay": "salary_text"}


def first_line(text: object) -> str:
    """The header of a comment as plain text: its first paragraph's first line.

    A header broken over lines is rejoined when a line ends or starts with a separator, or the
    next line is a "Label: value" (Location:, Salary: ...).
    """
    if not isinstance(text, str):
        return ""
    for chunk in _before_last_gt(_PARAGRAPH.split, text):
        lines = [line.strip() for line in html.unescape(_strip_tags(chunk)).split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        header = lines[0]
        for line in lines[1:]:
            if len(header) > HEADER_LIMIT:
                break
            if header.endswith(("|", "/")) or line.startswith("|") or _LABEL.match(line):
                header = f"{header.rstrip(' |')} | {line.lstrip(' |')}"
            else:
                break
        return _SPACES.sub(" ", header).strip()[:HEADER_LIMIT].strip()
    return ""


def _before_last_gt(split, text: str) -> list[str]:
    """``split(text)`` for a regex that only matches text ending in ``>``: the text after the last
    ``>`` cannot hold a match, and searching it would rescan it from every ``<`` (quadratic)."""
    cut = text.rfind(">") + 1
    chunks = split(text[:cut])
    chunks[-1] += text[cut:]
    return chunks


def _strip_tags(chunk: str) -> str:
    cut = chunk.rfind(">") + 1
    return _TAG.sub("", chunk[:cut]) + chunk[cut:]


_DASH = re.compile(r"\s+[-–—]+\s+")
_URL_FIELD = re.compile(r"^(?:https?://|www\.)\S*$|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?$", re.I)
_EMBEDDED_URL = re.compile(r"\(\s*(?:https?://|www\.)[^)]*\)|(?:https?://|www\.)\S*", re.I)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:)])")
PROSE = 100  # a "field" longer than this is a sentence, not a header field
# A leading "SEEKING WORK" / "SEEKING FREELANCER" / "HIRING" field is a marker, not a company.
_MARKER = re.compile(
    r"^(?:seeking\s+(work|freelancers?|contractors?)|(?:we\s*(?:'|’)?re\s+|now\s+)?hiring)\W*$", re.I)

_TITLE_NOUNS = (
    r"engineers?|developers?|devs?|programmers?|designers?|managers?|scientists?|researchers?|"
    r"leads?|architects?|analysts?|directors?|consultants?|marketers?|specialists?|administrators?|"
    r"recruiters?|advocates?|hackers?|testers?|technicians?|officers?|coordinators?|"
    r"representatives?|executives?|generalists?|sres?|swes?|sdes?|ctos?|ceos?|cfos?|coos?|vps?|"
    r"founders?|co-?founders?|traders?|accountants?|editors?|strategists?|technical\s+writers?|"
    r"eng"
)
_ROLE_WORDS = re.compile(
    rf"\b(?:{_TITLE_NOUNS}|engineering|devops|roles|positions|openings|head\s+of|founding|qa|sales|"
    r"marketing|support|development)\b", re.I)
_TITLE_NOUN = re.compile(rf"\b(?:{_TITLE_NOUNS})\b", re.I)
_TITLE_END = re.compile(rf"\b(?:{_TITLE_NOUNS})\W*$", re.I)
_ROLE_AT_COMPANY = re.compile(r"^(?P<role>.+?)(?:\s+@\s*|\s+at\s+)(?P<company>[^@]+)$", re.I)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")

_PAY = re.compile(
    r"[$£€¥₹]\s?\d|\d\s?[kK]\b|\b\d[\d,.]*\s?(?:usd|eur|gbp|chf|cad|aud|sek|nok|dkk|pln)\b|"
    r"\b(?:usd|eur|gbp|chf|cad|aud)\s?\d", re.I)

_EMPLOYMENT = (
    ("full_time", re.compile(r"\bfull[\s-]*or[\s-]*part[\s-]*time\b|\bfull[\s-]?time\b|\bfte\b|\bpermanent\b", re.I)),
    ("part_time", re.compile(r"\bpart[\s-]?time\b|\bhalf[\s-]time\b", re.I)),
    ("contract", re.compile(r"(?<!smart )\bcontract(?:or|ors|ing)?\b|\bc2c\b|\bfixed[\s-]term\b", re.I)),
    ("internship", re.compile(r"\bintern(?:s|ship|ships)?\b", re.I)),
    ("freelance", re.compile(r"\bfreelanc(?:e|er|ers|ing)\b", re.I)),
)

_REMOTE_NEGATED = re.compile(r"\b(?:no|not|non)[\s-]+remote\b", re.I)
_HYBRID_REMOTE = re.compile(r"\bhybrid[\s-]+(?:\w+[\s/]+)?remote\b", re.I)  # "Hybrid remote" is hybrid
_REMOTE = re.compile(r"\bremote(?:ly)?\b|\bwfh\b|\bwork(?:ing)?\s+from\s+home\b|\bfully\s+distributed\b", re.I)
_HYBRID = re.compile(r"\bhybrid\b", re.I)
_ONSITE = re.compile(r"\bon[\s-]?site\b|\bin[\s-](?:the[\s-])?office\b|\bin[\s-]person\b|\bin[\s-]house\b|"
                     r"\boffice[\s-]based\b", re.I)

# Places as HN headers name them. Abbreviations match case-sensitively (so "in" and "or" never do);
# ambiguous state codes (IN, OR, ME, OK, HI, AR) are left out.
_GEO_CODES = re.compile(
    r"\b(?:USA?|UK|EU|EMEA|APAC|LATAM|ANZ|NYC|SF|LA|DC|UAE|NL|UTC|GMT|CET|EST|PST|"
    r"AL|AK|AZ|CA|CO|CT|DE|FL|GA|ID|IL|IA|KS|KY|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|"
    r"OH|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\b|\bU\.S\.")
_GEO_NAMES = re.compile(r"\b(?:" + "|".join(name.strip().replace(" ", r"\s+") for name in """
    united states|america|americas|north america|south america|latin america|canada|mexico|brazil|
    argentina|chile|colombia|peru|uruguay|united kingdom|england|scotland|wales|ireland|france|germany|
    netherlands|holland|belgium|luxembourg|switzerland|austria|italy|spain|portugal|denmark|sweden|
    norway|finland|iceland|estonia|latvia|lithuania|poland|czechia|czech republic|slovakia|hungary|
    romania|bulgaria|greece|croatia|serbia|slovenia|ukraine|turkey|israel|egypt|nigeria|kenya|
    south africa|india|pakistan|bangladesh|sri lanka|singapore|malaysia|indonesia|philippines|vietnam|
    thailand|china|hong kong|taiwan|japan|korea|australia|new zealand|europe|asia|africa|middle east|
    nordics|scandinavia|worldwide|global|anywhere|bay area|silicon valley|new england|midwest|
    east coast|west coast|pacific northwest|alabama|alaska|arizona|arkansas|california|colorado|
    connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|
    maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|
    new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|
    pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|
    washington|west virginia|wisconsin|wyoming|san francisco|los angeles|seattle|boston|austin|chicago|
    denver|portland|san diego|san jose|palo alto|mountain view|menlo park|sunnyvale|oakland|berkeley|
    cambridge|atlanta|miami|dallas|houston|philadelphia|pittsburgh|salt lake city|minneapolis|
    toronto|vancouver|montreal|ottawa|london|manchester|edinburgh|bristol|dublin|paris|berlin|munich|
    hamburg|frankfurt|cologne|amsterdam|rotterdam|eindhoven|brussels|zurich|geneva|vienna|copenhagen|
    stockholm|gothenburg|oslo|helsinki|madrid|barcelona|lisbon|porto|milan|rome|warsaw|krakow|prague|
    budapest|bucharest|athens|tel aviv|bangalore|bengaluru|hyderabad|pune|mumbai|delhi|tokyo|seoul|
    sydney|melbourne|auckland
""".split("|")) + r")\b", re.I)


def split_fields(line: str) -> list[str]:
    """Header fields: on ``|`` (or bullets); else on spaced dashes; else on spaced slashes."""
    if "|" in line or "•" in line:
        parts = re.split(r"[|•]", line)
        # "40GRID - Full-time Remote | ...": the first field often packs company and more.
        parts = _DASH.split(parts[0]) + parts[1:]
    elif _DASH.search(line):
        parts = _DASH.split(line)
    elif " / " in line:
        parts = line.split(" / ")
    else:
        parts = [line]
    fields = [p.strip(" \t,;:*") for p in parts]
    return [f for f in fields if f]


def _without_links(text: str) -> str:
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _EMBEDDED_URL.sub("", text)).strip(" \t,;:*")


def _looks_like_title_only(text: str) -> bool:
    return bool(_TITLE_END.search(_PARENS.sub("", text).strip()))


def remote_flag(text: str) -> str:
    """remote / hybrid / onsite / unknown from REMOTE, Hybrid, ONSITE, in-office ... in a text.

    Remote wins when it is offered at all ("Remote or Hybrid", "SF/Denver/REMOTE"); "Hybrid
    remote" is hybrid, "no remote" onsite.
    """
    text = _HYBRID_REMOTE.sub(" hybrid ", _REMOTE_NEGATED.sub(" onsite ", text))
    if _REMOTE.search(text):
        return "remote"
    if _HYBRID.search(text):
        return "hybrid"
    if _ONSITE.search(text):
        return "onsite"
    return "unknown"


def employment_from_text(text: str) -> str | None:
    """The employment type first named in a text ("Full-time", "Contract", "Intern" ...), or None."""
    found = [(m.start(), kind) for kind, pattern in _EMPLOYMENT if (m := pattern.search(text))]
    return min(found)[1] if found else None


def _is_location(text: str) -> bool:
    return bool(_GEO_CODES.search(text) or _GEO_NAMES.search(text))


def _is_role(text: str) -> bool:
    # "Remote (US only for these roles)" is a place; "Senior Engineer (Remote, US)" a role.
    return len(text) <= PROSE and bool(_ROLE_WORDS.search(text)) and (
        bool(_TITLE_NOUN.search(text)) or not _is_location(text))


def parse_first_line(line: str) -> dict[str, Any]:
    """Company, role, location, remote flag, employment type and raw pay from a header line.

    Company is the first field (none when the header starts with the role, as "Role @ Company"
    or a bare title, or with a "SEEKING WORK" marker); role is the first field that reads like a
    job title; pay the first field with an amount (kept raw); location the first naming a place.
    Links are dropped from every field ("Hatchet (https://hatchet.run)" is "Hatchet").
    """
    result: dict[str, Any] = {"company": None, "role": None, "location": None, "salary_text": None}
    fields = split_fields(line)
    # A domain may be the company ("Quatt.io | ..."), elsewhere it is a link like any other.
    rest = [fields[0]] + [f for f in fields[1:] if not _URL_FIELD.match(f)] if fields else []
    rest = [t for f in rest if (t := _without_links(f))]
    for text in rest:  # "Location: Berlin", "Company: Writer" ...
        label = _LABEL.match(text)
        key = _LABEL_FIELD.get(_SPACES.sub(" ", label.group(1).lower())) if label else None
        if key and not result[key]:
            result[key] = text[label.end():].strip() or None

    marker = _MARKER.match(rest[0]) if rest else None
    if marker:
        rest = rest[1:]
    if rest and not (marker and (marker.group(1) or "").lower() == "work") and not _LABEL.match(rest[0]):
        first = rest[0]
        at = _ROLE_AT_COMPANY.match(first)
        if at and _looks_like_title_only(at.group("role")):
            result["role"] = result["role"] or at.group("role").strip()
            result["company"] = result["company"] or at.group("company").strip()
            rest = rest[1:]
        elif _looks_like_title_only(first) and not any(_is_role(f) for f in rest[1:]):
            result["role"] = result["role"] or first
            rest = rest[1:]
        elif len(fields) > 1:
            result["company"] = result["company"] or first
            rest = rest[1:]

    for text in rest if len(fields) > 1 else ():  # a header without separators is a sentence
        if _LABEL.match(text) or len(text) > PROSE:
            continue
        if result["role"] is None and _is_role(text):
            result["role"] = text
            if result["salary_text"] is None and _PAY.search(text):
                result["salary_text"] = text  # "Fullstack Engineer (£65-80k)"
        elif result["salary_text"] is None and _PAY.search(text):
            result["salary_text"] = text
        elif result["location"] is None and _is_location(text):
            result["location"] = text

    # The flags read every field but the company's name ("Remote.com"), and a sentence's start only.
    flags = " | ".join(text[:PROSE] for text in rest)
    result["remote"] = remote_flag(flags)
    result["employment_type"] = employment_from_text(flags)
    return result


def _truncate(text: str, limit: int = TITLE_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:|-") + "…"


def posting_fields(item: dict[str, Any], thread: str = HIRING) -> dict[str, Any]:
    """Map one top-level comment to JobPosting fields. Text stays HTML here; pipelines normalise it."""
    header = first_line(item.get("text"))
    parsed = parse_first_line(header)
    item_id = ident(item.get("id"))
    return {
        "source": SOURCE,
        "source_id": item_id,
        "url": ITEM_URL.format(item_id) if item_id else None,
        "title": parsed["role"] or _truncate(header) or None,
        "company": parsed["company"],
        "description": text(item.get("text")),
        "posted_at": timestamp(item.get("time")),
        "location": parsed["location"],
        "remote": parsed["remote"],
        "employment_type": "freelance" if thread == FREELANCER else parsed["employment_type"],
        "category": None,
        "salary_text": parsed["salary_text"],
        # The thread kind: a posting stays open while its thread is the newest of its kind.
        "tags": [f"hn:{thread}"],
        "attribution": ATTRIBUTION,
        "raw": item,
    }
