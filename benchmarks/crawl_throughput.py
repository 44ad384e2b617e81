"""Crawl throughput on the recorded data, against raw Scrapy measured in the same run.

    .venv/bin/python benchmarks/crawl_throughput.py [--pages 200] [--repeat 20]

1. parse + normalise, items/s per source: the pure parser and the normalising pipeline over the
   recorded responses in ../shared/data (in this process, no network);
2. pages/s of a real `skillpulse crawl arbeitnow` over a replay archive of N linked pages (each
   page the 100 recorded Arbeitnow records), through every pipeline, to a JSON-lines file;
3. the baseline: a bare Scrapy spider (no parsing, no pipelines; `scrapy bench`-style) fetching
   the same N pages from the same kind of loopback server, with the same concurrency.
Ratios are printed against (3). Timings are not asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "sources"

RECORDED = {
    "remotive": ("remotive/remotive_api_workverse.json", None),
    "remoteok": ("remoteok/remoteok_api_2026-03-17.json", None),
    "arbeitnow": ("arbeitnow/arbeitnow_job-board-api_data_2026-02-11.json", None),
    "himalayas": ("himalayas/himalayas_api_jobs_2026-07.json", None),
    "jobicy": ("jobicy/jobicy_api_v2_remote-jobs_2026-07-10.json", None),
    "weworkremotely": ("weworkremotely/wwr_remote-jobs_2022-11-08.rss", None),
}

BARE_SPIDER = r'''
import sys, time, scrapy
from scrapy.crawler import CrawlerProcess
base, n = sys.argv[1], int(sys.argv[2])
class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        yield scrapy.Request(base + "/api/job-board-api", callback=self.parse, cb_kwargs={"i": 1})
    def parse(self, response, i):
        if i < n:  # follow the next page like the real spider, parse nothing
            yield scrapy.Request(f"{base}/api/job-board-api?page={i + 1}", callback=self.parse, cb_kwargs={"i": i + 1})
p = CrawlerProcess({"LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False,
                    "CONCURRENT_REQUESTS": 16, "DOWNLOAD_DELAY": 0, "COOKIES_ENABLED": False})
t = time.perf_counter(); p.crawl(Bare); p.start(); print(time.perf_counter() - t)
'''


def parse_normalise_rates(repeat: int) -> dict[str, float]:
    from scrapy.utils.test import get_crawler

    from crawlers.items import JobPosting
    from crawlers.normalize import load_json_body
    from crawlers.parsers import arbeitnow, himalayas, jobicy, remoteok, remotive, weworkremotely
    from crawlers.pipelines.normalise import NormalisePipeline
    from crawlers.pipelines.required_fields import RequiredFieldsPipeline

    parsers = {"remotive": remotive, "remoteok": remoteok, "arbeitnow": arbeitnow, "himalayas": himalayas,
               "jobicy": jobicy, "weworkremotely": weworkremotely}
    crawler = get_crawler()
    normalise, required = NormalisePipeline.from_crawler(crawler), RequiredFieldsPipeline.from_crawler(crawler)
    rates = {}
    for name, (path, _) in RECORDED.items():
        body = (DATA / path).read_bytes()
        parser = parsers[name]
        items = 0
        started = time.perf_counter()
        for _ in range(repeat):
            payload = getattr(parser, "load", load_json_body)(body)
            for record in parser.iter_jobs(payload):
                required.process_item(normalise.process_item(JobPosting(parser.posting_fields(record))))
                items += 1
        rates[name] = items / (time.perf_counter() - started)
    return rates


def build_archive(folder: Path, pages: int) -> None:
    from crawlers.replay import Archive

    data = json.loads((DATA / RECORDED["arbeitnow"][0]).read_text(encoding="utf-8"))["data"]
    archive = Archive(folder)
    for page in range(1, pages + 1):
        following = f"https://www.arbeitnow.com/api/job-board-api?page={page + 1}" if page < pages else None
        # Distinct slugs per page, so every record is a new posting as on a real board.
        records = [{**r, "slug": f"{r['slug']}-p{page}"} for r in data]
        body = json.dumps({"data": records, "links": {"next": following}, "meta": {"current_page": page}})
        archive.add("/api/job-board-api", body.encode(), query="" if page == 1 else f"page={page}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from crawlers.replay import ReplayServer

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_archive(tmp / "archive", args.pages)
        with ReplayServer(tmp / "archive") as server:
            bare = float(subprocess.run([sys.executable, "-c", BARE_SPIDER, server.base_url, str(args.pages)],
                                        capture_output=True, text=True, check=True).stdout.strip())
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "flows.cli", "crawl", "arbeitnow", "--base-url", server.base_url,
                            "--out", str(tmp / "out.jsonl"), "--max-pages", str(args.pages), "--log-level", "ERROR"],
                           cwd=REPO, check=True, capture_output=True)
            ours_total = time.perf_counter() - started
        stats = json.loads((tmp / "out.jsonl.stats.json").read_text())["summary"]

    bare_pages = args.pages / bare
    print(f"baseline: bare Scrapy, {args.pages} pages from loopback: {bare_pages:,.0f} pages/s")
    print(f"skillpulse crawl arbeitnow, {args.pages} pages x 100 postings through all pipelines: "
          f"{args.pages / stats['seconds']:,.1f} pages/s, {stats['items'] / stats['seconds']:,.0f} postings/s "
          f"(crawl {stats['seconds']:.1f}s, process {ours_total:.1f}s) -> "
          f"{(args.pages / stats['seconds']) / bare_pages:.2f}x the bare baseline")
    print("parse + normalise (in process, recorded responses):")
    for name, rate in parse_normalise_rates(args.repeat).items():
        print(f"  {name:15} {rate:8,.0f} postings/s  ({rate / bare_pages:.2f}x baseline pages/s)")


if __name__ == "__main__":
    main()
