"""Role families (niches) from job titles, the sources' own categories, tags and descriptions.

A *role family* is the niche a freelancer picks ("data engineering", "marketing", ...). It is
derived from the posting itself, not from the board's category, so the same kind of job from two
boards lands in one niche. The rules live in a versioned data file (``data/role_families.json``);
the format, the precedence and the version rule are described in ``skills/README.md``, section
"Role families (niches)".

Pure Python on purpose (``re``, ``html``, ``unicodedata``): no DuckDB, no Scrapy, no spaCy, so the
crawler, the warehouse build and the dashboard can all import it cheaply. Compiled rules are cached
per file path and modification time, like ``skills.extract.load_pipeline``.

    >>> from skills.roles import classify
    >>> classify("Senior Data Engineer (m/w/d)").family
    'data_engineering'

Precedence, first that claims a family wins:

1. a **strong title rule** (priority above ``weak_title_priority``): the highest priority wins,
   then the leftmost match, then file order; a title listing several roles is judged by its first;
   a title that claims nothing but is for no role in particular ("Initiativbewerbung",
   ``no_role_titles``) ends here as the fallback;
2. the **source category**, HTML-entity-decoded and normalised (``null`` in the file = says nothing);
3. a **weak title rule** (bare "Engineer", "Developer", "Entwickler");
4. the **tags**: each tag votes through the category mapping or the tag patterns; most votes wins,
   ties go to the earliest tag;
5. **description cues** in the first ``description_chars`` characters: most hits wins, ties go to
   the earliest hit;
6. otherwise the fallback family (``other``), basis ``"none"``.
"""

from __future__ import annotations

import html
import json
import os
import re
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

__all__ = [
    "BASES",
    "ROLES_PATH",
    "RoleMatch",
    "RoleRules",
    "RoleRulesError",
    "classify",
    "load_role_rules",
    "normalise_category",
    "normalise_title",
]

ROLES_PATH = Path(__file__).resolve().parent / "data" / "role_families.json"

#: What decided a RoleMatch, in precedence order ("none": nothing claimed it, so the fallback).
BASES = ("title", "category", "tags", "description", "none")

#: Inputs longer than this are cut before matching: a title is a line, not a document.
MAX_TITLE_CHARS = 1_000
MAX_CATEGORY_CHARS = 200
MAX_TAG_CHARS = 200
MAX_TAGS = 50

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {"version", "about", "fallback", "weak_title_priority", "description_chars", "max_title_words",
             "neutral_words", "no_role_titles",
             "role_separators", "role_nouns", "families", "categories"}
_FAMILY_KEYS = {"id", "label", "description", "title", "tags", "description_cues"}
_CACHE_LIMIT = 20_000  # distinct categories / tags remembered per rules object


class RoleRulesError(ValueError):
    """The role-families file is missing, malformed or inconsistent."""


class RoleMatch(NamedTuple):
    """The family a posting belongs to, what decided it, and the text that did (for explanations).
    Immutable; a named tuple because a million of them are made in a warehouse build."""

    family: str
    basis: str  # one of BASES
    evidence: str | None = None  # the matched title words, the category, the tag(s) or the cue


# --------------------------------------------------------------------------- normalisation

_SURROGATE = re.compile("[\ud800-\udfff]")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_MARKUP = re.compile(r"<[^<>]{0,200}>")
# "IT" in capitals is the department; lower-case "it" is a pronoun in HN's prose first lines.
_IT = re.compile(r"(?<![A-Za-z0-9])IT(?![A-Za-z0-9])")
_NON_WORD = re.compile(r"[^a-z0-9+#&,]+")
# German job ads mark gender in the title: "(m/w/d)", "(f/m/x)", "m/w/d", "(w/m/div)"; not a list of roles.
_G = r"[mwfdx](?:iv|ivers)?"
_GENDER = re.compile(rf"\(?(?<![a-z]){_G}\s*/\s*{_G}(?:\s*/\s*{_G})*(?![a-z])\)?\*?")
_LIST_MARKS = re.compile(r"[,;|]")
_AND = re.compile(r"&|\band\b|\bund\b")


