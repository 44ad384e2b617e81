-- materialized: table
-- grain: one row per (counted posting of a week, skill): the postings behind every figure
-- key: posting_id, skill
-- description: Each counted posting (the canonical copy of a job in its week) that mentions a skill, with a link back, the sentence around the first mention and how many copies it stands for, so every number is one click from its evidence.
-- column posting_id: core.postings.posting_id.
-- column skill: Canonical skill name.
-- column skill_category: Taxonomy category of the skill.
-- column niche: Niche of the posting (its role family's label).
-- column family: Role family id.
-- column week: Monday of the posting's ISO week.
-- column posted_at: Publication date.
-- column title: Job title as posted (untrusted text: escape when displaying).
-- column company: Hiring company as posted (untrusted text).
-- column url: Link back to the posting (http/https only).
-- column source: Source id.
-- column attribution: Credit line the source's terms ask for.
-- column employment_type: full_time / part_time / contract / freelance / internship / unknown.
-- column salary_text: Pay exactly as written.
-- column mentions: How often the skill is mentioned in the posting.
-- column copies: Copies of the job that week (boards, cities, reposts) the posting stands for.
-- column copies_month: Copies of the job that month.
-- column job_id: The job (core.posting_clusters.job_id).
-- column surface: How the first mention is written.
-- column context: The first mention with up to ~90 characters either side, cut at word boundaries.
WITH first_mentions AS (
    SELECT posting_id, skill,
           any_value(category) AS skill_category,
           count(*) AS mentions,
           min(start_char) AS start_char,
           arg_min(end_char, start_char) AS end_char,
           arg_min(surface, start_char) AS surface
    FROM core.posting_skills
    GROUP BY posting_id, skill
),
windows AS (
    SELECT f.*, p.niche, p.family, p.week, p.posted_at, p.title, p.company, p.url, p.source, p.attribution,
           p.employment_type, p.salary_text, p.cluster_size AS copies, p.cluster_size_month AS copies_month, p.job_id,
           substring(p.description, greatest(f.start_char - 89, 1),
                     least(f.start_char, 90) + (f.end_char - f.start_char) + 90) AS snippet,
           f.start_char > 90 AS cut_head,
           f.end_char + 90 < length(p.description) AS cut_tail
    FROM first_mentions AS f
    JOIN core.postings AS p USING (posting_id)
    WHERE p.is_canonical
)
SELECT
    posting_id, skill, skill_category, niche, family, week, posted_at, title, company, url, source,
    attribution, employment_type, salary_text, mentions, copies, copies_month, job_id, surface,
    -- Drop the partial words at a cut edge and mark the cut, so the snippet reads as text.
    trim(regexp_replace(
        CASE WHEN cut_head THEN '… ' ELSE '' END
        || regexp_replace(regexp_replace(snippet,
               CASE WHEN cut_head THEN '^\S*\s+' ELSE '^$' END, ''),
               CASE WHEN cut_tail THEN '\s+\S*$' ELSE '^$' END, '')
        || CASE WHEN cut_tail THEN ' …' ELSE '' END,
        '\s+', ' ', 'g')) AS context
FROM windows
