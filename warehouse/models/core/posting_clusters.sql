-- materialized: table
-- grain: one row per posting (every source row is kept)
-- key: posting_id
-- partition: match_key
-- description: Which postings are copies of one job, and which copy counts in each period (the unit of demand). A job is a set of postings of the same company (letters and digits of its name, legal suffixes dropped) with the same title key (the title without bracketed or trailing qualifiers such as a city), the same skills named in the title qualifier ("Engineer (Go)" and "Engineer (Python)" stay two jobs), and near-identical descriptions (estimated Jaccard similarity of their sentence sets at least 0.7, from raw.posting_features sketches); without a company, postings with the same link minus tracking parameters. A job counts once per week and once per month in which it was posted, however many copies (boards, cities, reposts in one thread) it had there; posted again in a later period, it counts again there.
-- column posting_id: core posting id.
-- column job_id: The job the posting is a copy of, across all periods (md5 of its block and its earliest similar posting).
-- column cluster_id: The counted unit of its week: md5 of job_id and week. Copies of a job in one week share it.
-- column is_canonical: True for the one posting of each (job, week) that weekly figures count: earliest posted, then a company board (greenhouse, lever, jsonld) over a job board, then posting_id.
-- column cluster_size: Copies of the job in that week (postings the counted one stands for).
-- column is_canonical_month: True for the one posting of each (job, month) that monthly figures count.
-- column cluster_size_month: Copies of the job in that month.
-- column match_key: The block the posting was compared within (core.posting_blocks): company|title key|qualifier skills, or url|link. Copies are found within a block only, so a refresh rebuilds only the blocks of changed postings.
-- column similarity: Estimated similarity of the description to the job's first posting's (1 for that posting itself).
WITH blocked AS (
    SELECT posting_id, source, posted_at, week, month, content_hash, sketch, match_key FROM core.posting_blocks
),
pairs AS (
    -- Every pair of postings in one block with near-identical descriptions. The bottom-32
    -- estimator: of the 32 smallest sentence hashes of both, the share that both have.
    SELECT a.posting_id, b.posting_id AS other_id, b.posted_at AS other_posted_at,
        CASE WHEN a.content_hash = b.content_hash OR a.match_key LIKE 'url|%' THEN 1.0
             WHEN len(a.sketch) = 0 AND len(b.sketch) = 0 THEN 1.0
             WHEN len(a.sketch) = 0 OR len(b.sketch) = 0 THEN 0.0
             ELSE len(list_intersect(list_slice(list_sort(list_distinct(a.sketch || b.sketch)), 1, 32),
                                     list_intersect(a.sketch, b.sketch)))
                  / least(32, len(list_distinct(a.sketch || b.sketch)))
        END AS similarity
    FROM blocked AS a
    JOIN blocked AS b ON a.match_key = b.match_key AND a.posting_id <> b.posting_id
),
candidates AS (
    SELECT posting_id, posting_id AS other_id, posted_at AS other_posted_at, 1.0 AS similarity FROM blocked
    UNION ALL
    SELECT posting_id, other_id, other_posted_at, similarity FROM pairs WHERE similarity >= 0.7
),
first_similar AS (
    -- each posting points at the earliest posting it is near-identical to (itself if none earlier)
    SELECT posting_id,
           arg_min(other_id, strftime(other_posted_at, '%Y%m%d') || other_id) AS rep,
           arg_min(similarity, strftime(other_posted_at, '%Y%m%d') || other_id) AS similarity
    FROM candidates
    GROUP BY posting_id
),
jobs AS (
    -- one more hop, so a chain of copies (A ~ B ~ C, with A and C a little further apart) is one job
    SELECT f.posting_id, coalesce(g.rep, f.rep) AS job_rep, f.similarity
    FROM first_similar AS f
    LEFT JOIN first_similar AS g ON g.posting_id = f.rep
),
identified AS (
    SELECT b.posting_id, b.source, b.posted_at, b.week, b.month, b.match_key, j.similarity,
           md5(b.match_key || '#' || j.job_rep) AS job_id
    FROM blocked AS b
    JOIN jobs AS j USING (posting_id)
)
SELECT
    posting_id,
    job_id,
    md5(job_id || '#' || CAST(week AS VARCHAR)) AS cluster_id,
    row_number() OVER (
        PARTITION BY job_id, week
        ORDER BY posted_at, CASE source WHEN 'greenhouse' THEN 0 WHEN 'lever' THEN 0 WHEN 'jsonld' THEN 0 ELSE 1 END,
                 posting_id
    ) = 1 AS is_canonical,
    count(*) OVER (PARTITION BY job_id, week) AS cluster_size,
    row_number() OVER (
        PARTITION BY job_id, month
        ORDER BY posted_at, CASE source WHEN 'greenhouse' THEN 0 WHEN 'lever' THEN 0 WHEN 'jsonld' THEN 0 ELSE 1 END,
                 posting_id
    ) = 1 AS is_canonical_month,
    count(*) OVER (PARTITION BY job_id, month) AS cluster_size_month,
    match_key,
    similarity
FROM identified