def _light(value: object, limit: int) -> str:
    """Lower-cased, entity-decoded, accent-free text; punctuation kept (it separates roles)."""
    if not isinstance(value, str) or not value:
        return ""
    text = value[:limit]
    if "&" in text:
        text = html.unescape(html.unescape(text))  # "&amp;amp;" is double-escaped in the wild
    if "<" in text:
        text = _MARKUP.sub(" ", text)
    if "IT" in text:
        text = _IT.sub(" information technology ", text)
    text = text.casefold()
    if "/" in text:
        text = _GENDER.sub(" ", text)
    if not text.isascii():
        text = _SURROGATE.sub(" ", text)
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text


_ASCII_WORDS = {i: " " for i in range(128) if not (chr(i).isalnum() or chr(i) in "+#&")}
_ASCII_WORDS.update({ord(","): " , ", ord(";"): " , ", ord("|"): " , "})


def _words(light: str) -> str:
    """Only ``a-z 0-9 + # &`` and list commas survive, single spaces between words: what rule
    patterns see. Commas stay as their own word, so a phrase never matches across a list
    ("Product, Analytics")."""
    if light.isascii():
        return " ".join(light.translate(_ASCII_WORDS).split()).strip(" ,")
    if "," in light or ";" in light or "|" in light:
        light = _LIST_MARKS.sub(" , ", light)
    return _NON_WORD.sub(" ", light).strip(" ,")


def normalise_title(title: object) -> str:
    """The form title patterns are matched against: "Senior Front-End Entwickler:in (m/w/d)" ->
    "senior front end entwickler in". Useful for writing and testing rules."""
    return _words(_light(title, MAX_TITLE_CHARS))


def normalise_category(value: object, limit: int = MAX_CATEGORY_CHARS) -> str:
    """The key a source category is looked up by: words only, entities decoded, "&"/"and"/"und"
    dropped, so "Data Science &amp; Analytics" and "Data Science and Analytics" are one name."""
    return _words(_AND.sub(" ", _light(value, limit)).replace(",", " "))


# --------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class _TitleRule:
    family: int  # index into RoleRules.family_ids
    priority: int
    pattern: str


