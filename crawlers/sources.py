"""The registry of job sources: one entry per spider, documented in crawlers/README.md.

Everything that lists sources (the CLI, the refresh flow, the docs check) reads this mapping.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    name: str
    spider: str  # import path of the spider class, imported only when a crawl runs
    live_base_url: str
    endpoint: str
    terms: str
    enabled_by_default: bool = True
    # The spider takes `seen_file` (ids already stored) and skips fetching them again.
    skips_seen_ids: bool = False


SOURCES: dict[str, Source] = {
    s.name: s
    for s in [
        Source(
            name="remotive",
            spider="crawlers.spiders.remotive.RemotiveSpider",
            live_base_url="https://remotive.com",
            endpoint="/api/remote-jobs",
            terms="Link back to the Remotive URL and name Remotive as the source; "
            "at most ~4 requests a day; do not resubmit jobs to third-party job sites.",
        ),
        Source(
            name="remoteok",
            spider="crawlers.spiders.remoteok.RemoteOKSpider",
            live_base_url="https://remoteok.com",
            endpoint="/api",
            terms="Link back (followed, no nofollow) to the Remote OK URL and name Remote OK as the "
            "source; do not use the Remote OK logo.",
        ),
        Source(
            name="arbeitnow",
            spider="crawlers.spiders.arbeitnow.ArbeitnowSpider",
            live_base_url="https://www.arbeitnow.com",
            endpoint="/api/job-board-api",
            terms="Free public API; link back to the posting on Arbeitnow.",
        ),
        Source(
            name="himalayas",
            spider="crawlers.spiders.himalayas.HimalayasSpider",
            live_base_url="https://himalayas.app",
            endpoint="/jobs/api",
            terms="Link back to Himalayas and credit it as the source; do not republish on other job boards.",
        ),
        Source(
            name="jobicy",
            spider="crawlers.spiders.jobicy.JobicySpider",
            live_base_url="https://jobicy.com",
            endpoint="/api/v2/remote-jobs",
            terms="Credit Jobicy with a direct link to the source and send applicants to the original job URL.",
        ),
        Source(
            name="weworkremotely",
            spider="crawlers.spiders.weworkremotely.WeWorkRemotelySpider",
            live_base_url="https://weworkremotely.com",
            endpoint="/remote-jobs.rss",
            terms="Public RSS feed; link back to the posting on We Work Remotely and credit it.",
        ),
        Source(
            name="jsonld",
            spider="crawlers.spiders.careers.CareersSpider",
            live_base_url="(your career pages)",
            endpoint="pages or a sitemap given with --arg urls=... / --arg sitemap=...",
            terms="The employer's own pages: obey robots.txt, link back to the page.",
            enabled_by_default=False,
        ),
        Source(
            name="hackernews",
            spider="crawlers.spiders.hackernews.HackerNewsSpider",
            live_base_url="https://hacker-news.firebaseio.com",
            endpoint="/v0/user/whoishiring.json",
            terms="Public Firebase API of Hacker News; link back to the comment on news.ycombinator.com.",
            skips_seen_ids=True,
        ),
        Source(
            name="greenhouse",
            spider="crawlers.spiders.greenhouse.GreenhouseSpider",
            live_base_url="https://boards-api.greenhouse.io",
            endpoint="/v1/boards/{token}/jobs?content=true",
            terms="Public job board API (no key); link back to the posting's absolute_url.",
        ),
        Source(
            name="lever",
            spider="crawlers.spiders.lever.LeverSpider",
            live_base_url="https://api.lever.co",
            endpoint="/v0/postings/{company}?mode=json",
            terms="Public postings API (no key); link back to the posting's hostedUrl.",
        ),
    ]
}


def get_source(name: str) -> Source:
    try:
        return SOURCES[name]
    except KeyError:
        known = ", ".join(sorted(SOURCES))
        raise KeyError(f"unknown source {name!r}; known sources: {known}") from None
