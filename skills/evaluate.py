"""Scoring the extractor against the gold set: precision / recall / F1, strict and partial.

* **strict**: a predicted span counts when its start, end and canonical skill equal a gold span's.
* **partial**: a predicted span counts when it overlaps a gold span of the same skill (each gold
  span can be claimed once; "Python 3" predicted as "Python" is a partial hit, not a strict one).
* **posting**: the set of skills per posting, ignoring where and how often (what the marts count).

Figures are given overall, per category (the gold skill's category; gold names the taxonomy
cannot resolve form the category ``not_in_taxonomy`` and can only be missed) and per
ambiguous skill. Pure Python: the caller supplies texts and predictions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .taxonomy import Taxonomy

NOT_IN_TAXONOMY = "not_in_taxonomy"
MODES = ("strict", "partial", "posting")

Span = tuple[int, int, str]  # start, end, canonical skill


@dataclass
class Counts:
    tp_pred: int = 0  # predictions that matched (precision numerator)
    tp_gold: int = 0  # gold spans that were found (recall numerator)
    pred: int = 0
    gold: int = 0

    def count(self, predicted: bool, matched: bool) -> None:
        """One predicted span (or one gold span), matched or not."""
        if predicted:
            self.pred += 1
            self.tp_pred += matched
        else:
            self.gold += 1
            self.tp_gold += matched

    def add(self, other: "Counts") -> None:
        self.tp_pred += other.tp_pred
        self.tp_gold += other.tp_gold
        self.pred += other.pred
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.tp_pred / self.pred if self.pred else None

    @property
    def recall(self) -> float | None:
        return self.tp_gold / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        r = lambda x: None if x is None else round(x, 4)  # noqa: E731
        return {"precision": r(self.precision), "recall": r(self.recall), "f1": r(self.f1),
                "predicted": self.pred, "gold": self.gold, "tp": self.tp_gold}


@dataclass
class Mistake:
    posting: str
    kind: str  # "missed" (false negative) or "spurious" (false positive)
    start: int
    end: int
    skill: str
    text: str


@dataclass
class Report:
    postings: int = 0
    overall: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in MODES})
    by_category: dict[str, dict[str, Counts]] = field(default_factory=lambda: defaultdict(lambda: {m: Counts() for m in MODES}))
    by_ambiguous: dict[str, dict[str, Counts]] = field(default_factory=lambda: defaultdict(lambda: {m: Counts() for m in MODES}))
    by_source: dict[str, dict[str, Counts]] = field(default_factory=lambda: defaultdict(lambda: {m: Counts() for m in MODES}))
    per_posting: list[dict[str, Counts]] = field(default_factory=list)  # for the bootstrap intervals
    unresolved: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # gold names not in the taxonomy
    mistakes: list[Mistake] = field(default_factory=list)
    copies_not_scored: int = 0  # near-duplicate gold postings left out (skills.gold.score_once)

    def f1_interval(self, mode: str, rounds: int = 1000, seed: int = 7) -> tuple[float, float] | None:
        """95% bootstrap interval of F1 (postings resampled with replacement, fixed seed)."""
        import random

        if not self.per_posting:
            return None
        rng = random.Random(seed)
        n = len(self.per_posting)
        values = []
        for _ in range(rounds):
            total = Counts()
            for _ in range(n):
                total.add(self.per_posting[rng.randrange(n)][mode])
            values.append(total.f1 or 0.0)
        values.sort()
        return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]

    def as_dict(self) -> dict[str, Any]:
        def block(d: dict[str, Counts]) -> dict[str, Any]:
            return {m: c.as_dict() for m, c in d.items()}
        intervals = {m: self.f1_interval(m) for m in MODES}
        return {
            "postings": self.postings,
            "near_duplicate_copies_not_scored": self.copies_not_scored,
            "overall": block(self.overall),
            "overall_f1_95ci": {m: [round(x, 4) for x in v] if v else None for m, v in intervals.items()},
            "by_source": {k: block(v) for k, v in sorted(self.by_source.items())},
            "by_category": {k: block(v) for k, v in sorted(self.by_category.items())},
            "by_ambiguous_skill": {k: block(v) for k, v in sorted(self.by_ambiguous.items())},
            "gold_skills_not_in_taxonomy": dict(sorted(self.unresolved.items(), key=lambda kv: -kv[1])),
        }


def _match(pred: list[Span], gold: list[Span], overlap: bool) -> tuple[set[int], set[int]]:
    """Indexes of matched predictions and matched gold spans (one-to-one, greedy by position)."""
    matched_pred: set[int] = set()
    matched_gold: set[int] = set()
    if not overlap:
        index = {g: i for i, g in enumerate(gold)}
        for i, p in enumerate(pred):
            j = index.get(p)
            if j is not None and j not in matched_gold:
                matched_pred.add(i)
                matched_gold.add(j)
        return matched_pred, matched_gold
    for i, (ps, pe, pk) in enumerate(pred):
        for j, (gs, ge, gk) in enumerate(gold):
            if j not in matched_gold and pk == gk and ps < ge and gs < pe:
                matched_pred.add(i)
                matched_gold.add(j)
                break
    return matched_pred, matched_gold


def resolve_gold(spans: Iterable[Span], taxonomy: Taxonomy) -> list[Span]:
    """Gold skill names -> canonical names through the taxonomy's names and aliases."""
    index = taxonomy.surface_index()
    return [(s, e, index.get(k.strip().lower(), k)) for s, e, k in spans]