class _TitleIndex:
    r"""All title rules at every word start, without one regex of ~800 alternatives.

    Python's regex engine tries an alternation's branches one after the other, so 800 of them cost
    ~70 µs on a 40-character title. Here each rule is filed under the literal text it starts with
    (up to three characters, read from the compiled pattern; rules starting with a class or group
    under each character they can start with). At a word start only the rules filed under that
    word's first characters are tried, as one small alternation in priority order, so its first
    match is the best rule starting there. Rules that start with ``\w*`` (German compounds:
    ``\w*entwickler\w*``) are looked for by their literal core with ``in`` and checked with their own
    regex only when the core occurs. The result is the same as trying every rule at every word
    start: the highest priority wins, then the leftmost, then file order.
    """

    def __init__(self, rules: tuple[_TitleRule, ...]):
        self.rules = rules
        by_prefix: tuple[dict[str, list[int]], ...] = ({}, {}, {}, {})  # by length of the key: 0..3
        infix: list[tuple[str, int, re.Pattern[str]]] = []
        for k, rule in enumerate(rules):
            core = _infix_core(rule.pattern)
            if core is not None:
                infix.append((core, k, re.compile(f"(?:{rule.pattern})(?!\\w)")))
                continue
            prefix = _literal_prefix(rule.pattern)[:3]
            if prefix:
                by_prefix[len(prefix)].setdefault(prefix, []).append(k)
                continue
            first = _first_chars(rule.pattern)
            if first is None:
                by_prefix[0].setdefault("", []).append(k)
            else:
                for ch in first:
                    by_prefix[1].setdefault(ch, []).append(k)
        anywhere = by_prefix[0].get("", [])
        # key -> the rules to try at a word starting with it (its own, its shorter keys', anywhere's);
        # compiled on first use, so loading stays cheap and each key is compiled once.
        self.members: list[dict[str, list[int]]] = [{}, {}, {}, {}]
        for length in (3, 2, 1):
            for key in by_prefix[length]:
                members = set(anywhere)
                for shorter in range(1, length + 1):
                    members.update(by_prefix[shorter].get(key[:shorter], ()))
                self.members[length][key] = sorted(members)
        self.tables: list[dict[str, Any]] = [{}, {}, {}, {}]
        self.anywhere = self._compile(anywhere) if anywhere else None
        self.infix = tuple(infix)
        self.priority = tuple(rule.priority for rule in rules)
        self._entries: dict[str, Any] = {}  # first three characters of a word -> its alternation
        self._tokens: dict[str, tuple[Any, tuple[int, ...]]] = {}  # word -> (alternation, infix ids)

    def _compile(self, members: list[int]) -> tuple[re.Pattern[str], tuple[int, ...]]:
        body = "|".join(f"(?:{self.rules[k].pattern})(?!\\w)()" for k in members)
        return re.compile(body), tuple(members)

    def _entry(self, key: str) -> Any:
        """The compiled alternation for a word whose first three characters are ``key``."""
        for length in (3, 2, 1):
            if len(key) < length:
                continue
            sub = key[:length]
            table = self.tables[length]
            entry = table.get(sub)
            if entry is not None:
                return entry
            members = self.members[length].get(sub)
            if members is not None:
                entry = table[sub] = self._compile(members)
                return entry
        return self.anywhere

    def _token(self, token: str, words: str, pos: int) -> tuple[Any, tuple[int, ...]]:
        """(alternation, infix rule ids) for a word; cached per word of three or more characters
        (a shorter word's alternation depends on what follows it, e.g. "qa qc")."""
        key = words[pos:pos + 3]
        entry = self._entries.get(key, _MISSING)
        if entry is _MISSING:
            entry = self._entry(key)
            if len(self._entries) >= _CACHE_LIMIT:
                self._entries.clear()
            self._entries[key] = entry
        if len(token) < 3:  # every infix core is longer
            return entry, ()
        return entry, tuple(i for i, (core, _k, _rx) in enumerate(self.infix) if core in token)

    def best(self, words: str) -> tuple[int, str, int] | None:
        """(rule index, matched words, position) of the winning rule, or None."""
        prio = self.priority
        infix = self.infix
        tokens = self._tokens
        best_p, best_pos, best_k, best_text = -1, -1, -1, ""
        pos = 0
        for token in words.split(" "):
            if len(token) >= 3:
                info = tokens.get(token)
                if info is None:
                    info = self._token(token, words, pos)
                    if len(tokens) >= _CACHE_LIMIT:
                        tokens.clear()
                    tokens[token] = info
            elif token and token[0] not in ",&+#":
                info = self._token(token, words, pos)
            else:
                pos += len(token) + 1
                continue
            entry = info[0]
            if entry is not None:
                m = entry[0].match(words, pos)
                if m is not None:
                    k = entry[1][m.lastindex - 1]
                    if prio[k] > best_p:  # later positions only win on priority (leftmost first)
                        best_p, best_pos, best_k, best_text = prio[k], pos, k, m.group()
            for i in info[1]:
                _core, k, rx = infix[i]
                if prio[k] > best_p or (prio[k] == best_p and pos == best_pos and k < best_k):
                    m = rx.match(words, pos)
                    if m is not None:
                        best_p, best_pos, best_k, best_text = prio[k], pos, k, m.group()
            pos += len(token) + 1
        return None if best_k < 0 else (best_k, best_text, best_pos)


_MISSING = object()


def _literal_prefix(pattern: str) -> str:
    r"""The literal text every match of ``pattern`` starts with ("data engineer\w*" -> "data engineer")."""
    try:
        from re import _constants as c, _parser as p

        out = []
        for op, av in p.parse(pattern):
            if op is not c.LITERAL:
                break
            out.append(chr(av))
        return "".join(out)
    except Exception:  # noqa: BLE001
        return ""


_INFIX = re.compile(r"^\\w\*([a-z0-9]+)([?*{]?)")


