"""The one item schema every spider yields (the DESIGN.md contract, extended, never renamed)."""

from __future__ import annotations

import scrapy

# Field name -> what it holds. The warehouse's raw.postings columns and the data dictionary are
# generated from the same names, so a field added here is one added everywhere.
JOB_POSTING_FIELDS: dict[str, str] = {
    "source": "Source id from the sources registry, e.g. 'remotive'.",
    "source_id": "The posting's id at the source (text); unique per source.",
    "url": "Link back to the posting at the source (http/https only).",
    "title": "Job title as posted.",
    "company": "Hiring company as posted.",
    "description": "Plain-text description (HTML converted, paragraphs and list items kept).",
    "posted_at": "Publication date, ISO 8601 calendar date (UTC).",
    "posted_at_utc": "Publication timestamp, ISO 8601 in UTC, when the source gives a time.",
    "location": "Location or eligible regions as the source states them.",
    "country_codes": "ISO 3166 alpha-2 codes of the countries the location names.",
    "regions": "Regions the location names (Worldwide, Europe, Americas, ...).",
    "remote": "remote / hybrid / onsite / unknown.",
    "seniority": "intern / junior / mid / senior / lead / principal / director / executive / unknown, from the title.",
    "employment_type": "full_time / part_time / contract / freelance / internship / unknown.",
    "category": "The source's own category for the posting (the user's niche).",
    "salary_text": "Pay exactly as the source wrote it.",
    "salary_min": "Lower bound of pay, when parsed.",
    "salary_max": "Upper bound of pay, when parsed.",
    "salary_currency": "ISO 4217 currency of pay, when parsed.",
    "salary_period": "hour / day / week / month / year, when parsed.",
    "salary_hourly_min": "Lower bound of pay as an hourly equivalent (2,080 hours a year).",
    "salary_hourly_max": "Upper bound of pay as an hourly equivalent.",
    "salary_annual_min": "Lower bound of pay as a yearly equivalent.",
    "salary_annual_max": "Upper bound of pay as a yearly equivalent.",
    "tags": "The source's tags for the posting (list of text).",
    "attribution": "Credit line the source's terms ask for.",
    "crawled_at": "When this crawl fetched the posting, ISO 8601 UTC.",
    "raw": "The native record exactly as the source sent it.",
}


class JobPosting(scrapy.Item):
    pass


for _name in JOB_POSTING_FIELDS:
    JobPosting.fields[_name] = scrapy.Field()
