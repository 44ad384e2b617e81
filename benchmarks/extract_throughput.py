"""Skill extraction throughput on one core, against a bare spaCy tokenizer measured in the same run.

    .venv/bin/python benchmarks/extract_throughput.py [--postings 2000] [--rounds 5] [--cpu 0]

Postings are real: the normalised descriptions of every recorded response in ../shared/data
(crawlers.recorded), joined into one word stream and cut into postings of exactly --words (400)
words, cycled up to --postings. The process is pinned to one CPU. Each round measures, in turn:

1. baseline: an untouched ``spacy.blank("en")`` tokenizer (the issue's yardstick);
2. the same tokenizer as the component tunes it (URL guard, "C." and "C++/" splits);
3. matching only: the component's PhraseMatcher on already-tokenised docs (no disambiguation);
4. full component: tokenizer + ``skillpulse_skills`` (matching, ambiguity rules, spans, ents);
5. ``extract_records``: the bulk API, dicts with character offsets out (what `skillpulse extract` runs),
   which primes spaCy's tokenizer cache (skills.extract.make_doc) on a pipeline of its own. Its
   first pass over the postings on a new pipeline (every span new, as in a refresh), primed and
   not primed, is printed after the rounds: the ratio of the two is what priming gives a refresh.

The best of the interleaved rounds is reported with its ratio to the baseline of the same run.
``--min-ratio`` makes the script exit 1 when the full component is slower than that ratio.
Timings are printed, never asserted by the test suite (a shared 2-core machine is noisy).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SOURCES = Path(os.environ.get("SKILLPULSE_SHARED_DATA", REPO.parent / "shared" / "data")) / "sources"


def real_postings(n: int, words: int) -> list[str]:
    """``n`` postings of exactly ``words`` words cut from the recorded descriptions."""
    from crawlers.recorded import RecordedFileError, recorded_postings

    stream: list[str] = []
    for path in sorted(SOURCES.glob("*/*")):
        if path.suffix not in (".json", ".rss") or path.name.endswith(".metadata.json"):
            continue
        try:
            for posting in recorded_postings(path):
                stream.extend((posting.get("description") or "").split(" "))
        except RecordedFileError:
            continue  # e.g. the Algolia sample, which is not a crawlable response
    stream = [w for w in stream if w]
    chunks = [" ".join(stream[i:i + words]) for i in range(0, len(stream) - words + 1, words)]
    if not chunks:
        raise SystemExit(f"no recorded postings under {SOURCES}")
    return [chunks[i % len(chunks)] for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--postings", type=int, default=2000, help="postings per measurement (default 2000)")
    ap.add_argument("--words", type=int, default=400, help="words per posting (default 400)")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds; the best is reported (default 5)")
    ap.add_argument("--cpu", type=int, default=0, help="CPU to pin the process to (default 0)")
    ap.add_argument("--batch-size", type=int, default=256, help="nlp.pipe batch size (default 256)")
    ap.add_argument("--min-ratio", type=float, default=None, help="exit 1 if the full component is below this ratio")
    args = ap.parse_args(argv)

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    import spacy

    from skills.extract import extract_records, load_pipeline

    texts = real_postings(args.postings, args.words)
    bare = spacy.blank("en")
    nlp = load_pipeline()
    component = nlp.get_pipe("skillpulse_skills")
    nlp("warm up the lazily compiled matcher")
    matcher = component.matcher
    pre_tokenised = [nlp.make_doc(t) for t in texts[: min(len(texts), 500)]]

    def tokenizer_only() -> int:
        for doc in bare.tokenizer.pipe(texts, batch_size=args.batch_size):
            pass
        return len(texts)

    def tuned_tokenizer_only() -> int:
        for doc in nlp.tokenizer.pipe(texts, batch_size=args.batch_size):
            pass
        return len(texts)

    def matching_only() -> int:
        for doc in pre_tokenised:
            matcher(doc)
        return len(pre_tokenised)

    def full_component() -> int:
        for doc in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        return len(texts)

    # extract_records primes the tokenizer cache of the pipeline it runs (skills.extract.make_doc):
    # a pipeline of its own, so the tokenizer and component rows above stay spaCy's own path.
    from skills.extract import _build_pipeline

    primed = _build_pipeline(None)
    records = [{"id": i, "text": t} for i, t in enumerate(texts)]
    mentions = sum(len(r["skills"]) for r in extract_records(records[:200], nlp=_build_pipeline(None)))
    import skills.extract as extract_module

    def first_pass(prime: bool) -> float:
        """Postings/s of one pass on a new pipeline (every span new to it), primed or not."""
        limit = extract_module.PRIMED_SPANS_MAX
        extract_module.PRIMED_SPANS_MAX = limit if prime else 0
        try:
            started = time.perf_counter()
            for _ in extract_records(records, nlp=primed if prime else _build_pipeline(None),
                                     batch_size=args.batch_size):
                pass
            return len(texts) / (time.perf_counter() - started)
        finally:
            extract_module.PRIMED_SPANS_MAX = limit

    cold_plain, cold_rate = first_pass(False), first_pass(True)

    def bulk_api() -> int:
        n = 0
        for _ in extract_records(records, nlp=primed, batch_size=args.batch_size):
            n += 1
        return n

    runs = [("bare spacy.blank('en') tokenizer (baseline)", tokenizer_only),
            ("tokenizer as the component tunes it", tuned_tokenizer_only),
            ("matching only (PhraseMatcher on tokenised docs)", matching_only),
            ("tokenizer + skillpulse_skills (full component)", full_component),
            ("extract_records (dicts with offsets, primed cache)", bulk_api)]
    best: dict[str, float] = {}
    print(f"{len(texts)} postings x {args.words} words from {SOURCES}, CPU {args.cpu}, "
          f"{len(component.taxonomy)} skills, {mentions / 200:.1f} mentions/posting")
    for r in range(args.rounds):
        for label, fn in runs:
            t0 = time.perf_counter()
            n = fn()
            rate = n / (time.perf_counter() - t0)
            best[label] = max(best.get(label, 0.0), rate)
        print(f"  round {r + 1}/{args.rounds}: " + ", ".join(f"{best[label]:,.0f}" for label, _ in runs), flush=True)
    baseline = best[runs[0][0]]
    print(f"\n{'':52} {'postings/s':>11} {'vs baseline':>12}")
    for label, _ in runs:
        print(f"{label:52} {best[label]:11,.0f} {best[label] / baseline:11.2f}x")
    print(f"{'extract_records, first pass, not primed':52} {cold_plain:11,.0f} {cold_plain / baseline:11.2f}x")
    print(f"{'extract_records, first pass, primed':52} {cold_rate:11,.0f} {cold_rate / baseline:11.2f}x"
          f"   ({cold_rate / cold_plain:.2f}x not primed)")
    ratio = best[runs[3][0]] / baseline
    if args.min_ratio is not None and ratio < args.min_ratio:
        print(f"\nfull component at {ratio:.2f}x is below --min-ratio {args.min_ratio}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
