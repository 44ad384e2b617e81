-- materialized: table
-- grain: one row per (week, niche, skill), every week of the niche for each skill seen in it
-- key: week, niche, skill
-- description: Weekly share of postings that mention a skill: postings mentioning it / all postings that week, per niche and for all niches together; duplicates across boards count once.
-- column week: Monday of the ISO week.
-- column niche: Niche (source category), or 'All niches'.
-- column skill: Canonical skill name.
-- column skill_category: Taxonomy category of the skill.
-- column postings_with_skill: Postings that week in the niche mentioning the skill at least once.
-- column postings_total: All postings that week in the niche.
-- column share: postings_with_skill / postings_total (0..1).
WITH counted AS (
    -- duplicates (the same job on several boards) count once: only each cluster's canonical row
    SELECT posting_id, week, niche FROM core.postings WHERE is_canonical
),
posting_niches AS (
    SELECT posting_id, week, niche FROM counted
    UNION ALL
    SELECT posting_id, week, 'All niches' AS niche FROM counted
),
totals AS (
    SELECT week, niche, count(*) AS postings_total FROM posting_niches GROUP BY week, niche
),
hits AS (
    SELECT n.week, n.niche, s.skill, count(DISTINCT n.posting_id) AS postings_with_skill
    FROM posting_niches AS n
    JOIN (SELECT DISTINCT posting_id, skill FROM core.posting_skills) AS s USING (posting_id)
    GROUP BY n.week, n.niche, s.skill
),
niche_skills AS (
    SELECT DISTINCT niche, skill FROM hits
)
SELECT
    t.week,
    t.niche,
    ns.skill,
    k.category AS skill_category,
    coalesce(h.postings_with_skill, 0) AS postings_with_skill,
    t.postings_total,
    coalesce(h.postings_with_skill, 0) / t.postings_total AS share
FROM totals AS t
JOIN niche_skills AS ns USING (niche)
LEFT JOIN hits AS h ON h.week = t.week AND h.niche = t.niche AND h.skill = ns.skill
LEFT JOIN core.skills AS k ON k.skill = ns.skill
