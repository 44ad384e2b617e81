"""Proof mining throughput on one core, against spaCy extraction of the same postings in the same run.

    .venv/bin/python benchmarks/proof_throughput.py [--postings 20000] [--sample 1000] [--cpu 0]

1. a synthetic corpus of ``--postings`` postings (``crawlers.synth``) is loaded into a new warehouse;
2. ``warehouse.proofs.update_proofs`` mines every posting (export, ``skills.proof``, bulk load): the
   step a refresh runs once per new content; then ``find_proofs`` alone over the same texts, and
   the step again (nothing pending: what every later refresh pays);
3. the baseline: ``skills.extract.extract_stream`` over every ``postings/sample``-th posting.

Printed: postings/s of each, and the proof step's cost per posting as a share of extraction's.
Timings are printed, never asserted by the test suite (a shared 2-core machine is noisy).
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
    ap.add_argument("--postings", type=int, default=20_000, help="postings in the corpus (default 20000)")
    ap.add_argument("--sample", type=int, default=1_000, help="postings extracted for the baseline (default 1000)")
    ap.add_argument("--cpu", type=int, default=0, help="CPU to pin the process to (default 0)")
    ap.add_argument("--end", default="2026-11-29", help="last publication date of the corpus")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})

    from crawlers.synth import write_synthetic_corpus
    from skills.extract import extract_stream, load_pipeline
    from skills.proof import find_proofs, load_proof_rules
    from warehouse import connect, load, migrate
    from warehouse.proofs import update_proofs

    work = Path(tempfile.mkdtemp(prefix="proof-bench-"))
    try:
        write_synthetic_corpus(work / "corpus", postings=args.postings, seed=2026,
                               end=dt.date.fromisoformat(args.end), workers=1)
        con = connect.connect_writer(work / "w.duckdb")
        migrate.migrate(con)
        for crawl in sorted((work / "corpus").glob("*.jsonl")):
            load.load_postings(con, crawl, "bench")
        rules = load_proof_rules()
        started = time.perf_counter()
        _version, mined, problems = update_proofs(con, work, rules)
        step = time.perf_counter() - started
        proofs = con.execute("SELECT count(*) FROM raw.posting_proofs").fetchall()[0][0]
        records = [json.loads(line) for line in (work / "proofs-input.jsonl").open(encoding="utf-8")]
        chars = sum(len(r["description"]) for r in records) / max(len(records), 1)
        print(f"{mined:,} postings ({chars:,.0f} characters on average), {proofs:,} proofs, {len(problems)} problems")
        print(f"proof step (export + mine + load)   {step:7.2f} s   {mined / step:9,.0f} postings/s")
        started = time.perf_counter()
        for record in records:
            find_proofs(record["description"], rules=rules)
        alone = time.perf_counter() - started
        print(f"find_proofs alone                   {alone:7.2f} s   {len(records) / alone:9,.0f} postings/s")
        started = time.perf_counter()
        again = update_proofs(con, work, rules)[1]
        print(f"the step again (nothing pending)    {time.perf_counter() - started:7.2f} s   ({again} postings)")
        con.close()

        every = max(1, len(records) // max(args.sample, 1))
        sample = work / "extract-input.jsonl"
        with sample.open("w", encoding="utf-8") as out:
            for record in records[::every][:args.sample]:
                out.write(json.dumps({"id": record["id"], "text": record["description"]}) + "\n")
        nlp = load_pipeline()
        started = time.perf_counter()
        with sample.open("rb") as src, (work / "extract-output.jsonl").open("w", encoding="utf-8") as dst:
            stats = extract_stream(src, dst, nlp=nlp, batch_size=64)
        extract = time.perf_counter() - started
        print(f"baseline: spaCy extraction          {extract:7.2f} s   {stats.read / extract:9,.0f} postings/s "
              f"({stats.read:,} postings)")
        print(f"proof step per posting = {(step / mined) / (extract / stats.read):.1%} of extraction's")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
