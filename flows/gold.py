"""Annotation helper for the gold set (``skills/gold/``): show postings, turn drafts into spans.

    python -m flows.gold next ANNOTATOR       # the next selected posting still to annotate, with its text
    python -m flows.gold show FILE ID         # one posting's normalised text (what the extractor sees)
    python -m flows.gold add DRAFT.jsonl      # drafts -> spans in skills/gold/<source>.jsonl
    python -m flows.gold status               # annotated / selected per source and split (+ copies)
    python -m flows.gold add DRAFT.jsonl --second --annotator NAME
                                              # an independent second annotation of postings already
                                              # in the gold set -> skills/gold/agreement/<source>.jsonl

A draft line is ``{"file", "id", "mentions": [{"text", "skill", "skip"?, "ignore_case"?}]}``
(see ``skills.gold.spans_from_mentions``); a posting with no skills has ``"mentions": []``.
Never run the extractor on a posting before annotating it: the gold set must not echo it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from crawlers.recorded import posting_text, text_sha256
from flows.settings import Settings
from skills.gold import (AGREEMENT_DIR, GOLD_DIR, GoldError, GoldPosting, check_text, iter_selection, load_gold,
                         load_second_annotations, near_duplicate_groups, score_once, spans_from_mentions)


def _text(root: Path, file: str, record_id: str) -> tuple[dict, str]:
    posting = posting_text(root / file, record_id)
    return posting, posting.get("description") or ""


def recorded_records(keys: list[tuple[str, str]], root: Path) -> dict[tuple[str, str], dict]:
    """The recorded posting behind each (file, id), as ``crawlers.recorded`` rebuilds it; each
    recorded file is parsed once."""
    from crawlers.recorded import recorded_postings

    out: dict[tuple[str, str], dict] = {}
    for file in dict.fromkeys(f for f, _ in keys):
        path = root / file
        if not path.is_file():
            raise GoldError(f"recorded file {path} is missing (reference_data_dir = {root})")
        records = {p["source_id"]: p for p in recorded_postings(path)}
        for f, record_id in keys:
            if f == file:
                if record_id not in records:
                    raise GoldError(f"{file}: posting {record_id} is not in the recording")
                out[(f, record_id)] = records[record_id]
    return out


def gold_items(gold: list[GoldPosting], root: Path):
    """(gold posting, title, text) for each gold posting, texts rebuilt from the recordings and
    checked against the hash taken at annotation time."""
    records = recorded_records([g.key for g in gold], root)
    for g in gold:
        text = records[g.key].get("description") or ""
        check_text(g, text)
        yield g, records[g.key].get("title"), text


def run_evaluation(root: Path, split: str = "test", taxonomy_path: Path | None = None,
                   overlays: list[Path] | None = None, keep_mistakes: bool = False):
    """Score the extractor on the gold set; returns (report, taxonomy)."""
    from skills.evaluate import evaluate, resolve_gold
    from skills.extract import extract_records, load_pipeline
    from skills.taxonomy import load_taxonomy

    # Near-duplicate copies (one job posted for several cities) are scored once, and only in the
    # split their group belongs to; that needs every gold text, not just this split's.
    every = list(gold_items(load_gold(), root))
    kept, copies = score_once([g for g, _, _ in every], {g.key: text for g, _, text in every})
    in_split = {g.key for g in kept if split == "all" or g.split == split}
    items = [item for item in every if item[0].key in in_split]
    if not items:
        raise GoldError(f"no gold postings in split {split!r}")
    taxonomy = load_taxonomy(taxonomy_path, overlays or [])
    nlp = load_pipeline(taxonomy_path, overlays=overlays or [])
    records = ({"id": i, "title": title, "text": text} for i, (_, title, text) in enumerate(items))
    scored = []
    for (g, _, text), out in zip(items, extract_records(records, nlp=nlp)):
        pred = [(m["start"], m["end"], m["skill"]) for m in out["skills"]]
        scored.append((f"{g.source}:{g.id}", text, pred, resolve_gold(g.spans, taxonomy)))
    report = evaluate(scored, taxonomy, keep_mistakes=keep_mistakes)
    report.copies_not_scored = sum(kept_instead.key in in_split for _, kept_instead in copies)
    return report, taxonomy


def run_agreement(root: Path, taxonomy_path: Path | None = None, directory: Path = AGREEMENT_DIR,
                  gold: list[GoldPosting] | None = None):
    """Inter-annotator agreement: second annotations scored against the gold set's first ones.

    Both sides go through the same taxonomy resolution as an evaluation; names the taxonomy does
    not know are compared case-, hyphen- and space-insensitively ("PCI-DSS" = "PCI DSS"), since two
    people spelling an unknown skill differently still agree on it. F1 is symmetric, so which side
    is called "gold" only swaps precision and recall. Returns (report, annotator pairs).
    """
    from skills.evaluate import evaluate, resolve_gold
    from skills.taxonomy import load_taxonomy

    second = load_second_annotations(directory)
    if not second:
        raise GoldError(f"no second annotations in {directory}")
    first = {g.key: g for g in (load_gold() if gold is None else gold)}
    missing = [f"{g.file} {g.id}" for g in second if g.key not in first]
    if missing:
        raise GoldError(f"second annotations of postings that are not in the gold set: {missing[:3]}")
    taxonomy = load_taxonomy(taxonomy_path)
    known = {s.name for s in taxonomy.skills}

    def normalise(spans):
        return [(s, e, k if k in known else " ".join(k.lower().replace("-", " ").split()))
                for s, e, k in resolve_gold(spans, taxonomy)]

    pairs: Counter = Counter()
    items = []
    texts = {g.key: text for g, _, text in gold_items([first[g.key] for g in second], root)}
    for g in second:
        check_text(g, texts[g.key])  # both annotated the same text
        a = first[g.key]
        pairs[(a.annotator, g.annotator)] += 1
        items.append((f"{g.source}:{g.id}", texts[g.key], normalise(g.spans), normalise(a.spans)))
    return evaluate(items, taxonomy), dict(pairs)


def copies_of_annotated(root: Path, annotated: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """Selected postings not yet annotated whose text nearly equals an annotated one's -> that one."""
    records = recorded_records([(s["file"], s["id"]) for s in iter_selection()], root)
    texts = {key: r.get("description") or "" for key, r in records.items()}
    out = {}
    for group in near_duplicate_groups(texts):
        first = next((k for k in group if k in annotated), None)
        if first:
            out.update({k: first for k in group if k not in annotated})
    return out


