-- materialized: table
-- grain: one row per (counted posting of a week, skill): the postings behind every figure
-- key: posting_id, skill
-- partition: posting_id
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
-- column remote: remote / hybrid / onsite / unknown (as in core.counted_postings).
-- column region: Region segment (as in core.counted_postings).
-- column seniority: intern ... executive / unknown (as in core.counted_postings).
-- column salary_text: Pay exactly as written.
-- column mentions: How often the skill is mentioned in the posting.
-- column copies: Copies of the job that week (boards, cities, reposts) the posting stands for.
-- column copies_month: Copies of the job that month.
-- column job_id: The job (core.posting_clusters.job_id).
-- column surface: How the first mention is written.
-- column context: The first mention with up to ~90 characters either side, cut at word boundaries (made once per extraction: raw.mention_contexts).
SELECT
    m.posting_id, m.skill, k.category AS skill_category, p.niche, p.family, p.week, p.posted_at, p.title,
    p.company, p.url, p.source, p.attribution, coalesce(p.employment_type, 'unknown') AS employment_type,
    coalesce(p.remote, 'unknown') AS remote, p.region, coalesce(p.seniority, 'unknown') AS seniority,
    p.salary_text, m.mentions,
    p.cluster_size AS copies, p.cluster_size_month AS copies_month, p.job_id, m.surface, m.context
FROM raw.mention_contexts AS m
JOIN core.postings AS p USING (posting_id)
LEFT JOIN core.skills AS k ON k.skill = m.skill
-- raw.mention_contexts keeps only each posting's latest extraction, the one core.posting_skills uses
WHERE p.is_canonical
-- A table, stored in skill order: a page asks for one skill's postings, and DuckDB then reads only
-- the row groups holding that skill (zone maps) instead of joining 7M mentions to 1M postings per
-- request (1.6 s -> about 0.1 s at 1M postings, benchmarks/warehouse_scale.py).
ORDER BY m.skill, p.posted_at DESC, m.posting_id
