-- materialized: table
-- grain: one row per posting with a usable date
-- key: posting_id
-- partition: posting_id
-- description: The block each posting is compared within to find its copies (core.posting_clusters): its company key, title key and the skills named in the title qualifier, or its link minus tracking parameters when it has no company; with the description sketch the comparison uses. One posting's row depends on that posting alone, so a refresh rebuilds only the rows of changed postings.
-- column posting_id: core posting id.
-- column source: Source of the posting.
-- column posted_at: Publication date (first seen, when the source gives none).
-- column week: Monday of the ISO week of posted_at.
-- column month: First day of the month of posted_at.
-- column content_hash: md5 of title and description, as stored in raw.postings.
-- column company_key: The company's name in letters and digits, legal suffixes (inc, llc, gmbh, ...) dropped.
-- column title_key: The title without bracketed or trailing qualifiers such as a city (raw.posting_features).
-- column qualifier_skills: Skills named in the title's qualifier, sorted ("Engineer (Go)" vs "Engineer (Python)").
-- column url_key: The link without tracking parameters and fragment, lower-cased.
-- column sketch: The 32 smallest sentence hashes of the description (raw.posting_features), for the similarity estimate.
-- column match_key: The block: company|title key|qualifier skills, or url|link without a company or title.
WITH features AS (
    SELECT posting_id, title_key, qualifier_skills, sketch
    FROM raw.posting_features
    WHERE features_version = getvariable('features_version')
),
keyed AS (
    SELECT
        s.posting_id, s.source, s.posted_at, s.week, s.month, s.content_hash,
        -- company reduced to letters and digits, legal suffixes dropped
        regexp_replace(regexp_replace(lower(coalesce(s.company, '')),
            '\b(inc|llc|ltd|gmbh|ag|bv|sas|srl|corp|corporation|limited|co)\b\.?', '', 'g'),
            '[^a-z0-9]+', '', 'g') AS company_key,
        coalesce(f.title_key, regexp_replace(lower(coalesce(s.title, '')), '[^a-z0-9+#]+', '', 'g')) AS title_key,
        coalesce(f.qualifier_skills, '') AS qualifier_skills,
        coalesce(f.sketch, []) AS sketch,
        -- the link without tracking parameters (utm_*, gh_src, ref, fbclid, ...) and fragment;
        -- other parameters stay: they can be the job's id (news.ycombinator.com/item?id=...)
        lower(rtrim(regexp_replace(regexp_replace(regexp_replace(coalesce(s.url, ''), '#.*$', ''),
            '([?&])(utm_[a-z_]*|gh_src|ref|refs|referrer|source|src|trk|fbclid|gclid|mc_cid|mc_eid|lever-source|lever-origin)=[^&]*',
            '\1', 'g'), '([?&])&+', '\1', 'g'), '?&')) AS url_key
    FROM staging.stg_postings AS s
    LEFT JOIN features AS f USING (posting_id)
    WHERE s.posted_at IS NOT NULL
),
blocked AS (
    SELECT *,
        CASE WHEN company_key <> '' AND title_key <> '' THEN company_key || '|' || title_key || '|' || qualifier_skills
             ELSE 'url|' || url_key END AS match_key
    FROM keyed
)
SELECT posting_id, source, posted_at, week, month, content_hash, company_key, title_key, qualifier_skills,
       url_key, sketch, match_key
FROM blocked
