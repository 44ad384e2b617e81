"""How to prove it: what job postings ask as *proof* of a skill.

Freelancers' skills stay "invisible competencies": they cannot show a client what they learned.
For every skill SkillPulse shows what the postings that ask for it want as proof -- a portfolio or
GitHub profile, a take-home test, a degree (or "equivalent experience"), a certification, so many
years of experience with it. This module finds those demands in a posting's plain text, with
character offsets and the sentence they sit in, so every figure is one click from its evidence.

The rules live in a versioned data file (``data/proof_rules.json``); the format, the categories,
the precedence and the version rule are described in ``skills/README.md``, section "How to prove
it (proof mining)".

Pure Python on purpose (``re``, ``json``): no spaCy, DuckDB or Scrapy, so the warehouse build and
the dashboard can import it cheaply. Compiled rules are cached per file path and modification time,
like ``skills.roles.load_role_rules``.

    >>> from skills.proof import find_proofs, years_for_skill
    >>> [(p.category, p.years_min, p.topic) for p in find_proofs("- 3+ years of Python\\n- Git")]
    [('experience', 3, 'Python')]
    >>> text = "5+ years of experience with React and 2+ with Node."
    >>> years_for_skill(text, text.index("Node"), text.index("Node") + 4)
    (2, None)

How a text is read (deterministic):

1. The text is lower-cased (offsets do not move; the one character whose lower case is longer,
   "İ", is read as "i") and cut at ``MAX_TEXT_CHARS``.
2. Per category, in the file's order (= precedence), its **triggers** (plain substrings) are looked
   up; only a window around each occurrence is matched, so a posting costs a few regex searches,
   not a scan per pattern.
3. In each window the category's **patterns** are tried in file order; a match is kept unless a
   **negative** pattern of the same category overlaps it, an earlier pattern of the category already
   claimed an overlapping span, or an earlier category did (precedence: assessment, portfolio,
   certification, degree, experience in the shipped file).
4. Experience matches are parsed (``years_min``/``years_max``/``topic``) and dropped when a number
   is above ``max_years`` (company history, not a demand); "... and 2+ with Node" continuations
   follow a kept match. Degree mentions joined by "or"/"/"/"," form one group, which is
   ``optional`` when its stretch of the clause says so ("or equivalent experience", "preferred").
5. Each proof gets its sentence: bounded by line breaks (not soft wraps: a break followed by a
   lower-case word), bullets and sentence-final punctuation (not after "e.g.", "i.e.", "U.S.",
   "z. B.", list numbers or another abbreviation of the file), at most ``SENTENCE_SCAN`` characters
   either way; shown with whitespace collapsed, cut to ``sentence_chars`` around the match at word
   boundaries with an ellipsis.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

__all__ = [
    "CATEGORIES",
    "MAX_TEXT_CHARS",
    "PROOF_RULES_PATH",
    "Proof",
    "ProofRules",
    "ProofRulesError",
    "certification_names",
    "find_proofs",
    "load_proof_rules",
    "years_for_skill",
    "years_from_proofs",
]

PROOF_RULES_PATH = Path(__file__).resolve().parent / "data" / "proof_rules.json"

#: The category ids a rules file may use (each at most once; the file's order is the precedence).
CATEGORIES = ("assessment", "portfolio", "certification", "degree", "experience")

#: Longer texts are read up to here (a posting is rarely a tenth of it); offsets stay valid.
MAX_TEXT_CHARS = 200_000
#: How far a sentence boundary is looked for on either side of a match.
SENTENCE_SCAN = 1_500
#: Trigger occurrences read per text. The recorded postings have at most 29; a hostile text of
#: "3 years " repeated to MAX_TEXT_CHARS has 25,000 and took seconds. Past this many, the rest of the
#: text is not read (so one such posting costs milliseconds, like any other).
MAX_TRIGGER_HITS = 500

_TOP_KEYS = {"version", "about", "sentence_chars", "window", "max_years", "numbers", "abbreviations", "defs",
             "categories"}
_CAT_KEYS = {"id", "label", "description", "window", "triggers", "inner_triggers", "patterns", "negative", "examples", "optional",
             "continuation", "topic"}
_ONLY_IN = {"optional": "degree", "continuation": "experience", "topic": "experience"}
_TOPIC_KEYS = {"stop", "strip_leading", "strip_trailing", "ignore", "max_chars"}
#: Named groups an experience pattern may capture; every other group must be (?:...).
_EXPERIENCE_GROUPS = {"min", "max", "upto", "months", "dec", "topic"}
_DEF_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_SURROGATE = re.compile("[\ud800-\udfff]")


class ProofRulesError(ValueError):
    """The proof-rules file is missing, malformed or inconsistent."""


class Proof(NamedTuple):
    """One proof demand in a text. Offsets are character offsets into the text given to
    ``find_proofs``; ``text`` and ``sentence`` are for display (lone surrogates replaced)."""

    category: str  # one of CATEGORIES
    start: int  # the matched phrase: text[start:end]
    end: int
    text: str
    sentence: str  # the sentence it sits in, whitespace collapsed, at most ~sentence_chars
    sentence_start: int  # the whole sentence: text[sentence_start:sentence_end]
    sentence_end: int
    years_min: int | None = None  # experience: "3+" -> 3; "2-4" -> 2; "up to 3" -> None
    years_max: int | None = None  # experience: "2-4" -> 4; "3+" -> None
    topic: str | None = None  # experience: what the years attach to ("Python"), if the sentence says
    topic_start: int | None = None
    topic_end: int | None = None
    optional: bool | None = None  # degree: True when "or equivalent experience" / "preferred" is said


# --------------------------------------------------------------------------- compiled rules


@dataclass(frozen=True)
class _Category:
    id: str
    label: str
    description: str
    index: int  # position in precedence order; its bit in a trigger's category mask
    triggers: tuple[str, ...]  # matched at a word start
    inner: tuple[str, ...]  # matched anywhere (German compounds: "Informatikstudium")
    positive: re.Pattern[str]  # the patterns as one alternation, file order; each branch ends in a marker group
    branch_of: dict[int, int]  # marker group number -> pattern number
    groups: tuple[dict[str, str], ...]  # per pattern: experience group name -> its name in `positive`
    negative: re.Pattern[str] | None
    optional: tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None = None  # (clause-wide, near)
    continuation: tuple[tuple[re.Pattern[str], dict[str, str]], ...] = ()
    before: int = 60  # how far before its trigger a match may start
    after: int = 320  # how far after its trigger a match may end
    first: frozenset[str] | None = None  # the characters a match can start with (None: any)
    negative_first: frozenset[str] | None = None


@dataclass(frozen=True)
class _Topic:
    stop: re.Pattern[str]  # where a topic ends ("..., ideally", " and 2+ with")
    strip_leading: re.Pattern[str]  # articles, qualifiers, connectors in front
    strip_trailing: re.Pattern[str]  # dangling words at the end ("... roles within")
    ignore: re.Pattern[str]  # a topic that is only this is none ("Bereichen", "industry")
    max_chars: int


_NO_MATCH = re.compile(r"(?!x)x")
_DEFAULT_TOPIC = _Topic(_NO_MATCH, _NO_MATCH, _NO_MATCH, _NO_MATCH, 80)


@dataclass(eq=False)
class ProofRules:
    """A validated, compiled proof-rules file. Treat as read-only; share freely."""

    version: str
    path: str
    categories: tuple[str, ...]  # ids in precedence order
    labels: dict[str, str]
    descriptions: dict[str, str]
    sentence_chars: int = 300
    max_years: int = 20
    window_before: int = 120
    window_after: int = 320
    _cats: tuple[_Category, ...] = field(repr=False, default=())
    _trigger_re: re.Pattern[str] = field(repr=False, default=_NO_MATCH)  # \W + a trie of every trigger
    _trigger_at: re.Pattern[str] = field(repr=False, default=_NO_MATCH)  # the trie alone (text start)
    _trigger_mask: dict[str, int] = field(repr=False, default_factory=dict)  # trigger -> category bits
    _inner: tuple[tuple[str, int], ...] = field(repr=False, default=())
    _numbers: dict[str, int] = field(repr=False, default_factory=dict)
    _abbreviations: frozenset[str] = field(repr=False, default=frozenset())
    _topic: _Topic = field(repr=False, default=_DEFAULT_TOPIC)

    # -- the public calls -----------------------------------------------------------------------

    def find(self, text: object, categories: tuple[str, ...] | None = None) -> list[Proof]:
        """See ``skills.proof.find_proofs``; ``categories`` limits the search (precedence kept)."""
        if not isinstance(text, str) or not text:
            return []
        return self._find(str(text), 0, min(len(text), MAX_TEXT_CHARS), categories)

    def years_for_skill(self, text: object, start: object, end: object,
                        proofs: list[Proof] | None = None) -> tuple[int | None, int | None]:
        """See ``skills.proof.years_for_skill``; ``proofs``: ``find(text)`` if already made."""
        if not isinstance(text, str) or type(start) is not int or type(end) is not int:
            return None, None
        if not 0 <= start < end <= min(len(text), MAX_TEXT_CHARS):
            return None, None
        return years_from_proofs(self.find(text) if proofs is None else proofs, start, end)

    # -- matching -------------------------------------------------------------------------------

    def _find(self, text: str, lo: int, hi: int, only: tuple[str, ...] | None) -> list[Proof]:
        src = text[:hi]
        low = src.lower() if "\u0130" not in src else src.replace("\u0130", "i").lower()
        hits = self._triggers(low, lo, hi)
        if not hits:
            return []
        taken: list[tuple[int, int]] = []  # spans claimed by earlier categories
        found: list[tuple[_Category, int, int, tuple[Any, ...]]] = []
        for cat in self._cats:
            if only is not None and cat.id not in only:
                continue
            bit = 1 << cat.index
            mine: list[tuple[int, int, tuple[Any, ...]]] = []
            for t, mask in hits:
                if mask & bit and not _inside(t, mine) and not _inside2(t, taken):
                    self._match_at(cat, low, t, lo, hi, taken, mine)
            for s, e, extra in mine:
                taken.append((s, e))
                found.append((cat, s, e, extra))
        if not found:
            return []
        found.sort(key=lambda f: (f[1], f[2]))
        sentences: list[tuple[int, int]] = []
        out: list[Proof] = []
        for cat, s, e, extra in found:
            ss, se = self._cached_bounds(text, s, e, sentences)
            shown = _clean(text[s:e])
            sentence = self._display(text, ss, se, s, e)
            if cat.id == "experience":
                ymin, ymax, ts, te = extra
                topic = _clean(" ".join(text[ts:te].split())) if ts is not None else None
                out.append(Proof(cat.id, s, e, shown, sentence, ss, se, ymin, ymax, topic, ts, te, None))
            else:
                out.append(Proof(cat.id, s, e, shown, sentence, ss, se))
        degrees = [i for i, p in enumerate(out) if p.category == "degree"]
        if degrees:
            self._mark_optional(low, out, degrees)
        return out

    def _triggers(self, low: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """(position, category bits) of the triggers in low[lo:hi], in text order, the first
        ``MAX_TRIGGER_HITS`` of them. One regex pass for the word-start triggers (a trie, so one
        branch per letter), ``str.find`` for the inner ones."""
        mask = self._trigger_mask
        hits = []
        for m in self._trigger_re.finditer(low, lo, hi):
            hits.append((m.start(1), mask[m.group(1)]))
            if len(hits) >= MAX_TRIGGER_HITS:
                break
        if lo < hi and (lo == 0 or not (low[lo - 1].isalnum() or low[lo - 1] == "_")):
            m = self._trigger_at.match(low, lo, hi)
            if m is not None:
                hits.insert(0, (lo, mask[m.group()]))
        if self._inner:
            find = low.find
            for trig, bits in self._inner:
                i = find(trig, lo, hi)
                while i >= 0 and len(hits) < 2 * MAX_TRIGGER_HITS:
                    hits.append((i, bits))
                    i = find(trig, i + 1, hi)
            hits.sort()
        return hits[:MAX_TRIGGER_HITS]  # the cap again: the inner triggers and the text start add to it

    def _match_at(self, cat: _Category, low: str, t: int, lo: int, hi: int,
                  taken: list[tuple[int, int]], mine: list[tuple[int, int, tuple[Any, ...]]]) -> None:
        """Keep the first match of the category's patterns that starts at most ``window.before``
        characters before the trigger at ``t`` and reaches it. Only word starts (and line starts)
        are tried: a handful of anchored ``match`` calls instead of a scan of the window."""
        end = min(hi, t + cat.after)
        if end < hi:  # end at a word end: (?!\w) sees the end of the window as the end of the text
            limit = min(hi, end + 40)
            while end < limit and (low[end].isalnum() or low[end] == "_"):
                end += 1
        match = cat.positive.match
        first = cat.first
        for c in _CANDIDATE.finditer(low, _clause_start(low, max(lo, t - cat.before), t), t + 1):
            p = c.start()
            if first is not None and (p >= end or low[p] not in first):
                continue
            m = match(low, p, end)
            if m is None:
                continue
            s, e = m.span()
            if e <= t or s == e:
                continue
            extra: tuple[Any, ...] = ()
            if cat.id == "experience":  # judged by the phrase as parsed (the topic cut where it ends)
                parsed = self._experience(low, m, cat.groups[cat.branch_of[m.lastindex]])  # type: ignore[index]
                if parsed is None:
                    continue
                s, e, extra = parsed
            if _overlaps(s, e, taken) or _overlaps3(s, e, mine) or self._vetoed(cat, low, s, e, lo, hi):
                continue
            mine.append((s, e, extra))
            if cat.id != "experience":
                return
            self._continue(cat, low, e, min(hi, e + cat.after), lo, hi, taken, mine)
            return

    def _vetoed(self, cat: _Category, low: str, s: int, e: int, lo: int, hi: int) -> bool:
        """Whether a negative pattern of the category overlaps low[s:e]: tried at the word starts
        from ``before`` characters before the match (not across a line break) to its end."""
        neg = cat.negative
        if neg is None:
            return False
        c0 = _clause_start(low, max(lo, s - cat.before), s)
        end = min(hi, e + 80)
        first = cat.negative_first
        match = neg.match
        for c in _CANDIDATE.finditer(low, c0, e):
            p = c.start()
            if first is not None and p < len(low) and low[p] not in first:
                continue
            m = match(low, p, end)
            if m is not None and m.end() > s and m.end() > p:
                return True
        return False

    def _continue(self, cat: _Category, low: str, pos: int, whi: int, lo: int, hi: int,
                  taken: list[tuple[int, int]], mine: list[tuple[int, int, tuple[Any, ...]]]) -> None:
        """"5+ years with React, 3+ with Vue and 2+ with Node": follow a kept experience match."""
        for _ in range(8):
            q = pos
            while q < whi and low[q] in " \t":
                q += 1
            hit = None
            names: dict[str, str] = {}
            for pat, names in cat.continuation:
                m = pat.match(low, q, whi)
                if m is not None:
                    hit = m
                    break
            if hit is None:
                return
            parsed = self._experience(low, hit, names)
            if parsed is None:
                return
            s, e, extra = parsed
            if "min" in names and hit.start(names["min"]) >= 0:  # the phrase starts at its number, not at ", and"
                s = hit.start(names["min"])
            if (_overlaps(s, e, taken) or _overlaps3(s, e, mine) or e <= s
                    or self._vetoed(cat, low, s, e, lo, hi)):
                return
            mine.append((s, e, extra))
            pos = e

    def _experience(self, low: str, m: re.Match[str], names: dict[str, str]) -> tuple[int, int, tuple[Any, ...]] | None:
        """(start, end, (years_min, years_max, topic_start, topic_end)) of an experience match, or
        None when its numbers are not a demand (above max_years, unreadable). ``names`` maps the
        group names of the file (min, max, upto, months, dec, topic) to the names in the match."""
        groups = {key: m.group(name) for key, name in names.items()}
        nums = self._numbers
        parsed: dict[str, int] = {}
        for key in ("min", "max", "upto", "months", "dec"):
            raw = groups.get(key)
            if raw is not None:
                value = _number(raw, nums)
                if value is None:
                    return None
                parsed[key] = value
        ymin, ymax = parsed.get("min"), parsed.get("max")
        if "dec" in parsed:
            ymin = parsed["dec"] * 10
        if "upto" in parsed:
            ymax = parsed["upto"]
        if "months" in parsed:
            ymin = parsed["months"] // 12
        if ymin is not None and ymax is not None and ymin > ymax:
            ymin, ymax = ymax, ymin
        if (ymin is not None and ymin > self.max_years) or (ymax is not None and ymax > self.max_years):
            return None
        s, e = m.span()
        ts = te = None
        if groups.get("topic") is not None:
            raw_s, raw_e = m.span(names["topic"])
            cut = self._cut_topic(low, raw_s, raw_e)
            if cut is not None:
                ts, te = cut
            if raw_e == e:  # topic last ("3+ years of Python, ideally ..."): the phrase ends with it
                e = te if te is not None else _trim_connector(low, s, raw_s)
            if raw_s == s and ts is not None:  # topic first ("Java and/or Kotlin (7+ years)")
                s = ts
        return s, e, (ymin, ymax, ts, te)

    def _cut_topic(self, low: str, ts: int, te: int) -> tuple[int, int] | None:
        topic = self._topic
        m = topic.stop.search(low, ts, min(len(low), te + 24))  # may look past the end ("..., z. B.")
        if m is not None and m.start() < te:
            te = m.start()
        seg = low[ts:te]
        if "(" in seg:  # an unbalanced "(" ends it: "Python (ideally 3.12" is not a topic
            depth, cut = 0, None
            for i, ch in enumerate(seg):
                if ch == "(":
                    if depth == 0:
                        cut = i
                    depth += 1
                elif ch == ")" and depth:
                    depth -= 1
                    if depth == 0:
                        cut = None
            if cut is not None:
                te = ts + cut
        while True:
            m = topic.strip_leading.match(low, ts, te)
            if m is None or m.end() == ts:
                break
            ts = m.end()
        while ts < te and not (low[ts].isalnum() or low[ts] in "(#.+"):
            ts += 1
        te = self._strip_end(low, ts, te)
        if te - ts > topic.max_chars:
            cut_at = low.rfind(" ", ts, ts + topic.max_chars)
            te = self._strip_end(low, ts, cut_at if cut_at > ts else ts + topic.max_chars)
        if te <= ts or not any(ch.isalpha() for ch in low[ts:te]) or topic.ignore.fullmatch(low, ts, te):
            return None
        return ts, te

    def _strip_end(self, low: str, ts: int, te: int) -> int:
        m = self._topic.strip_trailing.search(low, ts, te)
        if m is not None and m.start() >= ts:
            te = m.start()
        while te > ts and low[te - 1] in " \t,;:-–—/&+(":
            te -= 1
        return te

    # -- degree: optional ----------------------------------------------------------------------

    def _mark_optional(self, low: str, out: list[Proof], idx: list[int]) -> None:
        """Degree mentions joined by "or", "/", ",", "and" form one group ("Bachelor's or Master's
        degree"). A group is optional when its clause (the sentence up to ";") says experience can
        replace it or it is not required ("or equivalent experience", "nicht zwingend erforderlich"),
        or when its own stretch -- from the previous group to the next -- says it is preferred
        ("Bachelor's degree in CS (advanced degrees a plus)": only the advanced degree is)."""
        cat = next((c for c in self._cats if c.id == "degree"), None)
        clause_rx, near_rx = cat.optional if cat is not None and cat.optional else (None, None)
        groups: list[list[int]] = []
        for i in idx:
            p = out[i]
            if groups:
                q = out[groups[-1][-1]]
                if q.sentence_start == p.sentence_start and _JOINER.fullmatch(low, q.end, p.start) is not None:
                    groups[-1].append(i)
                    continue
            groups.append([i])
        for g, members in enumerate(groups):
            first, last = out[members[0]], out[members[-1]]
            ss, se = first.sentence_start, first.sentence_end
            c0 = low.rfind(";", ss, first.start)
            c1 = low.find(";", last.end, se)
            lo = c0 + 1 if c0 >= 0 else ss
            hi = c1 if c1 >= 0 else se
            optional = bool(clause_rx is not None and lo < hi and clause_rx.search(low, lo, hi) is not None)
            if not optional and near_rx is not None:
                if g > 0:
                    prev = out[groups[g - 1][-1]]
                    if prev.sentence_start == ss and prev.end > lo:
                        lo = prev.end
                if g + 1 < len(groups):
                    nxt = out[groups[g + 1][0]]
                    if nxt.sentence_start == ss and nxt.start < hi:
                        hi = nxt.start
                optional = lo < hi and near_rx.search(low, lo, hi) is not None
            for i in members:
                out[i] = out[i]._replace(optional=optional)

    # -- sentences ------------------------------------------------------------------------------

    def _cached_bounds(self, text: str, s: int, e: int, seen: list[tuple[int, int]]) -> tuple[int, int]:
        for ss, se in seen:
            if ss <= s and e <= se:
                return ss, se
        bounds = self._sentence_bounds(text, s, e)
        seen.append(bounds)
        return bounds

    def _sentence_bounds(self, text: str, s: int, e: int) -> tuple[int, int]:
        """[start, end) of the sentence holding text[s:e], leading bullets and spaces left out."""
        n = len(text)
        lo, hi = max(0, s - SENTENCE_SCAN), min(n, e + SENTENCE_SCAN)
        start = lo
        near = max(lo, s - 400)  # the nearest boundary is usually close: look there first, backwards
        for left in ((near, s), (lo, near)) if near > lo else ((lo, s),):
            found = None
            for m in reversed(list(_BOUNDARY.finditer(text, *left))):
                if self._is_boundary(text, m):
                    found = m.end()
                    break
            if found is not None:
                start = found
                break
        end = hi
        for m in _BOUNDARY.finditer(text, e, hi):
            if self._is_boundary(text, m):
                end = m.end() if m.group()[0] in ".!?…" else m.start()
                break
        lead = _LEAD.match(text, start, s)
        if lead is not None:
            start = lead.end()
        start = min(start, s)
        while end > e and text[end - 1].isspace():
            end -= 1
        return start, max(end, e)

    def _is_boundary(self, text: str, m: re.Match[str]) -> bool:
        ch = m.group()[0]
        p = m.start()
        if ch == "\n":
            q = p + 1
            n = len(text)
            while q < n and text[q] in " \t\r\u00a0":
                q += 1
            if q >= n or text[q] == "\n":
                return True
            b = p - 1
            while b >= 0 and text[b] in " \t\r\u00a0":
                b -= 1
            prev = text[b] if b >= 0 else "\n"
            # a soft wrap: a line ending mid-sentence and the next one going on in lower case
            return not (text[q].islower() and (prev.isalnum() or prev in ",-(/&"))
        if ch in "!?":
            return True
        if ch in "•·●▪◦■►":
            return True
        # "." (or "..."): not after an abbreviation, a list number or a single letter, nor before
        # a lower-case word ("approx. ten", "etc. and")
        q = m.end()
        n = len(text)
        while q < n and text[q].isspace():
            q += 1
        if q < n and text[q].islower():
            return False
        b = p
        while b > 0 and not text[b - 1].isspace() and p - b < 24:
            b -= 1
        token = text[b:p + 1].lstrip("([{\"'“‘*-•").lower()
        if token in self._abbreviations or _INITIALS.fullmatch(token):
            return False
        if _LIST_NUMBER.fullmatch(token):
            k = b - 1
            while k >= 0 and text[k] in " \t":
                k -= 1
            if k < 0 or text[k] == "\n":
                return False
        return True

    def _display(self, text: str, ss: int, se: int, s: int, e: int) -> str:
        limit = self.sentence_chars
        if se - ss <= limit:
            flat = " ".join(text[ss:se].split())
            if len(flat) <= limit:
                return _clean(flat)
        middle = " ".join(text[s:e].split())
        if len(middle) >= limit:
            cut = middle.rfind(" ", 0, limit)
            return _clean((middle[:cut] if cut > 0 else middle[:limit]) + "…")
        budget = limit - len(middle)
        left = " ".join(text[max(ss, s - 2 * limit):s].split())
        right = " ".join(text[e:min(se, e + 2 * limit)].split())
        lb = min(len(left), max(budget // 2, budget - len(right)))
        rb = min(len(right), budget - lb)
        if lb < len(left):
            piece = left[len(left) - lb:]
            sp = piece.find(" ")
            left = "…" + (piece[sp + 1:] if sp >= 0 else "")
        elif s - 2 * limit > ss:
            left = "…" + left
        if rb < len(right):
            piece = right[:rb]
            sp = piece.rfind(" ")
            right = (piece[:sp] if sp >= 0 else "") + "…"
        elif e + 2 * limit < se:
            right = right + "…"
        sep_l = " " if s > ss and text[s - 1].isspace() and not left.endswith("…") else ""
        sep_r = " " if e < se and text[e].isspace() and not right.startswith("…") else ""
        if left == "…":
            sep_l = ""
        return _clean(f"{left}{sep_l}{middle}{sep_r}{right}".strip())


#: Where a match may start: line starts, and non-blank characters that follow no word character.
_CANDIDATE = re.compile(r"(?<=\n)|(?<!\w)(?=\S)")
_BOUNDARY = re.compile(r"\n|[.!?…]+[\"'”’)\]]*(?=\s|$)|[•·●▪◦■►](?=\s)")
_LEAD = re.compile(r"(?:\s|[-–—•·●▪◦■►*>✓✔✅☑]|\d{1,2}[.)](?=\s)|\ufe0f)*")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+")
_LIST_NUMBER = re.compile(r"\d{1,2}\.")
_JOINER = re.compile(r"\s*(?:/|,|or|and|oder|und|bzw\.?|&)?\s*(?:an?\s+|ein(?:en|e)?\s+)?")
_TRAIL_CONNECTOR = re.compile(r"(?:\s+(?:of|in|with|as|at|im|in der|in einer|als|mit|bei|for|using|within|auf))+\s*$")


def _clause_start(low: str, c0: int, t: int) -> int:
    """Where the clause holding position ``t`` starts, at most back to ``c0``: no pattern runs
    across a line break or "; ", nor across ". " after a word of four or more letters (so
    "min. 3 years" stays one phrase). In a bulleted list that leaves two or three word starts."""
    cut = max(low.rfind("\n", c0, t), low.rfind("; ", c0, t))
    dot = low.rfind(". ", max(c0, cut), t)
    while dot > 0 and not low[max(0, dot - 4):dot].isalpha():
        dot = low.rfind(". ", max(c0, cut), dot)
    return max(c0, cut + 1, dot + 2 if dot >= 0 else -1)


def _trim_connector(low: str, s: int, e: int) -> int:
    m = _TRAIL_CONNECTOR.search(low, s, e)
    e = m.start() if m is not None else e
    while e > s and low[e - 1].isspace():
        e -= 1
    return e


def _inside(t: int, spans: list[tuple[int, int, Any]]) -> bool:
    for a, b, _x in spans:
        if a <= t < b:
            return True
    return False


def _inside2(t: int, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:
        if a <= t < b:
            return True
    return False


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:
        if a < e and s < b:
            return True
    return False


def _overlaps3(s: int, e: int, spans: list[tuple[int, int, Any]]) -> bool:
    for a, b, _x in spans:
        if a < e and s < b:
            return True
    return False


def _number(value: str | None, words: dict[str, int]) -> int | None:
    if value is None:
        return None
    value = value.strip()
    if value[:1].isdigit():
        try:
            return int(float(value.replace(",", ".")))
        except ValueError:
            return None
    return words.get(value)


def _clean(value: str) -> str:
    return _SURROGATE.sub("\ufffd", value) if not value.isascii() else value


# --------------------------------------------------------------------------- loading


def load_proof_rules(path: str | Path | None = None) -> ProofRules:
    """Read, validate and compile a proof-rules file (default: the shipped ``PROOF_RULES_PATH``).

    Cached per resolved path and modification time: an edited file is re-read on the next call.
    Raises ``ProofRulesError`` naming the file and the offending entry when the file is unusable.
    """
    resolved = str(Path(path).expanduser().resolve()) if path else _DEFAULT_PATH
    try:
        stamp = os.stat(resolved).st_mtime_ns
    except OSError:
        stamp = -1
    return _load_cached(resolved, stamp)


_DEFAULT_PATH = str(PROOF_RULES_PATH)


@lru_cache(maxsize=8)
def _load_cached(path: str, _stamp: int) -> ProofRules:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise ProofRulesError(f"proof rules file {path} does not exist") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProofRulesError(f"cannot read proof rules file {path}: {exc}") from exc
    return _build(raw, path)


def _fail(path: str, message: str) -> ProofRulesError:
    return ProofRulesError(f"{path}: {message}")


def _expand(path: str, where: str, pattern: str, defs: dict[str, str], depth: int = 0) -> str:
    if depth > 6:
        raise _fail(path, f"{where}: 'defs' nest too deeply (a definition refers to itself?)")

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in defs:
            raise _fail(path, f"{where}: {{{name}}} is not defined in 'defs'")
        return _expand(path, where, defs[name], defs, depth + 1)

    return _DEF_REF.sub(sub, pattern)


def _compile(path: str, where: str, pattern: Any, defs: dict[str, str], groups: set[str] | None = None,
             wrap: bool = True) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern.strip():
        raise _fail(path, f"{where}: a pattern must be a non-empty string, got {pattern!r}")
    if pattern != pattern.lower() and re.search(r"[A-Z]", re.sub(r"\\[A-Za-z]|\(\?P[<=]", "", pattern)):
        raise _fail(path, f"{where}: {pattern!r} has capitals; patterns see lower-cased text")
    body = _expand(path, where, pattern, defs)
    try:
        compiled = re.compile(f"(?<!\\w)(?:{body})(?!\\w)" if wrap else body)
    except re.error as exc:
        raise _fail(path, f"{where}: invalid regular expression {pattern!r}: {exc}") from exc
    names = set(compiled.groupindex)
    if compiled.groups != len(names):
        raise _fail(path, f"{where}: {pattern!r} has an unnamed capturing group; use (?:...)")
    allowed = groups or set()
    if names - allowed:
        extra = ", ".join(sorted(names - allowed))
        hint = f"allowed here: {', '.join(sorted(allowed))}" if allowed else "use (?:...)"
        raise _fail(path, f"{where}: {pattern!r} captures {extra}; {hint}")
    if compiled.fullmatch("") or (not wrap and compiled.match("") is not None):
        raise _fail(path, f"{where}: {pattern!r} matches the empty string")
    return compiled


def _alternation(path: str, where: str, patterns: list[str],
                 defs: dict[str, str]) -> tuple[re.Pattern[str] | None, frozenset[str] | None]:
    """Several patterns as one alternation (first-character guards in front of each), and the
    characters a match of any of them can start with (None: any)."""
    if not patterns:
        return None, None
    bodies = []
    for k, pattern in enumerate(patterns):
        _compile(path, f"{where}[{k}]", pattern, defs)  # each one checked on its own
        bodies.append(_expand(path, where, pattern, defs))
    guarded, first = _guarded(bodies)
    return re.compile("(?<!\\w)(?:" + "|".join(f"(?:{b})" for b in guarded) + ")(?!\\w)"), first


def _guarded(bodies: list[str]) -> tuple[list[str], frozenset[str] | None]:
    """Each branch prefixed with a lookahead for the characters it can start with: at a position
    where it cannot match, a branch then costs one test instead of a walk through its alternatives
    (Python's regex engine tries them one by one). Also returns the union (None: any character)."""
    out, union = [], set()
    for body in bodies:
        chars = _first_chars(body)
        if chars is None:
            union = None  # type: ignore[assignment]
            out.append(body)
            continue
        if union is not None:
            union |= chars
        cls = "".join(sorted("\\" + ch if ch in "\\]^-[" else ch for ch in chars))
        out.append(f"(?=[{cls}])(?:{body})")
    return out, (frozenset(union) if union is not None else None)


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with (lower-case text), or None when any
    could or it cannot be worked out. Read with the standard library's own regex parser."""
    try:
        from re import _constants as c  # Python 3.11+
        from re import _parser as p

        first, nullable = _first_of(p.parse(pattern), c)
    except Exception:  # noqa: BLE001 - a parser change only costs speed
        return None
    if first is None or nullable or len(first) > 80:
        return None
    return frozenset(first)


_DIGITS = set("0123456789")
_SPACES = set(" \t\n\r\f\v\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
              "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


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
                elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                    out |= _DIGITS
                elif kind is c.CATEGORY and value is c.CATEGORY_SPACE:
                    out |= _SPACES
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
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
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


def _str_list(path: str, where: str, value: Any, *, empty: bool = True) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, f"{where} must be a list of non-empty strings")
    if not empty and not value:
        raise _fail(path, f"{where} must not be empty")
    return value


def _int(path: str, name: str, value: Any, lo: int, hi: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        raise _fail(path, f"'{name}' must be an integer {lo}-{hi}, got {value!r}")
    return value


def _build(raw: Any, path: str) -> ProofRules:
    if not isinstance(raw, dict):
        raise _fail(path, "expected a JSON object")
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise _fail(path, f"unknown keys {sorted(unknown)}; allowed: {', '.join(sorted(_TOP_KEYS))}")
    version = raw.get("version")
    if not isinstance(version, str) or not version.strip():
        raise _fail(path, "missing 'version' (a non-empty string)")
    defs = raw.get("defs", {})
    if not isinstance(defs, dict) or not all(isinstance(k, str) and _DEF_REF.fullmatch("{" + k + "}")
                                             and isinstance(v, str) and v for k, v in defs.items()):
        raise _fail(path, "'defs' must be an object {lower_snake_name: pattern}")
    numbers = raw.get("numbers", {})
    if not isinstance(numbers, dict) or not all(
            isinstance(k, str) and k == k.lower() and isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 99
            for k, v in numbers.items()):
        raise _fail(path, "'numbers' must be an object {lower-case word: integer 0-99}")
    abbreviations = _str_list(path, "'abbreviations'", raw.get("abbreviations", []))
    sentence_chars = _int(path, "sentence_chars", raw.get("sentence_chars", 300), 40, 5000)
    max_years = _int(path, "max_years", raw.get("max_years", 20), 1, 99)
    window = raw.get("window", {"before": 120, "after": 320})
    if not isinstance(window, dict) or set(window) != {"before", "after"}:
        raise _fail(path, "'window' must be an object with exactly 'before' and 'after'")
    before = _int(path, "window.before", window["before"], 0, 2000)
    after = _int(path, "window.after", window["after"], 20, 5000)

    cats_raw = raw.get("categories")
    if not isinstance(cats_raw, list) or not cats_raw:
        raise _fail(path, "'categories' must be a non-empty list")
    cats: list[_Category] = []
    labels: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    topic = _DEFAULT_TOPIC
    examples: list[tuple[str, dict[str, Any]]] = []
    for i, spec in enumerate(cats_raw):
        where = f"categories[{i}]"
        if not isinstance(spec, dict):
            raise _fail(path, f"{where}: not an object")
        cid = spec.get("id")
        if cid not in CATEGORIES:
            raise _fail(path, f"{where}: unknown category {cid!r}; known: {', '.join(CATEGORIES)}")
        if cid in labels:
            raise _fail(path, f"{where}: category {cid!r} is listed twice")
        where = f"category {cid!r}"
        extra = set(spec) - _CAT_KEYS
        if extra:
            raise _fail(path, f"{where}: unknown keys {sorted(extra)}; allowed: {', '.join(sorted(_CAT_KEYS))}")
        for key, owner in _ONLY_IN.items():
            if key in spec and cid != owner:
                raise _fail(path, f"{where}: '{key}' is only for the {owner!r} category")
        label, desc = spec.get("label"), spec.get("description", "")
        if not isinstance(label, str) or not label.strip():
            raise _fail(path, f"{where}: 'label' must be a non-empty string")
        if not isinstance(desc, str):
            raise _fail(path, f"{where}: 'description' must be a string")
        triggers = _str_list(path, f"{where}: 'triggers'", spec.get("triggers", []))
        inner = _str_list(path, f"{where}: 'inner_triggers'", spec.get("inner_triggers", []))
        if not triggers and not inner:
            raise _fail(path, f"{where}: needs 'triggers' (word starts) or 'inner_triggers' (anywhere)")
        for t in (*triggers, *inner):
            if t != t.lower():
                raise _fail(path, f"{where}: trigger {t!r} has capitals; triggers are looked up in lower-cased text")
            if not t[0].isalnum():
                raise _fail(path, f"{where}: trigger {t!r} must start with a letter or digit")
        allowed = _EXPERIENCE_GROUPS if cid == "experience" else None
        sources = _str_list(path, f"{where}: 'patterns'", spec.get("patterns"), empty=False)
        compiled = [_compile(path, f"{where}: patterns[{k}]", p, defs, allowed) for k, p in enumerate(sources)]
        positive, branch_of, group_names, first = _positive(sources, compiled, defs, path, where)
        negative, negative_first = _alternation(path, f"{where}: negative",
                                                _str_list(path, f"{where}: 'negative'", spec.get("negative", [])), defs)
        optional: tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None = None
        if "optional" in spec:
            opt = spec["optional"]
            if not isinstance(opt, dict) or not opt or set(opt) - {"clause", "near"}:
                raise _fail(path, f"{where}: 'optional' must be an object with 'clause' and/or 'near' pattern lists")
            optional = tuple(
                _alternation(path, f"{where}: optional.{key}",
                             _str_list(path, f"{where}: optional.{key}", opt.get(key, [])), defs)[0]
                for key in ("clause", "near"))  # type: ignore[assignment]
        reach = spec.get("window", {})
        if not isinstance(reach, dict) or set(reach) - {"before", "after"}:
            raise _fail(path, f"{where}: 'window' must be an object with 'before' and/or 'after'")
        cat_before = _int(path, f"{cid}.window.before", reach.get("before", before), 0, 2000)
        cat_after = _int(path, f"{cid}.window.after", reach.get("after", after), 20, 5000)
        continuation: tuple[tuple[re.Pattern[str], dict[str, str]], ...] = ()
        if "continuation" in spec:
            conts = [_compile(path, f"{where}: continuation[{k}]", p, defs, _EXPERIENCE_GROUPS, wrap=False)
                     for k, p in enumerate(_str_list(path, f"{where}: 'continuation'", spec["continuation"]))]
            continuation = tuple((re.compile(f"(?:{c.pattern})(?!\\w)"), {g: g for g in c.groupindex}) for c in conts)
        if "topic" in spec:
            topic = _build_topic(path, where, spec["topic"], defs)
        ex = spec.get("examples", {})
        if not isinstance(ex, dict) or set(ex) - {"positive", "negative"}:
            raise _fail(path, f"{where}: 'examples' must be an object with 'positive' and/or 'negative' lists")
        for kind in ("positive", "negative"):
            _str_list(path, f"{where}: examples.{kind}", ex.get(kind, []))
        examples.append((cid, ex))
        cats.append(_Category(cid, label.strip(), desc.strip(), len(cats), tuple(dict.fromkeys(triggers)),
                              tuple(dict.fromkeys(inner)), positive, branch_of, group_names, negative, optional,
                              continuation, cat_before, cat_after, first, negative_first))
        labels[cid], descriptions[cid] = label.strip(), desc.strip()

    rules = ProofRules(
        version=version.strip(), path=path, categories=tuple(c.id for c in cats), labels=labels,
        descriptions=descriptions, sentence_chars=sentence_chars, max_years=max_years, window_before=before,
        window_after=after, _cats=tuple(cats), _numbers=dict(numbers),
        _abbreviations=frozenset(a.lower() for a in abbreviations), _topic=topic,
        **_trigger_index(cats),
    )
    # The examples are part of the contract: every positive must be found, no negative may be.
    for cid, ex in examples:
        for sentence in ex.get("positive", []):
            if not any(p.category == cid for p in rules.find(sentence)):
                raise _fail(path, f"category {cid!r}: the positive example {sentence!r} is not found "
                                  f"(a missing trigger, or a negative that overlaps it?)")
        for sentence in ex.get("negative", []):
            hit = next((p for p in rules.find(sentence) if p.category == cid), None)
            if hit is not None:
                raise _fail(path, f"category {cid!r}: the negative example {sentence!r} is found ({hit.text!r})")
    return rules


def _positive(sources: list[str], compiled: list[re.Pattern[str]], defs: dict[str, str], path: str,
              where: str) -> tuple[re.Pattern[str], dict[int, int], tuple[dict[str, str], ...], frozenset[str] | None]:
    """A category's patterns as one alternation in file order. Each branch ends in an empty marker
    group (``lastindex`` says which pattern matched); experience groups get a per-pattern suffix
    (``min`` of pattern 3 is ``min_3``) because a regex cannot name two groups alike."""
    bodies, names = [], []
    for k, (source, single) in enumerate(zip(sources, compiled)):
        body = _expand(path, where, source, defs)
        mapping = {g: f"{g}_{k}" for g in single.groupindex}
        if mapping:
            body = re.sub(r"\(\?P<([a-z]+)>", lambda m, mapping=mapping: f"(?P<{mapping[m.group(1)]}>", body)
        bodies.append(body)
        names.append(mapping)
    guarded, first = _guarded(bodies)
    combined = re.compile("(?<!\\w)(?:" + "|".join(f"(?:{b})()" for b in guarded) + ")(?!\\w)")
    markers = sorted(i for i in range(1, combined.groups + 1) if i not in combined.groupindex.values())
    return combined, {marker: k for k, marker in enumerate(markers)}, tuple(names), first


def _trigger_index(cats: list[_Category]) -> dict[str, Any]:
    """One regex for every category's word-start triggers: a non-word character, then a trie of the
    literals (one branch per first letter, not one per trigger: the engine tries branches in turn).
    A trigger's category bits include those of every trigger it starts with ("example" is found
    where "exam" would be)."""
    bits: dict[str, int] = {}
    for cat in cats:
        for trig in cat.triggers:
            bits[trig] = bits.get(trig, 0) | (1 << cat.index)
    mask = {t: 0 for t in bits}
    for t in bits:
        for u, b in bits.items():
            if t.startswith(u):
                mask[t] |= b
    inner: dict[str, int] = {}
    for cat in cats:
        for trig in cat.inner:
            inner[trig] = inner.get(trig, 0) | (1 << cat.index)
    trie = _trie(sorted(mask)) if mask else "(?!x)x"
    return {"_trigger_re": re.compile(f"\\W({trie})"), "_trigger_at": re.compile(trie), "_trigger_mask": mask,
            "_inner": tuple(inner.items())}


def _trie(words: list[str]) -> str:
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:  # a shorter trigger ends here: the longer one is optional (greedy, so the longest wins)
            body = f"(?:{body})?"
        return body

    return build(root)


def _build_topic(path: str, where: str, spec: Any, defs: dict[str, str]) -> _Topic:
    if not isinstance(spec, dict) or set(spec) - _TOPIC_KEYS:
        raise _fail(path, f"{where}: 'topic' must be an object with keys {', '.join(sorted(_TOPIC_KEYS))}")
    compiled = {}
    for key in ("stop", "strip_leading", "strip_trailing", "ignore"):
        value = spec.get(key)
        if value is None:
            compiled[key] = _NO_MATCH
            continue
        compiled[key] = _compile(path, f"{where}: topic.{key}", value, defs, wrap=False)
        if key == "stop":  # searched along every topic: a first-character guard saves most of it
            guarded, _first = _guarded([compiled[key].pattern])
            compiled[key] = re.compile(guarded[0])
    max_chars = spec.get("max_chars", 80)
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or not 10 <= max_chars <= 500:
        raise _fail(path, f"{where}: topic.max_chars must be an integer 10-500")
    return _Topic(compiled["stop"], compiled["strip_leading"], compiled["strip_trailing"], compiled["ignore"],
                  max_chars)


# --------------------------------------------------------------------------- the public calls


def find_proofs(text: object, *, rules: ProofRules | None = None) -> list[Proof]:
    """Every proof demand in a posting's plain text, in text order.

    Never raises on its input: None, numbers, bytes, huge strings (read up to ``MAX_TEXT_CHARS``),
    lone surrogates give a list, possibly empty. The shipped rules are used unless ``rules`` is
    given (an edit of the file is picked up within a second).
    """
    return (rules or _default_rules()).find(text)


def years_for_skill(text: object, start: object, end: object, *, rules: ProofRules | None = None,
                    proofs: list[Proof] | None = None) -> tuple[int | None, int | None]:
    """(years_min, years_max) asked for the skill mentioned at ``text[start:end]``, from the
    experience proofs of the sentence that holds the mention (``years_from_proofs``);
    ``(None, None)`` when that sentence asks no years of it.

    "5+ years of experience with React and 2+ with Node": React (5, None), Node (2, None).
    "3+ years with Python, SQL and Airflow": each (3, None). "Python developer with 5+ years of
    experience": Python (5, None). "Strong Python; 3+ years of AWS": Python (None, None).
    Never raises; offsets out of range give ``(None, None)``. ``proofs``: ``find_proofs(text)``
    when the caller has it (one pass per posting, not one per mention).
    """
    return (rules or _default_rules()).years_for_skill(text, start, end, proofs)


def years_from_proofs(proofs: list[Proof], start: int, end: int) -> tuple[int | None, int | None]:
    """The years a text's proofs (``find_proofs``) ask for the mention at ``[start, end)``. Only
    experience proofs whose sentence holds the mention count, in this order:

    1. one whose topic holds the mention ("3+ years with Python, SQL and Airflow": each of them);
    2. one with no topic whose phrase holds it ("5+ years of Python experience");
    3. the nearest one with no topic ("Python developer with 5+ years of experience"; nearest by
       the gap between the mention and the phrase, then the first).

    A proof whose topic names something else never counts ("Strong Python; 3+ years of AWS":
    Python none). The warehouse applies the same rule in SQL to the stored proofs
    (warehouse/models/marts/skill_proof.sql); tests/test_proof.py checks that they agree.
    """
    near = [p for p in proofs if p.category == "experience" and p.sentence_start <= start and end <= p.sentence_end]
    for p in near:
        if p.topic_start is not None and p.topic_start <= start and end <= p.topic_end:
            return p.years_min, p.years_max
    for p in near:
        if p.topic_start is None and p.start <= start and end <= p.end:
            return p.years_min, p.years_max
    bare = [p for p in near if p.topic_start is None]
    if bare:
        best = min(bare, key=lambda p: min(abs(p.start - end), abs(start - p.end)))
        return best.years_min, best.years_max
    return None, None


_default: list[Any] = [None, -1.0]  # [rules, when the file was last checked]


def _default_rules() -> ProofRules:
    """The shipped rules, re-checking the file's mtime at most once a second."""
    now = time.monotonic()
    if _default[0] is None or now - _default[1] >= 1.0:
        _default[0], _default[1] = load_proof_rules(), now
    return _default[0]


_cert_cache: dict[tuple[str, Any], frozenset[str]] = {}


def certification_names(taxonomy_path: str | Path | None = None) -> frozenset[str]:
    """The canonical names of the taxonomy's ``certifications`` category ("AWS Certified Solutions
    Architect", "PMP", ...), so a caller can show which named certifications a posting co-mentions
    with a skill. Reads the taxonomy with ``skills.taxonomy.load_taxonomy`` (cached per path and
    modification time there); raises its ``TaxonomyError`` for an unusable file."""
    from .taxonomy import load_taxonomy  # lazy: importing skills.proof stays cheap

    taxonomy = load_taxonomy(taxonomy_path)
    key = (str(taxonomy_path or ""), id(taxonomy))
    names = _cert_cache.get(key)
    if names is None:
        names = frozenset(s.name for s in taxonomy.skills if s.category == "certifications")
        if len(_cert_cache) > 16:
            _cert_cache.clear()
        _cert_cache[key] = names
    return names


# --------------------------------------------------------------------------- a tiny CLI


def _stats(folder: Path, rules: ProofRules, as_json: bool) -> int:
    """Share of the recorded postings under ``folder`` with at least one proof per category."""
    from crawlers.recorded import (  # lazy: the CLI only
        RecordedFileError,
        recorded_postings,
    )

    seen: set[tuple[str, str]] = set()
    per_source: dict[str, dict[str, int]] = {}
    texts: list[str] = []
    skipped: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name.endswith((".md", ".metadata.json")):
            continue
        try:
            postings = list(recorded_postings(path))
        except (RecordedFileError, ValueError, OSError) as exc:
            skipped.append(f"{path.relative_to(folder)} ({type(exc).__name__})")
            continue
        for posting in postings:
            key = (str(posting.get("source")), str(posting.get("source_id")))
            if key in seen:  # the same posting in two snapshots counts once
                continue
            seen.add(key)
            text = posting.get("description") or ""
            texts.append(text)
            counts = per_source.setdefault(key[0], dict.fromkeys(("postings", *rules.categories, "any"), 0))
            counts["postings"] += 1
            cats = {p.category for p in rules.find(text)}
            for cat in cats:
                counts[cat] += 1
            counts["any"] += bool(cats)
    total = dict.fromkeys(("postings", *rules.categories, "any"), 0)
    for counts in per_source.values():
        for k, v in counts.items():
            total[k] += v
    start = time.perf_counter()
    for text in texts:
        rules.find(text)
    elapsed = time.perf_counter() - start
    rate = len(texts) / elapsed if elapsed > 0 else 0.0
    if as_json:
        print(json.dumps({"version": rules.version, "sources": per_source, "total": total,
                          "postings_per_second": round(rate), "skipped": skipped}, indent=2))
        return 0
    cols = (*rules.categories, "any")
    print(f"proof rules {rules.version}: share of recorded postings with at least one proof, by category")
    print(f"{'source':<16}{'postings':>9}" + "".join(f"{c:>15}" for c in cols))
    for source, counts in sorted(per_source.items()) + [("TOTAL", total)]:
        n = counts["postings"] or 1
        cells = "".join(f"{counts[c]:>6} {100 * counts[c] / n:5.1f}%  " for c in cols)
        print(f"{source:<16}{counts['postings']:>9}  {cells}")
    print(f"{len(texts)} postings (deduplicated by source and id) in {elapsed:.2f} s: {rate:,.0f} postings/s")
    for item in skipped:
        print(f"skipped (not a recording crawlers.recorded reads): {item}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m skills.proof --stats DIR`` or ``python -m skills.proof [FILE|-]`` (print the proofs)."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m skills.proof", description=main.__doc__)
    ap.add_argument("file", nargs="?", help="a plain-text posting to show the proofs of ('-': stdin)")
    ap.add_argument("--stats", type=Path, metavar="DIR", help="recorded sources folder (../shared/data/sources)")
    ap.add_argument("--rules", type=Path, help="a proof rules file (default: the shipped one)")
    ap.add_argument("--json", action="store_true", help="JSON output")
    args = ap.parse_args(argv)
    try:
        rules = load_proof_rules(args.rules)
    except ProofRulesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.stats:
        return _stats(args.stats, rules, args.json)
    if not args.file:
        ap.print_usage(sys.stderr)
        return 2
    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8", errors="replace")
    for p in rules.find(text):
        if args.json:
            print(json.dumps(p._asdict(), ensure_ascii=False))
        else:
            extra = ""
            if p.category == "experience":
                extra = f" years={p.years_min}-{p.years_max} topic={p.topic!r}"
            elif p.category == "degree":
                extra = f" optional={p.optional}"
            print(f"{p.category:<14}{p.start:>6}-{p.end:<6} {p.text!r}{extra}\n{'':<14}{p.sentence}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
