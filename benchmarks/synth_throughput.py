"""Synthetic corpus throughput on one core, against plain ``json.dumps`` lines measured in the same run.

    .venv/bin/python benchmarks/synth_throughput.py [--postings 100000] [--rounds 3] [--cpu 0] [--workers 1]

Each round measures, in turn:

1. baseline: ``--postings`` lines of ``json.dumps`` of one fixed posting (a real line of the
   corpus, so the same size and shape), written to a file: the floor any writer of such lines pays;
2. ``crawlers.synth.write_synthetic_corpus`` writing ``--postings`` postings (nine source files and
   ``truth.json``) into a temporary folder.

The process is pinned to one CPU (``--workers 2``: unpinned, the corpus's two shards in two
processes). The best of the interleaved rounds is reported with its ratio to
the baseline of the same run, and the projected time for ``--project`` (1,000,000) postings.
``--max-seconds`` makes the script exit 1 when that projection is slower. Timings are printed,
never asserted by the test suite (a shared 2-core machine is noisy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--postings", type=int, default=100_000, help="postings per measurement (default 100000)")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds; the best is reported (default 3)")
    ap.add_argument("--cpu", type=int, default=0, help="CPU to pin the process to (default 0)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--end", default="2026-11-18", help="last publication date (default 2026-11-18, a Wednesday)")
    ap.add_argument("--workers", type=int, default=1,
                    help="shards run in parallel processes (default 1: one core; 2 needs a second --cpu free)")
    ap.add_argument("--project", type=int, default=1_000_000, help="postings to project the time for")
    ap.add_argument("--max-seconds", type=float, default=None, help="exit 1 if the projection is slower than this")
    args = ap.parse_args(argv)

    if hasattr(os, "sched_setaffinity") and args.workers == 1:
        os.sched_setaffinity(0, {args.cpu})
    from crawlers.synth import _tables, write_synthetic_corpus

    end = dt.date.fromisoformat(args.end)
    _tables()  # taxonomy tables are built once per process, like the first call of a CLI run
    work = Path(tempfile.mkdtemp(prefix="synth-bench-"))
    try:
        sample_dir = work / "sample"
        write_synthetic_corpus(sample_dir, postings=200, seed=args.seed, end=end, workers=1)
        with open(sample_dir / "greenhouse.jsonl", encoding="utf-8") as fh:
            fixed = json.loads(fh.readline())
        line_bytes = len(json.dumps(fixed)) + 1

        def baseline() -> int:
            with open(work / "baseline.jsonl", "w", encoding="utf-8") as fh:
                for _ in range(args.postings):
                    fh.write(json.dumps(fixed) + "\n")
            return args.postings

        def synth() -> int:
            out = work / "corpus"
            shutil.rmtree(out, ignore_errors=True)
            summary = write_synthetic_corpus(out, postings=args.postings, seed=args.seed, end=end,
                                             workers=args.workers)
            synth.bytes = sum(summary.bytes.values())  # type: ignore[attr-defined]
            return summary.postings

        runs = [("json.dumps of a fixed posting, written (baseline)", baseline),
                ("write_synthetic_corpus (nine files + truth.json)", synth)]
        best: dict[str, float] = {}
        where = f"CPU {args.cpu}" if args.workers == 1 else f"{args.workers} worker processes"
        print(f"{args.postings:,} postings, {where}, seed {args.seed}, end {end}, "
              f"baseline line {line_bytes:,} bytes")
        for r in range(args.rounds):
            for label, fn in runs:
                t0 = time.perf_counter()
                n = fn()
                rate = n / (time.perf_counter() - t0)
                best[label] = max(best.get(label, 0.0), rate)
            print(f"  round {r + 1}/{args.rounds}: " + ", ".join(f"{best[label]:,.0f}" for label, _ in runs), flush=True)
        base = best[runs[0][0]]
        print(f"\n{'':52} {'postings/s':>11} {'vs baseline':>12}")
        for label, _ in runs:
            print(f"{label:52} {best[label]:11,.0f} {best[label] / base:11.2f}x")
        rate = best[runs[1][0]]
        projected = args.project / rate
        print(f"\n{synth.bytes / args.postings:,.0f} bytes a posting; "  # type: ignore[attr-defined]
              f"{args.project:,} postings projected at {projected:,.0f} s "
              f"({args.project * synth.bytes / args.postings / 1e9:.2f} GB)")  # type: ignore[attr-defined]
        if args.max_seconds is not None and projected > args.max_seconds:
            print(f"projection {projected:.0f} s is slower than --max-seconds {args.max_seconds:.0f}")
            return 1
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