def _gold_file(source: str, directory: Path = GOLD_DIR) -> Path:
    return directory / f"{source}.jsonl"


def add(draft: Path, root: Path, annotator: str | None = None, second: bool = False) -> int:
    """Turn a draft into spans; ``second`` writes an independent second annotation (agreement)."""
    if second and not annotator:
        raise GoldError("a second annotation needs --annotator")
    directory = AGREEMENT_DIR if second else GOLD_DIR
    first = {g.key: g for g in load_gold()}
    copies = {} if second else copies_of_annotated(root, set(first))
    selection = {(s["file"], s["id"]): s for s in iter_selection()}
    by_source: dict[str, dict[tuple[str, str], GoldPosting]] = {}
    errors = 0
    for n, line in enumerate(draft.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            key = (d["file"], str(d["id"]))
            if key not in selection:
                raise GoldError("not in skills/gold/selection.jsonl")
            sel = selection[key]
            if key in copies:
                raise GoldError(f"a near-duplicate copy of {' '.join(copies[key])}, which is annotated; "
                                "the evaluation scores each text once")
            if second and key not in first:
                raise GoldError("a second annotation needs the posting's first annotation in the gold set")
            if second and first[key].annotator == annotator:
                raise GoldError(f"{annotator} annotated this posting first; a second annotation must be someone else's")
            _, text = _text(root, *key)
            spans = spans_from_mentions(text, d.get("mentions", []))
        except (GoldError, KeyError, json.JSONDecodeError) as exc:
            print(f"{draft}:{n}: {exc}", file=sys.stderr)
            errors += 1
            continue
        posting = GoldPosting(key[0], key[1], sel["source"], sel["split"], text_sha256(text),
                              annotator or sel["annotator"], tuple(spans))
        if sel["source"] not in by_source:
            path = _gold_file(sel["source"], directory)
            by_source[sel["source"]] = {p.key: p for p in load_gold([path])} if path.exists() else {}
        by_source[sel["source"]][key] = posting
    for source, postings in by_source.items():
        order = {k: i for i, k in enumerate(selection)}
        rows = sorted(postings.values(), key=lambda p: order.get(p.key, 10**9))
        path = _gold_file(source, directory)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(p.to_json() + "\n" for p in rows), encoding="utf-8")
        print(f"{path}: {len(rows)} postings, {sum(len(p.spans) for p in rows)} spans")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m flows.gold", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    nx = sub.add_parser("next", help="next selected posting of ANNOTATOR still to annotate")
    nx.add_argument("annotator")
    nx.add_argument("-n", type=int, default=1, help="how many to print")
    sh = sub.add_parser("show", help="one posting's normalised text")
    sh.add_argument("file")
    sh.add_argument("id")
    ad = sub.add_parser("add", help="convert a draft file into gold spans")
    ad.add_argument("draft", type=Path)
    ad.add_argument("--annotator", help="who annotated (default: the annotator the selection assigned)")
    ad.add_argument("--second", action="store_true",
                    help="an independent second annotation of gold postings, for agreement (needs --annotator)")
    sub.add_parser("status", help="annotated / selected per source and split")
    args = ap.parse_args(argv)
    root = Settings().reference_data_dir

    if args.cmd == "add":
        try:
            return add(args.draft, root, args.annotator, args.second)
        except GoldError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    done = {p.key for p in load_gold()}
    if args.cmd == "status":
        copies = copies_of_annotated(root, done)
        total, ann, dup = Counter(), Counter(), Counter()
        for s in iter_selection():
            k = (s["source"], s["split"])
            total[k] += 1
            ann[k] += (s["file"], s["id"]) in done
            dup[k] += (s["file"], s["id"]) in copies
        print(f"{'source':16} {'split':5} annotated / selected  (+ near-duplicate copies of annotated postings)")
        for k in sorted(total):
            print(f"{k[0]:16} {k[1]:5} {ann[k]:4} / {total[k]}" + (f"  (+{dup[k]})" if dup[k] else ""))
        print(f"{'all':16} {'':5} {sum(ann.values()):4} / {sum(total.values())}  (+{sum(dup.values())})")
        return 0
    if args.cmd == "show":
        items = [{"file": args.file, "id": args.id}]
    else:
        copies = copies_of_annotated(root, done)  # the same text again adds nothing
        items = [s for s in iter_selection() if s["annotator"] == args.annotator
                 and (s["file"], s["id"]) not in done and (s["file"], s["id"]) not in copies][: args.n]
        if not items:
            print("nothing left to annotate")
            return 0
    for s in items:
        posting, text = _text(root, s["file"], s["id"])
        print(f"=== file={s['file']} id={s['id']}  title: {posting.get('title')}  ({len(text)} chars)")
        print(text)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
