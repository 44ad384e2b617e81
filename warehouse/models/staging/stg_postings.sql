-- materialized: view
-- grain: one row per posting at a source (source, source_id)
-- key: posting_id
-- description: Crawled postings with a stable id, the posting week and the niche they belong to.
-- column posting_id: Stable id of the posting: source:source_id.
-- column source: Source id from the sources registry.
-- column source_id: The posting's id at the source.
-- column url: Link back to the posting at the source (http/https only).
-- column title: Job title as posted.
-- column company: Hiring company as posted.
-- column description: Plain-text description.
-- column posted_at: Publication date (UTC); first-seen date when the source gives none.
-- column week: Monday of the ISO week of posted_at.
-- column month: First day of the calendar month of posted_at.
-- column category: The source's own category, HTML entities decoded (Uncategorised when none).
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
-- column content_hash: md5 of title and description.
-- column first_seen_at: When a crawl first saw the posting.
-- column last_seen_at: When a crawl last saw the posting.
-- column is_open: Seen by the latest crawl of its source; false once it disappeared (closed).
-- column closed_after: For a closed posting, the last time it was seen.
WITH latest_crawl AS (
    -- every posting of one crawl carries that crawl's time, so a source's latest crawl is the max
    SELECT source, max(last_seen_at) AS latest_seen FROM raw.postings GROUP BY source
),
newest_thread AS (
    -- a thread is replaced by next month's: its comments are open while it is the newest thread of
    -- its kind (comments already stored are not fetched again, see crawlers/)
    SELECT tags, max(TRY_CAST(raw->>'$.parent' AS BIGINT)) AS newest_parent
    FROM raw.postings WHERE source = 'hackernews' GROUP BY tags
),
listed AS (
    -- joins rather than window functions: a build that reads a few postings (an incremental one,
    -- warehouse/incremental.py) then reads only theirs, not every posting's text
    SELECT p.*,
        CASE WHEN p.source = 'hackernews' THEN TRY_CAST(p.raw->>'$.parent' AS BIGINT) = t.newest_parent
             ELSE p.last_seen_at = l.latest_seen END AS is_open
    FROM raw.postings AS p
    JOIN latest_crawl AS l USING (source)
    LEFT JOIN newest_thread AS t ON p.source = 'hackernews' AND t.tags IS NOT DISTINCT FROM p.tags
)
SELECT
    source || ':' || source_id AS posting_id,
    source,
    source_id,
    url,
    title,
    company,
    description,
    coalesce(posted_at, CAST(first_seen_at AS DATE)) AS posted_at,
    CAST(date_trunc('week', coalesce(posted_at, CAST(first_seen_at AS DATE))) AS DATE) AS week,
    CAST(date_trunc('month', coalesce(posted_at, CAST(first_seen_at AS DATE))) AS DATE) AS month,
    coalesce(nullif(trim(replace(replace(replace(replace(replace(category, '&amp;', '&'), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', '''')), ''), 'Uncategorised') AS category,
    location,
    country_codes,
    regions,
    -- crawlers normalise these three; anything else in a landed file (a hand-made --from-dir
    -- folder, an older crawler) is unknown rather than a segment of its own
    CASE WHEN remote IN ('remote', 'hybrid', 'onsite') THEN remote ELSE 'unknown' END AS remote,
    CASE WHEN seniority IN ('intern', 'junior', 'mid', 'senior', 'lead', 'principal', 'director', 'executive')
         THEN seniority ELSE 'unknown' END AS seniority,
    CASE WHEN employment_type IN ('full_time', 'part_time', 'contract', 'freelance', 'internship')
         THEN employment_type ELSE 'unknown' END AS employment_type,
    salary_text,
    salary_min, salary_max, salary_currency, salary_period,
    salary_hourly_min, salary_hourly_max, salary_annual_min, salary_annual_max,
    tags,
    attribution,
    content_hash,
    first_seen_at,
    last_seen_at,
    is_open,
    CASE WHEN NOT is_open THEN last_seen_at END AS closed_after
FROM listed
