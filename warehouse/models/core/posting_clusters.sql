-- materialized: table
-- grain: one row per posting (every source row is kept)
-- key: posting_id
-- description: Duplicate postings collapsed into clusters: the same job on several boards, agency copies and tracking-parameter URLs share a cluster_id; one row per cluster is canonical. Rule: the same normalised company and title (or, without a company, the same link minus tracking parameters) posted with no gap of more than 30 days between copies.
-- column posting_id: core posting id.
-- column cluster_id: Stable id of the cluster (md5 of its match key and first week).
-- column is_canonical: True for the one row per cluster that is counted (earliest posted, then the source with richer data, then id).
-- column cluster_size: Postings in the cluster.
-- column match_key: What the postings were matched on (company|title, or the link without tracking parameters when the company is unknown).
WITH keyed AS (
    SELECT
        posting_id, source, posted_at, url,
        -- company and title reduced to letters and digits, legal suffixes dropped
        regexp_replace(regexp_replace(lower(coalesce(company, '')),
            '\b(inc|llc|ltd|gmbh|ag|bv|sas|srl|corp|corporation|limited|co)\b\.?', '', 'g'),
            '[^a-z0-9]+', '', 'g') AS company_key,
        regexp_replace(lower(coalesce(title, '')), '[^a-z0-9]+', '', 'g') AS title_key,
        -- the link without tracking parameters (utm_*, gh_src, ref, fbclid, ...) and fragment;
        -- other parameters stay: they can be the job's id (news.ycombinator.com/item?id=...)
        lower(rtrim(regexp_replace(regexp_replace(regexp_replace(coalesce(url, ''), '#.*$', ''),
            '([?&])(utm_[a-z_]*|gh_src|ref|refs|referrer|source|src|trk|fbclid|gclid|mc_cid|mc_eid|lever-source|lever-origin)=[^&]*',
            '\1', 'g'), '([?&])&+', '\1', 'g'), '?&')) AS url_key
    FROM staging.stg_postings
),
matched AS (
    SELECT *,
        CASE WHEN company_key <> '' AND title_key <> '' THEN company_key || '|' || title_key
             ELSE 'url|' || url_key END AS match_key
    FROM keyed
),
gaps AS (
    SELECT *,
        -- a copy more than 30 days after the previous one is a new opening, not a duplicate
        CASE WHEN posted_at - lag(posted_at) OVER (PARTITION BY match_key ORDER BY posted_at, posting_id) > 30
             THEN 1 ELSE 0 END AS opens_island
    FROM matched
),
islands AS (
    SELECT *, sum(opens_island) OVER (PARTITION BY match_key ORDER BY posted_at, posting_id) AS island
    FROM gaps
),
clustered AS (
    SELECT *,
        md5(match_key || '#' || CAST(min(posted_at) OVER (PARTITION BY match_key, island) AS VARCHAR)) AS cluster_id
    FROM islands
)
SELECT
    posting_id,
    cluster_id,
    row_number() OVER (
        PARTITION BY cluster_id
        ORDER BY posted_at,
                 CASE source WHEN 'greenhouse' THEN 0 WHEN 'lever' THEN 0 WHEN 'jsonld' THEN 0 ELSE 1 END,
                 posting_id
    ) = 1 AS is_canonical,
    count(*) OVER (PARTITION BY cluster_id) AS cluster_size,
    match_key
FROM clustered
