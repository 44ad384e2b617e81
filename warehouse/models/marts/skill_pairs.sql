-- materialized: table
-- grain: one row per (segment, skill, other_skill) that co-occur in at least 5 counted postings of the last 52 complete weeks
-- key: segment, skill, other_skill
-- description: Which skills are asked for together ("pairs well with"), per role family and for all postings, over the last 52 complete weeks (weekly unit, all sources). support is the number of counted postings naming both; lift = P(both) / (P(skill) P(other)) (above 1: together more often than chance); npmi = ln(lift) / -ln P(both), from -1 (never together) through 0 (independent) to 1 (always together). Pairs below a support of 5 are left out (too few to say anything). Each pair appears in both directions, so "WHERE skill = 'React' ORDER BY npmi DESC" lists React's partners.
-- column segment: Role family id, or all.
-- column skill: Canonical skill name.
-- column other_skill: The skill it is named with.
-- column support: Counted postings naming both.
-- column postings_skill: Counted postings naming skill.
-- column postings_other: Counted postings naming other_skill.
-- column postings_segment: Counted postings in the segment.
-- column confidence: support / postings_skill: of the postings asking for skill, the share asking for other_skill too.
-- column lift: support * postings_segment / (postings_skill * postings_other).
-- column npmi: Normalised pointwise mutual information, ln(lift) / -ln(support / postings_segment); 1 when the skills always come together.
-- column window_start: First day of the window.
-- column window_end: Last day of the window.
WITH bounds AS (
    SELECT max(period) AS end_week FROM mart.periods WHERE period_type = 'week' AND is_complete
),
counted AS (
    SELECT c.posting_id, c.family
    FROM core.counted_postings AS c, bounds AS b
    WHERE c.period_type = 'week' AND c.period <= b.end_week AND c.period > b.end_week - INTERVAL 52 WEEK
),
segments AS (
    SELECT posting_id, family AS segment FROM counted
    UNION ALL
    SELECT posting_id, 'all' FROM counted
),
mentions AS (
    SELECT DISTINCT s.segment, s.posting_id, ps.skill
    FROM segments AS s JOIN core.posting_skills AS ps USING (posting_id)
),
singles AS (
    SELECT segment, skill, count(*) AS postings_skill FROM mentions GROUP BY ALL
),
frequent AS (
    -- a pair cannot reach the minimum support if either skill alone does not
    SELECT m.* FROM mentions AS m JOIN singles AS s USING (segment, skill) WHERE s.postings_skill >= 5
),
pairs AS (
    SELECT a.segment, a.skill, b.skill AS other_skill, count(*) AS support
    FROM frequent AS a JOIN frequent AS b
      ON a.segment = b.segment AND a.posting_id = b.posting_id AND a.skill < b.skill
    GROUP BY ALL
    HAVING count(*) >= 5
),
both_ways AS (
    SELECT segment, skill, other_skill, support FROM pairs
    UNION ALL
    SELECT segment, other_skill, skill, support FROM pairs
),
sizes AS (
    SELECT segment, count(*) AS postings_segment FROM segments GROUP BY ALL
)
SELECT p.segment, p.skill, p.other_skill, p.support, a.postings_skill, o.postings_skill AS postings_other,
       z.postings_segment,
       p.support / a.postings_skill AS confidence,
       p.support * z.postings_segment / (a.postings_skill * o.postings_skill) AS lift,
       CASE WHEN p.support = z.postings_segment THEN 1.0
            ELSE ln(p.support * z.postings_segment / (a.postings_skill * o.postings_skill))
                 / -ln(p.support / z.postings_segment) END AS npmi,
       CAST(b.end_week - INTERVAL 51 WEEK AS DATE) AS window_start,
       CAST(b.end_week + 6 AS DATE) AS window_end
FROM both_ways AS p
JOIN singles AS a ON a.segment = p.segment AND a.skill = p.skill
JOIN singles AS o ON o.segment = p.segment AND o.skill = p.other_skill
JOIN sizes AS z ON z.segment = p.segment
CROSS JOIN bounds AS b
