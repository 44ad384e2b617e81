-- materialized: table
-- grain: one row per source with counted postings
-- key: source
-- description: When each source's counted postings start and end: the stable panel of a window is the sources present through all of it (first posting on or before its start, last one within 31 days of its end), so a source added midway cannot fake growth.
-- column source: Source id.
-- column first_posted_at: Earliest counted posting.
-- column last_posted_at: Latest counted posting.
-- column weeks_with_postings: Weeks in which the source has counted postings.
-- column postings: Counted postings (weekly unit).
SELECT source, min(posted_at) AS first_posted_at, max(posted_at) AS last_posted_at,
       count(DISTINCT period) AS weeks_with_postings, count(*) AS postings
FROM core.counted_postings
WHERE period_type = 'week'
GROUP BY source