def evaluate(items: Iterable[tuple[str, str, list[Span], list[Span]]], taxonomy: Taxonomy,
             keep_mistakes: bool = False) -> Report:
    """Score ``(posting_key, text, predicted spans, gold spans)`` items.

    Gold spans must already be resolved (``resolve_gold``); predictions carry canonical names.
    """
    category = {s.name: s.category for s in taxonomy.skills}
    ambiguous = {s.name for s in taxonomy.skills if s.ambiguous}
    report = Report()

    def cat(skill: str) -> str:
        return category.get(skill, NOT_IN_TAXONOMY)

    for key, text, pred, gold in items:
        report.postings += 1
        source = key.split(":", 1)[0]
        this_posting = {m: Counts() for m in MODES}
        report.per_posting.append(this_posting)
        pred = sorted(set(pred))
        gold = sorted(set(gold))
        for _, _, k in gold:
            if k not in category:
                report.unresolved[k] += 1
        for mode in MODES:
            if mode == "posting":
                p_items = sorted({(0, 0, k) for _, _, k in pred})
                g_items = sorted({(0, 0, k) for _, _, k in gold})
                mp, mg = _match(p_items, g_items, overlap=False)
            else:
                p_items, g_items = pred, gold
                mp, mg = _match(pred, gold, overlap=mode == "partial")
            for groups, pick in ((report.by_category, cat), (report.by_ambiguous, None)):
                for spans, matched, is_pred in ((p_items, mp, True), (g_items, mg, False)):
                    for i, (_, _, k) in enumerate(spans):
                        group = pick(k) if pick else (k if k in ambiguous else None)
                        if group is not None:
                            groups[group][mode].count(is_pred, i in matched)
            counts = Counts(len(mp), len(mg), len(p_items), len(g_items))
            report.overall[mode].add(counts)
            report.by_source[source][mode].add(counts)
            this_posting[mode].add(counts)
            if keep_mistakes and mode == "strict":
                report.mistakes.extend(Mistake(key, "spurious", s, e, k, text[s:e])
                                       for i, (s, e, k) in enumerate(p_items) if i not in mp)
                report.mistakes.extend(Mistake(key, "missed", s, e, k, text[s:e])
                                       for j, (s, e, k) in enumerate(g_items) if j not in mg)
    return report


def format_report(report: Report, title: str = "") -> str:
    """The report as plain-text tables (percentages), for the terminal and the README."""

    def pct(x: float | None) -> str:
        return "   -" if x is None else f"{100 * x:5.1f}"

    def row(label: str, d: dict[str, Counts]) -> str:
        s, p, q = d["strict"], d["partial"], d["posting"]
        return (f"| {label} | {s.gold} | {s.pred} | {pct(s.precision)} | {pct(s.recall)} | {pct(s.f1)} "
                f"| {pct(p.precision)} | {pct(p.recall)} | {pct(p.f1)} | {pct(q.precision)} | {pct(q.recall)} | {pct(q.f1)} |")

    head = ("| | gold spans | predicted | strict P | strict R | strict F1 | partial P | partial R | partial F1 "
            "| posting P | posting R | posting F1 |\n|" + " --- |" * 12)
    lines = [title] if title else []
    ci = {m: report.f1_interval(m) for m in MODES}
    copies = (f" (and {report.copies_not_scored} near-duplicate copies of them, not scored again)"
              if report.copies_not_scored else "")
    lines += [f"{report.postings} postings{copies}", "", head, row("**overall**", report.overall), "",
              "F1 95% bootstrap interval (postings resampled): " + ", ".join(
                  f"{m} {100 * v[0]:.1f}–{100 * v[1]:.1f}" for m, v in ci.items() if v), "",
              "Per source", "", head]
    lines += [row(k, v) for k, v in sorted(report.by_source.items())]
    lines += ["", "Per category (gold category; `not_in_taxonomy` = gold skills the taxonomy cannot name)", "", head]
    lines += [row(k, v) for k, v in sorted(report.by_category.items())]
    lines += ["", "Per ambiguous skill (only skills seen in gold or predictions)", "", head]
    lines += [row(k, v) for k, v in sorted(report.by_ambiguous.items())]
    if report.unresolved:
        top = sorted(report.unresolved.items(), key=lambda kv: -kv[1])[:25]
        lines += ["", "Gold skills not in the taxonomy (spans): " + ", ".join(f"{k} ({n})" for k, n in top)]
    return "\n".join(lines)
