"""One replay archive holding the real recorded responses of every source, at their live paths.

Used to run the whole `refresh` over all sources offline (tests/test_refresh_all_sources.py) and by
benchmarks/dedupe_effect.py. Bodies are copied into the (temporary) archive folder, never the repo.
Where the recording lost part of a response (Arbeitnow's envelope) or none exists (the HN user
document), the missing part is rebuilt as the public API documents it.
"""

from __future__ import annotations

import json
from pathlib import Path

from crawlers.replay import Archive

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "data" / "sources"

# postings each source yields from this archive (checked by hand in the per-source crawl tests)
EXPECTED = {"remotive": 35, "remoteok": 97, "arbeitnow": 100, "himalayas": 4, "jobicy": 4,
            "weworkremotely": 100, "hackernews": 382, "greenhouse": 15, "lever": 11}
# per-company sources crawl exactly the boards recorded
SPIDER_ARGS = {"greenhouse": {"companies": "luno,bashdotcom"}, "lever": {"companies": "mamamoney"},
               "himalayas": {"max_pages": "1"}}


def build(folder: Path, sources: Path = SOURCES) -> dict[str, dict[str, str]]:
    """Write the archive; returns the spider arguments the sources need to crawl exactly it."""
    archive = Archive(Path(folder))
    archive.root.mkdir(parents=True, exist_ok=True)
    read = lambda rel: (sources / rel).read_bytes()  # noqa: E731
    archive.add("/api/remote-jobs", read("remotive/remotive_api_workverse.json"))
    archive.add("/api", read("remoteok/remoteok_api_2026-03-17.json"))
    data = json.loads(read("arbeitnow/arbeitnow_job-board-api_data_2026-02-15.json"))["data"]
    archive.add("/api/job-board-api", json.dumps({"data": data, "links": {"next": None}, "meta": {}}).encode())
    archive.add("/jobs/api", read("himalayas/himalayas_api_jobs_2026-07.json"))
    archive.add("/api/v2/remote-jobs", read("jobicy/jobicy_api_v2_remote-jobs_2026-07-10.json"))
    archive.add("/remote-jobs.rss", read("weworkremotely/wwr_remote-jobs_2022-11-08.rss"),
                content_type="application/rss+xml; charset=utf-8")
    hn = json.loads(read("hackernews/firebase_whoishiring_2024-07_item40846428.json"))
    story = hn["post"]
    archive.add("/v0/user/whoishiring.json",
                json.dumps({"id": "whoishiring", "created": 1301511478, "submitted": [story["id"]]}).encode())
    archive.add(f"/v0/item/{story['id']}.json", json.dumps(story).encode())
    for comment in hn["comments"]:
        archive.add(f"/v0/item/{comment['id']}.json", json.dumps(comment).encode())
    archive.add("/v1/boards/luno/jobs", read("greenhouse/luno_20260821T131103012385Z.json"), query="content=true")
    archive.add("/v1/boards/bashdotcom/jobs", read("greenhouse/bashdotcom_20260822T130115072374Z.json"),
                query="content=true")
    archive.add("/v0/postings/mamamoney", read("lever/mamamoney_20260822T130115072374Z.json"), query="mode=json")
    return SPIDER_ARGS
