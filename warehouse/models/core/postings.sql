-- materialized: table
-- grain: one row per posting (source, source_id)
-- key: posting_id
-- description: The postings SkillPulse counts: every crawled posting with a usable date.
-- column posting_id: Stable id of the posting: source:source_id.
-- column source: Source id from the sources registry.
-- column source_id: The posting's id at the source.
-- column url: Link back to the posting at the source (http/https only).
-- column title: Job title as posted.
-- column company: Hiring company as posted.
-- column description: Plain-text description; skill offsets point into it.
-- column posted_at: Publication date (UTC).
-- column week: Monday of the ISO week of posted_at.
-- column niche: The niche the posting belongs to (the source's category).
-- column location: Location or eligible regions as stated.
-- column country_codes: ISO 3166 alpha-2 codes of the countries the location names.
-- column regions: Regions the location names (Worldwide, Europe, ...).
-- column remote: remote / hybrid / onsite / unknown.
-- column seniority: Seniority implied by the title (or unknown).
-- column employment_type: full_time / part_time / contract / freelance / internship / unknown.
-- column salary_text: Pay exactly as written.
-- column salary_min: Lower bound of pay, in salary_currency per salary_period.
-- column salary_max: Upper bound of pay.
-- column salary_currency: ISO 4217 currency of pay.
-- column salary_period: hour / day / week / month / year.
-- column salary_hourly_min: Lower bound as an hourly equivalent (2,080 hours a year).
-- column salary_hourly_max: Upper bound as an hourly equivalent.
-- column salary_annual_min: Lower bound as a yearly equivalent.
-- column salary_annual_max: Upper bound as a yearly equivalent.
-- column tags: The source's tags.
-- column attribution: Credit line the source's terms ask for.
-- column cluster_id: Duplicate cluster (core.posting_clusters): the same job on several boards.
-- column is_canonical: The one posting per cluster that figures count.
-- column cluster_size: Postings in the cluster.
-- column is_open: Seen by the latest crawl of its source; false once it disappeared (closed).
-- column closed_after: For a closed posting, the last time it was seen.
-- column first_seen_at: When a crawl first saw the posting.
-- column last_seen_at: When a crawl last saw the posting.
SELECT
    s.posting_id, s.source, s.source_id, s.url, s.title, s.company, s.description, s.posted_at,
    s.week, s.niche, s.location, s.country_codes, s.regions, s.remote, s.seniority, s.employment_type, s.salary_text, s.salary_min,
    s.salary_max, s.salary_currency, s.salary_period, s.salary_hourly_min, s.salary_hourly_max,
    s.salary_annual_min, s.salary_annual_max, s.tags, s.attribution,
    c.cluster_id, c.is_canonical, c.cluster_size, s.is_open, s.closed_after, s.first_seen_at,
    s.last_seen_at
FROM staging.stg_postings AS s
JOIN core.posting_clusters AS c USING (posting_id)
WHERE s.posted_at IS NOT NULL