def _infix_core(pattern: str) -> str | None:
    r"""``\w*entwickler\w*`` -> "entwickler": the text any match must contain (None: not of that form)."""
    m = _INFIX.match(pattern)
    if m is None:
        return None
    core = m.group(1)[:-1] if m.group(2) else m.group(1)
    return core if len(core) >= 3 else None


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when any could (or unknown)."""
    try:
        from re import _constants as c, _parser as p  # the stdlib's own parser (Python 3.11+)

        first, nullable = _first_of(p.parse(pattern), c)
    except Exception:  # noqa: BLE001 - a parser change only costs speed: the rule joins every bucket
        return None
    return None if first is None or nullable else frozenset(first)


def _first_of(items: Any, c: Any) -> tuple[set[str] | None, bool]:
    """(first characters, can be empty) of a parsed sequence; None for "any character"."""
    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(chr(av))
            return out, False
        if op is c.IN:
            for kind, value in av:
                if kind is c.LITERAL:
                    out.add(chr(value))
                elif kind is c.RANGE and value[1] - value[0] < 64:
                    out.update(chr(x) for x in range(value[0], value[1] + 1))
                else:
                    return None, False
            return out, False
        if op is c.BRANCH:
            nullable = False
            for branch in av[1]:
                first, empty = _first_of(branch, c)
                if first is None:
                    return None, False
                out |= first
                nullable = nullable or empty
            if not nullable:
                return out, False
            continue
        if op is c.SUBPATTERN:
            first, empty = _first_of(av[-1], c)
            if first is None:
                return None, False
            out |= first
            if not empty:
                return out, False
            continue
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            first, empty = _first_of(av[2], c)
            if first is None:
                return None, False
            out |= first
            if av[0] > 0 and not empty:
                return out, False
            continue
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: look past it
        return None, False
    return out, True


@dataclass(eq=False)
class RoleRules:
    """A validated, compiled role-families file. Treat as read-only; share freely."""

    version: str
    families: dict[str, str]  # id -> label, in file order
    descriptions: dict[str, str]  # id -> description
    fallback: str
    path: str
    weak_title_priority: int
    description_chars: int
    max_title_words: int
    categories: dict[str, str | None]  # normalised category -> family id (None: says nothing)
    family_ids: tuple[str, ...] = field(repr=False, default=())
    _title_rules: tuple[_TitleRule, ...] = field(repr=False, default=())
    _title_index: _TitleIndex | None = field(repr=False, default=None)
    _tag_re: re.Pattern[str] | None = field(repr=False, default=None)
    _tag_family: tuple[int, ...] = field(repr=False, default=())
    _cue_re: re.Pattern[str] | None = field(repr=False, default=None)
    _cue_family: tuple[int, ...] = field(repr=False, default=())
    _sep_split: Any = field(repr=False, default=None)  # re.split keeping the separators
    _sep_search: Any = field(repr=False, default=None)
    _noun_re: re.Pattern[str] | None = field(repr=False, default=None)
    _no_role_re: re.Pattern[str] | None = field(repr=False, default=None)
    _category_index: dict[str, int] = field(repr=False, default_factory=dict)
    _category_cache: dict[str, int] = field(repr=False, default_factory=dict)
    _tag_cache: dict[str, int] = field(repr=False, default_factory=dict)
    _noun_cache: dict[str, bool] = field(repr=False, default_factory=dict)
    # Titles repeat a lot (a million postings hold far fewer distinct titles): the claim of each
    # recent title string is remembered. 0 turns this off (the benchmark's "cold" figure).
    title_memo_size: int = field(repr=False, default=50_000)
    _title_memo: dict[str, Any] = field(repr=False, default_factory=dict)

    # -- title ---------------------------------------------------------------------------------

    def _best_title(self, words: str) -> tuple[int, str, int] | None:
        """(rule index, matched words, position) of the winning title rule in ``words``, or None."""
        return self._title_index.best(words) if words else None

    def _first_role_end(self, light: str) -> int | None:
        """Where the first role of a multi-role title ends ("Software Engineer, Account Executive"
        -> after "Software Engineer"), or None when the title names one role."""
        parts = self._sep_split(light)  # piece, separator, piece, ...
        if len(parts) < 3:
            return None
        has = [self._has_noun(piece) for piece in parts[::2]]
        if True not in has:
            return None
        j = has.index(True)
        while j + 1 < len(has) and not has[j + 1]:
            j += 1
        if j == len(has) - 1:
            return None
        return sum(len(part) for part in parts[: 2 * j + 1])

    def _has_noun(self, text: str) -> bool:
        """Whether a piece of a title names a role ("engineer", "Entwickler", "AE", "Project Lead";
        not the "Lead" of "Lead Designer", which is seniority)."""
        cache = self._noun_cache
        hit = cache.get(text)
        if hit is None:
            hit = self._noun_re.search(text.strip()) is not None  # type: ignore[union-attr]
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[text] = hit
        return hit

    def title_claim(self, title: object) -> tuple[str, int, str] | None:
        """(family id, priority, matched words) of the title alone, or None. For rule authors."""
        claim = self._title(title)
        if claim is None:
            return None
        rule = self._title_rules[claim[0]]
        return self.family_ids[rule.family], rule.priority, claim[1]

    def _title(self, title: object) -> tuple[int, str, int] | None:
        """(rule index, matched words, position) deciding the title, or None."""
        light = _light(title, MAX_TITLE_CHARS)
        if not light:
            return None
        if "|" in light:
            # A header line nobody split ("Acme | Berlin | Full-time | Backend Engineer"): only the
            # fields that name a role are the title; company names and places are not evidence.
            fields = [f for f in light.split("|") if self._has_noun(f)]
            if not fields:
                return None
            light = " , ".join(fields)
        if light.count(" ") >= self.max_title_words:  # a paragraph (HN opening with prose), not a title
            if len(light.split()) > self.max_title_words:
                return None
        best = self._best_title(_words(light))
        if best is None or not _maybe_several(light):
            return best
        # Several roles? The first one decides. When the winner lies in the title's first piece it
        # is the first role's winner too (the first role starts with that piece), so skip the split.
        sep = self._sep_search(light)
        if sep is None or best[2] + len(best[1]) <= len(_words(light[: sep.start()])):
            return best
        end = self._first_role_end(light)
        if end is not None:
            first = self._best_title(_words(light[:end]))
            if first is not None:
                return first
        return best

    # -- category and tags ----------------------------------------------------------------------

    _UNKNOWN, _SILENT = -1, -2

    def _category(self, value: object) -> int:
        """Family index of a source category, _SILENT for a known name that says nothing, _UNKNOWN."""
        if not isinstance(value, str) or not value.strip():
            return self._UNKNOWN
        value = value[:MAX_CATEGORY_CHARS]
        cache = self._category_cache
        hit = cache.get(value)
        if hit is not None:
            return hit
        key = normalise_category(value)
        result = self._category_index.get(key, self._UNKNOWN) if key else self._UNKNOWN
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[value] = result
        return result

    def _tag(self, value: object) -> int:
        if not isinstance(value, str) or not value.strip():
            return self._UNKNOWN
        value = value[:MAX_TAG_CHARS]
        cache = self._tag_cache
        hit = cache.get(value)
        if hit is not None:
            return hit
        result = self._category(value)
        if result == self._UNKNOWN and self._tag_re is not None:
            words = normalise_category(value, MAX_TAG_CHARS)
            m = self._tag_re.search(words) if words else None
            if m is not None:
                result = self._tag_family[m.lastindex - 1]  # type: ignore[operator]
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[value] = result
        return result

    def _tags(self, tags: object) -> tuple[int, str] | None:
        if not tags:
            return None
        if isinstance(tags, str):
            tags = (tags,)
        elif not isinstance(tags, (list, tuple)) and (
                not isinstance(tags, Iterable) or isinstance(tags, (bytes, bytearray, Mapping))):
            return None
        votes: dict[int, list[int]] = {}  # family -> [count, first position]
        evidence: dict[int, list[str]] = {}
        try:
            for pos, tag in enumerate(tags):
                if pos >= MAX_TAGS:
                    break
                fam = self._tag(tag)
                if fam < 0:
                    continue
                entry = votes.setdefault(fam, [0, pos])
                entry[0] += 1
                evidence.setdefault(fam, []).append(_shown(tag))  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - a hostile iterable (a generator that raises): use what we have
            pass
        if not votes:
            return None
        fam = min(votes, key=lambda f: (-votes[f][0], votes[f][1]))
        return fam, ", ".join(evidence[fam][:5])

    # -- description ----------------------------------------------------------------------------

    def _description(self, text: object) -> tuple[int, str] | None:
        if self._cue_re is None:
            return None
        words = _words(_light(text, self.description_chars))
        if not words:
            return None
        counts: dict[int, list[Any]] = {}
        fams = self._cue_family
        for m in self._cue_re.finditer(words):
            fam = fams[m.lastindex - 1]  # type: ignore[operator]
            entry = counts.get(fam)
            if entry is None:
                counts[fam] = [1, m.start(), m.group(0)]
            else:
                entry[0] += 1
        if not counts:
            return None
        fam = min(counts, key=lambda f: (-counts[f][0], counts[f][1]))
        return fam, counts[fam][2]

    # -- the classifier -------------------------------------------------------------------------

    def classify(self, title: object = None, category: object = None, tags: object = (),
                 description: object = None) -> RoleMatch:
        """See ``skills.roles.classify``."""
        ids = self.family_ids
        weak = None
        if type(title) is str and len(title) <= MAX_TITLE_CHARS and self.title_memo_size:
            memo = self._title_memo
            claim = memo.get(title, _MISSING)
            if claim is _MISSING:
                claim = self._title(title)
                if len(memo) >= self.title_memo_size:
                    memo.clear()
                memo[title] = claim
        else:
            claim = self._title(title)
        if claim is not None:
            rule = self._title_rules[claim[0]]
            if rule.priority > self.weak_title_priority:
                return RoleMatch(ids[rule.family], "title", claim[1])
            weak = (rule, claim[1])
        elif self._no_role_re is not None and isinstance(title, str):
            # "Initiativbewerbung", "Future opportunities": a posting for no role in particular is no
            # niche, whatever its board category, tags or company blurb say.
            m = self._no_role_re.search(_words(_light(title, MAX_TITLE_CHARS)))
            if m is not None:
                return RoleMatch(self.fallback, "title", m.group())
        fam = self._category(category)
        if fam >= 0:
            return RoleMatch(ids[fam], "category", _shown(category))
        if weak is not None:
            return RoleMatch(ids[weak[0].family], "title", weak[1])
        voted = self._tags(tags)
        if voted is not None:
            return RoleMatch(ids[voted[0]], "tags", voted[1])
        cued = self._description(description)
        if cued is not None:
            return RoleMatch(ids[cued[0]], "description", cued[1])
        return RoleMatch(self.fallback, "none", None)


def _shown(value: Any) -> str:
    """A category or tag as evidence: entities decoded, lone surrogates replaced, at most 200 characters."""
    text = value[:MAX_CATEGORY_CHARS]
    if "&" in text:
        text = html.unescape(text)
    return _SURROGATE.sub("\ufffd", text).strip()


_SEVERAL = re.compile(r"[,;|/&+]| (?:and|or|und|oder) ")


def _maybe_several(light: str) -> bool:
    """Cheap pre-check before splitting a title into roles."""
    return _SEVERAL.search(light) is not None


# --------------------------------------------------------------------------- loading


def load_role_rules(path: str | Path | None = None) -> RoleRules:
    """Read, validate and compile a role-families file (default: the shipped ``ROLES_PATH``).

    Cached per resolved path and modification time: an edited file is re-read on the next call.
    Raises ``RoleRulesError`` naming the file and the offending entry when the file is unusable.
    """
    resolved = str(Path(path).expanduser().resolve()) if path else _DEFAULT_PATH
    try:
        stamp = os.stat(resolved).st_mtime_ns
    except OSError:
        stamp = -1
    return _load_cached(resolved, stamp)


_DEFAULT_PATH = str(ROLES_PATH)


@lru_cache(maxsize=8)
def _load_cached(path: str, _stamp: int) -> RoleRules:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise RoleRulesError(f"role families file {path} does not exist") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RoleRulesError(f"cannot read role families file {path}: {exc}") from exc
    return _build(raw, path)


def _fail(path: str, message: str) -> RoleRulesError:
    return RoleRulesError(f"{path}: {message}")


def _compile(path: str, where: str, pattern: Any) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern.strip():
        raise _fail(path, f"{where}: a pattern must be a non-empty string, got {pattern!r}")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise _fail(path, f"{where}: invalid regular expression {pattern!r}: {exc}") from exc
    if compiled.groups:
        raise _fail(path, f"{where}: {pattern!r} has a capturing group; use (?:...)")
    if compiled.fullmatch(""):
        raise _fail(path, f"{where}: {pattern!r} matches the empty string")
    if pattern != pattern.lower() and not re.search(r"\\[A-Z]", pattern):
        raise _fail(path, f"{where}: {pattern!r} has capitals; patterns see lower-cased text")
    return compiled


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    """Whole-word alternation for tags and description cues. A marker group closes each
    alternative, so ``lastindex`` says which one matched (first in file order at the leftmost spot)."""
    body = "|".join(f"(?:{p})(?!\\w)()" for p in patterns)
    return re.compile(f"(?<!\\w)(?:{body})")


def _build(raw: Any, path: str) -> RoleRules:
    if not isinstance(raw, dict):
        raise _fail(path, "expected a JSON object")
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise _fail(path, f"unknown keys {sorted(unknown)}; allowed: {', '.join(sorted(_TOP_KEYS))}")
    version = raw.get("version")
    if not isinstance(version, str) or not version.strip():
        raise _fail(path, "missing 'version' (a non-empty string)")
    families = raw.get("families")
    if not isinstance(families, list) or not families:
        raise _fail(path, "'families' must be a non-empty list")
    weak = raw.get("weak_title_priority", 30)
    chars = raw.get("description_chars", 5000)
    max_words = raw.get("max_title_words", 15)
    for name, value in (("weak_title_priority", weak), ("description_chars", chars), ("max_title_words", max_words)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise _fail(path, f"'{name}' must be a non-negative integer")

    ids: list[str] = []
    labels: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    title_specs: list[tuple[int, int, int, str]] = []  # (-priority, family, order, pattern)
    tag_specs: list[tuple[int, str]] = []
    cue_specs: list[tuple[int, str]] = []
    has_rules: dict[str, bool] = {}
    for i, fam in enumerate(families):
        where = f"families[{i}]"
        if not isinstance(fam, dict):
            raise _fail(path, f"{where}: not an object")
        extra = set(fam) - _FAMILY_KEYS
        if extra:
            raise _fail(path, f"{where}: unknown keys {sorted(extra)}; allowed: {', '.join(sorted(_FAMILY_KEYS))}")
        fid = fam.get("id")
        if not isinstance(fid, str) or not _ID.match(fid):
            raise _fail(path, f"{where}: 'id' must be lower_snake_case, got {fid!r}")
        if fid in labels:
            raise _fail(path, f"{where}: family id {fid!r} is used twice")
        where = f"family {fid!r}"
        label, desc = fam.get("label"), fam.get("description", "")
        if not isinstance(label, str) or not label.strip():
            raise _fail(path, f"{where}: 'label' must be a non-empty string")
        if not isinstance(desc, str):
            raise _fail(path, f"{where}: 'description' must be a string")
        ids.append(fid)
        labels[fid], descriptions[fid] = label.strip(), desc.strip()
        title = fam.get("title", [])
        if not isinstance(title, list):
            raise _fail(path, f"{where}: 'title' must be a list of {{'priority', 'patterns'}} groups")
        for g, group in enumerate(title):
            if not isinstance(group, dict) or set(group) != {"priority", "patterns"}:
                raise _fail(path, f"{where}: title[{g}] must be an object with exactly 'priority' and 'patterns'")
            prio, patterns = group["priority"], group["patterns"]
            if not isinstance(prio, int) or isinstance(prio, bool) or not 0 <= prio <= 100:
                raise _fail(path, f"{where}: title[{g}].priority must be an integer 0-100, got {prio!r}")
            if not isinstance(patterns, list) or not patterns:
                raise _fail(path, f"{where}: title[{g}].patterns must be a non-empty list")
            for pattern in patterns:
                _compile(path, f"{where}: title[{g}]", pattern)
                title_specs.append((-prio, i, len(title_specs), pattern))
        for key, specs in (("tags", tag_specs), ("description_cues", cue_specs)):
            values = fam.get(key, [])
            if not isinstance(values, list):
                raise _fail(path, f"{where}: '{key}' must be a list of patterns")
            for pattern in values:
                _compile(path, f"{where}: {key}", pattern)
                specs.append((i, pattern))
        has_rules[fid] = bool(title or fam.get("tags") or fam.get("description_cues"))

    fallback = raw.get("fallback", "other")
    if fallback not in labels:
        raise _fail(path, f"'fallback' names {fallback!r}, which is not a family")
    if has_rules[fallback]:
        raise _fail(path, f"the fallback family {fallback!r} must not have rules: it gets what nothing claims")

    # Source categories: {source: {category as the source writes it: family id | null}}.
    categories: dict[str, str | None] = {}
    seen_in: dict[str, str] = {}
    cats = raw.get("categories", {})
    if not isinstance(cats, dict):
        raise _fail(path, "'categories' must be an object {source: {category: family id or null}}")
    for source, mapping in cats.items():
        if not isinstance(mapping, dict):
            raise _fail(path, f"categories[{source!r}] must be an object {{category: family id or null}}")
        for name, fid in mapping.items():
            where = f"categories[{source!r}][{name!r}]"
            if fid is not None and fid not in labels:
                raise _fail(path, f"{where} points at {fid!r}, which is not a family")
            if fid == fallback:
                raise _fail(path, f"{where}: map a category that says nothing to null, not to {fallback!r}")
            key = normalise_category(name)
            if not key:
                raise _fail(path, f"{where}: the name has no words")
            if key in categories and categories[key] != fid:
                raise _fail(path, f"{where} -> {fid!r}, but {seen_in[key]} maps the same name to {categories[key]!r}")
            categories[key] = fid
            seen_in.setdefault(key, where)

    no_role = raw.get("no_role_titles", [])
    if not isinstance(no_role, list):
        raise _fail(path, "'no_role_titles' must be a list of patterns")
    for pattern in no_role:
        _compile(path, "no_role_titles", pattern)
    seps, nouns = raw.get("role_separators"), raw.get("role_nouns")
    sep_re = _compile(path, "role_separators", seps) if seps is not None else re.compile(r"(?!x)x")
    noun_re = _compile(path, "role_nouns", nouns) if nouns is not None else re.compile(r"(?!x)x")

    title_specs.sort()
    title_rules = tuple(_TitleRule(fam, -neg, pattern) for neg, fam, _order, pattern in title_specs)
    index = {fid: i for i, fid in enumerate(ids)}
    rules = RoleRules(
        version=version.strip(), families=labels, descriptions=descriptions, fallback=fallback, path=path,
        weak_title_priority=weak, description_chars=chars, max_title_words=max_words, categories=categories,
        family_ids=tuple(ids),
        _title_rules=title_rules, _title_index=_TitleIndex(title_rules),
        _tag_re=_alternation([p for _, p in tag_specs]) if tag_specs else None,
        _tag_family=tuple(f for f, _ in tag_specs),
        _cue_re=_alternation([p for _, p in cue_specs]) if cue_specs else None,
        _cue_family=tuple(f for f, _ in cue_specs),
        _sep_split=re.compile(f"({sep_re.pattern})").split, _sep_search=sep_re.search, _noun_re=noun_re,
        _no_role_re=re.compile("|".join(f"(?<!\\w)(?:{p})(?!\\w)" for p in no_role)) if no_role else None,
        _category_index={k: (index[v] if v is not None else RoleRules._SILENT) for k, v in categories.items()},
    )

    # Seniority and other neutral words ("Senior", "Head of", "Werkstudent") must never decide a family.
    neutral = raw.get("neutral_words", [])
    if not isinstance(neutral, list) or not all(isinstance(w, str) and w.strip() for w in neutral):
        raise _fail(path, "'neutral_words' must be a list of non-empty strings")
    for word in neutral:
        claim = rules.title_claim(word)
        if claim is not None:
            raise _fail(path, f"the neutral word {word!r} is claimed by a title rule of {claim[0]!r} "
                              f"(priority {claim[1]}, matched {claim[2]!r})")
    return rules


# --------------------------------------------------------------------------- the public call


def classify(title: object = None, category: object = None, tags: object = (), description: object = None,
             *, rules: RoleRules | None = None) -> RoleMatch:
    """The role family of one posting: ``RoleMatch(family, basis, evidence)``.

    ``title`` and ``category`` as the source gives them (HTML entities and markup are fine),
    ``tags`` any iterable of strings (or one string), ``description`` plain text. Never raises on
    its inputs: None, numbers, huge strings, lone surrogates and entities give a family or the
    fallback. The shipped rules are used unless ``rules`` is given (an edit of the file is picked up
within a second).
    """
    return (rules or _default_rules()).classify(title, category, tags, description)


_default: list[Any] = [None, -1.0]  # [rules, when the file was last checked]


def _default_rules() -> RoleRules:
    """The shipped rules, re-checking the file's mtime at most once a second (a stat per call
    would cost a quarter of a classification)."""
    now = time.monotonic()
    if _default[0] is None or now - _default[1] >= 1.0:
        _default[0], _default[1] = load_role_rules(), now
    return _default[0]
