-- materialized: table
-- grain: one row per source with stored postings
-- key: source
-- description: How complete each source's postings are: how many are stored and still open, the newest, and the share of them with a usable value in each field the figures use (the Data health page's coverage). Made once per refresh, because reading every description at 1M postings took the page 1.5 s.
-- column source: Source id.
-- column postings: Postings stored (every copy, open or closed).
-- column open_postings: Of them, seen by the source's latest crawl.
-- column newest_posting: Publication date of the newest.
-- column employment_type: Share with a known employment type.
-- column pay: Share with pay that converts to an hourly figure.
-- column location: Share with a country or region.
-- column work_arrangement: Share with remote / hybrid / on-site known.
-- column seniority: Share with a seniority from the title.
-- column role_family: Share placed in a role family (not "other").
-- column description: Share with a description of at least 200 characters.
SELECT source, count(*) AS postings, count(*) FILTER (WHERE is_open) AS open_postings,
       max(posted_at) AS newest_posting,
       avg(CASE WHEN employment_type NOT IN ('unknown') THEN 1 ELSE 0 END) AS employment_type,
       avg(CASE WHEN salary_hourly_min IS NOT NULL OR salary_hourly_max IS NOT NULL THEN 1 ELSE 0 END) AS pay,
       avg(CASE WHEN len(country_codes) > 0 OR len(regions) > 0 THEN 1 ELSE 0 END) AS location,
       avg(CASE WHEN remote NOT IN ('unknown') THEN 1 ELSE 0 END) AS work_arrangement,
       avg(CASE WHEN seniority NOT IN ('unknown') THEN 1 ELSE 0 END) AS seniority,
       avg(CASE WHEN family <> 'other' THEN 1 ELSE 0 END) AS role_family,
       avg(CASE WHEN length(coalesce(description, '')) >= 200 THEN 1 ELSE 0 END) AS description
FROM core.postings
GROUP BY source
