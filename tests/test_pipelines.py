"""Each item pipeline with a real Scrapy crawler's stats collector."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawlers.items import JobPosting
from crawlers.pipelines.normalise import NormalisePipeline, safe_url
from crawlers.pipelines.required_fields import RequiredFieldsPipeline


@pytest.fixture
def crawler():
    return get_crawler()


def posting(**fields):
    base = dict(source="remotive", source_id="1", url="https://remotive.com/remote-jobs/x-1",
                title=" Senior  Python Developer ", company="Acme", description="<p>Hello&amp;bye</p>",
                posted_at="2026-07-26T20:49:11", employment_type="full_time", tags=["python"])
    return JobPosting({**base, **fields})


def test_normalise_pipeline_normalises_and_counts_problems(crawler):
    pipeline = NormalisePipeline.from_crawler(crawler)
    item = pipeline.process_item(posting())
    assert item["title"] == "Senior Python Developer"
    assert item["description"] == "Hello&bye"
    assert item["posted_at"] == "2026-07-26" and item["posted_at_utc"] == "2026-07-26T20:49:11Z"
    assert item["employment_type"] == "full_time"
    assert item["crawled_at"].endswith("Z")
    assert crawler.stats.get_stats() == {}

    bad = pipeline.process_item(posting(posted_at="last tuesday", url="javascript:alert(1)",
                                        employment_type="zero-hours"))
    # kept, with the unusable fields emptied and counted
    assert bad["posted_at"] is None and bad["url"] is None and bad["employment_type"] == "unknown"
    stats = crawler.stats.get_stats()
    assert stats["skillpulse/field_problem/remotive/posted_at"] == 1
    assert stats["skillpulse/field_problem/remotive/url"] == 1
    assert stats["skillpulse/field_problem/remotive/employment_type"] == 1


@pytest.mark.parametrize(
    ("url", "ok"),
    [("https://remotive.com/x", True), ("http://a.b/c?d=1", True), ("javascript:alert(1)", False),
     ("data:text/html,hi", False), ("//evil.com/x", False), ("ftp://a.b/c", False), (None, False)],
)
def test_only_http_links_survive(url, ok):
    assert safe_url(url) == (url if ok else None)


def test_required_fields_counts_missing_and_drops_only_unkeyed(crawler):
    pipeline = RequiredFieldsPipeline.from_crawler(crawler)
    assert pipeline.process_item(posting(company=None))["title"]
    with pytest.raises(DropItem, match="without an id"):
        pipeline.process_item(posting(source_id=None))
    stats = crawler.stats.get_stats()
    assert stats["skillpulse/field_missing/remotive/company"] == 1
    assert stats["skillpulse/dropped_no_id/remotive"] == 1
    assert stats["skillpulse/postings/remotive"] == 1


def test_normalise_pipeline_repairs_mojibake_and_counts_it(crawler):
    item = NormalisePipeline.from_crawler(crawler).process_item(
        posting(location="GdaÅ\x84sk", description="<p>Weâ€™re hiring</p>"))
    assert item["location"] == "Gdańsk" and item["description"] == "We’re hiring"
    stats = crawler.stats.get_stats()
    assert stats["skillpulse/text_repaired/remotive/location"] == 1
    assert stats["skillpulse/text_repaired/remotive/description"] == 1


def test_pay_is_parsed_with_equivalents_and_unparseable_pay_counted(crawler):
    pipeline = NormalisePipeline.from_crawler(crawler)
    item = pipeline.process_item(posting(salary_text="$50 - $75 /hour"))
    assert (item["salary_min"], item["salary_max"], item["salary_currency"], item["salary_period"]) == (50, 75, "USD", "hour")
    assert (item["salary_annual_min"], item["salary_annual_max"]) == (104_000, 156_000)
    assert (item["salary_hourly_min"], item["salary_hourly_max"]) == (50, 75)
    structured = pipeline.process_item(posting(salary_min=184000.0, salary_max=356500.0, salary_currency="USD",
                                               salary_period="year"))
    assert structured["salary_hourly_min"] == round(184000 / 2080, 2)
    vague = pipeline.process_item(posting(salary_text="Competitive"))
    assert vague["salary_min"] is None and vague["salary_text"] == "Competitive"
    assert crawler.stats.get_stats()["skillpulse/field_problem/remotive/salary"] == 1
