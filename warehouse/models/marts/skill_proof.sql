-- materialized: table
-- grain: one row per (segment, skill) asked for by at least one counted posting of the last 52 complete weeks
-- key: segment, skill
-- description: How to prove it: of the counted postings (weekly unit, the last 52 complete weeks, all sources) that ask for a skill, per role family and for all postings, the share that asks for a portfolio or public work, a test or trial task, a degree, a certification, and how many years of experience with that skill (skills/proof.py, mined once per posting into raw.posting_proofs). Portfolio, test, degree and certification are asked of the whole posting; the years are the ones its sentences attach to the skill itself (skills.proof.years_from_proofs, in SQL here). Shares and the median are given from 10 postings asking for the skill (shown), the median from 5 that state years; below that the row keeps its counts and examples only. Each row carries example sentences with links.
-- column segment: Role family id, or all.
-- column skill: Canonical skill name.
-- column postings: Counted postings in the segment asking for the skill (that were read for proofs: all of them after a refresh). The N of every share here.
-- column shown: postings reaches 10 (the minimum evidence), so the shares are given.
-- column portfolio_postings: Of these, the postings asking for a portfolio, GitHub, code or work samples, published apps or open-source work.
-- column portfolio_share: portfolio_postings / postings (NULL below the minimum evidence).
-- column assessment_postings: Postings asking the candidate to take a test: a take-home or coding test, a trial task, live coding, an assessment.
-- column assessment_share: assessment_postings / postings.
-- column degree_postings: Postings asking for a degree, diploma or completed training.
-- column degree_share: degree_postings / postings.
-- column degree_optional_share: Of the postings asking for a degree, the share where every degree they name is optional ("or equivalent experience", "preferred", "not required").
-- column certification_postings: Postings asking for a certification, in general words ("certification preferred", "certified in") or by naming one the taxonomy knows (its certifications category: "AWS Certified Solutions Architect", "PMP").
-- column certification_share: certification_postings / postings.
-- column years_postings: Postings that ask for a number of years of experience with this skill (a sentence holding the mention: "5+ years of React", "React developer with 3+ years of experience"; the largest number when it is asked twice).
-- column years_share: years_postings / postings.
-- column years_median: Median of those postings' least years asked ("3+" and "3-5" count 3); NULL below 5 such postings or the minimum evidence.
-- column certifications: The certifications (taxonomy names, other than the skill itself) most often named by the postings asking for the skill: up to 5 {name, postings}, most postings first.
-- column examples: Up to 2 sentences per kind of proof, as {category, sentence, posting_id, posted_at, title, url}: sentences that name the skill first, then the newest postings, one of each distinct sentence; ordered so the first few are of different kinds. sentence and title are untrusted text; url is http(s) or NULL.
-- column window_start: First day of the window.
-- column window_end: Last day of the window.
WITH bounds AS (
    SELECT max(period) AS end_week FROM mart.periods WHERE period_type = 'week' AND is_complete
),
counted AS (
    -- the unit of mart.plan_postings and mart.skill_pairs: weekly counted postings of 52 weeks
    SELECT c.posting_id, c.family, c.posted_at
    FROM core.counted_postings AS c
    CROSS JOIN bounds AS b
    JOIN raw.proof_scans AS s
      ON s.posting_id = c.posting_id AND s.proof_rules_version = getvariable('proof_rules_version')
    WHERE c.period_type = 'week' AND c.period <= b.end_week AND c.period > b.end_week - INTERVAL 52 WEEK
),
proofs AS (
    SELECT pp.posting_id, pp.category, pp.start_char, pp.end_char, pp.sentence, pp.sentence_start,
           pp.sentence_end, pp.years_min, pp.years_max, pp.topic_start, pp.topic_end, pp.optional
    FROM raw.posting_proofs AS pp
    WHERE pp.proof_rules_version = getvariable('proof_rules_version')
      AND pp.posting_id IN (SELECT posting_id FROM counted)
),
mentions AS (
    SELECT ps.posting_id, ps.skill, ps.category AS skill_category, ps.start_char, ps.end_char
    FROM core.posting_skills AS ps
    WHERE ps.posting_id IN (SELECT posting_id FROM counted)
),
asks AS (
    -- what each posting asks for anywhere in its text
    SELECT posting_id,
           bool_or(category = 'portfolio') AS portfolio,
           bool_or(category = 'assessment') AS assessment,
           bool_or(category = 'degree') AS degree,
           bool_and(coalesce(optional, false)) FILTER (WHERE category = 'degree') AS degree_optional,
           bool_or(category = 'certification') AS certification
    FROM proofs GROUP BY posting_id
),
names_certification AS (
    SELECT DISTINCT posting_id, skill AS certification FROM mentions WHERE skill_category = 'certifications'
),
mention_years AS (
    -- skills.proof.years_from_proofs: the experience proofs whose sentence holds the mention;
    -- 1. its topic holds the mention, 2. no topic and the phrase holds it, 3. no topic, nearest;
    -- a proof whose topic names something else never counts
    SELECT m.posting_id, m.skill, e.years_min, e.start_char AS proof_start
    FROM mentions AS m
    JOIN proofs AS e
      ON e.posting_id = m.posting_id AND e.category = 'experience'
     AND e.sentence_start <= m.start_char AND m.end_char <= e.sentence_end
     AND (e.topic_start IS NULL OR (e.topic_start <= m.start_char AND m.end_char <= e.topic_end))
    QUALIFY row_number() OVER (
        PARTITION BY m.posting_id, m.skill, m.start_char
        ORDER BY CASE WHEN e.topic_start IS NOT NULL THEN 1
                      WHEN e.start_char <= m.start_char AND m.end_char <= e.end_char THEN 2
                      ELSE 3 END,
                 CASE WHEN e.topic_start IS NULL AND NOT (e.start_char <= m.start_char AND m.end_char <= e.end_char)
                      THEN least(abs(e.start_char - m.end_char), abs(m.start_char - e.end_char)) ELSE 0 END,
                 e.start_char) = 1
),
skill_years AS (
    SELECT posting_id, skill, max(years_min) AS years_min FROM mention_years GROUP BY ALL
),
segments AS (
    SELECT posting_id, family AS segment, posted_at FROM counted
    UNION ALL
    SELECT posting_id, 'all', posted_at FROM counted
),
base AS (
    SELECT s.segment, k.skill, s.posting_id, s.posted_at,
           coalesce(a.portfolio, false) AS portfolio, coalesce(a.assessment, false) AS assessment,
           coalesce(a.degree, false) AS degree, coalesce(a.degree_optional, false) AS degree_optional,
           coalesce(a.certification, false) OR n.posting_id IS NOT NULL AS certification,
           y.years_min
    FROM segments AS s
    JOIN (SELECT DISTINCT posting_id, skill FROM mentions) AS k USING (posting_id)
    LEFT JOIN asks AS a USING (posting_id)
    LEFT JOIN (SELECT DISTINCT posting_id FROM names_certification) AS n USING (posting_id)
    LEFT JOIN skill_years AS y USING (posting_id, skill)
),
figures AS (
    SELECT segment, skill, count(*) AS postings,
           count(*) FILTER (WHERE portfolio) AS portfolio_postings,
           count(*) FILTER (WHERE assessment) AS assessment_postings,
           count(*) FILTER (WHERE degree) AS degree_postings,
           count(*) FILTER (WHERE degree AND degree_optional) AS degree_optional_postings,
           count(*) FILTER (WHERE certification) AS certification_postings,
           count(*) FILTER (WHERE years_min IS NOT NULL) AS years_postings,
           median(years_min) AS years_median
    FROM base GROUP BY ALL
),
certification_counts AS (
    SELECT b.segment, b.skill, n.certification AS name, count(*) AS postings
    FROM base AS b JOIN names_certification AS n USING (posting_id)
    WHERE n.certification <> b.skill
    GROUP BY b.segment, b.skill, n.certification
    QUALIFY row_number() OVER (PARTITION BY b.segment, b.skill ORDER BY count(*) DESC, n.certification) <= 5
),
certification_lists AS (
    SELECT segment, skill, list({'name': name, 'postings': postings} ORDER BY postings DESC, name) AS certifications
    FROM certification_counts GROUP BY ALL
),
named AS (
    -- the posting-wide proofs whose sentence names the skill: those are the better examples
    SELECT DISTINCT p.posting_id, m.skill, p.start_char
    FROM proofs AS p
    JOIN mentions AS m
      ON m.posting_id = p.posting_id AND p.sentence_start <= m.start_char AND m.end_char <= p.sentence_end
    WHERE p.category <> 'experience'
),
candidates AS (
    SELECT b.segment, b.skill, b.posting_id, b.posted_at, p.category, p.sentence, p.start_char,
           n.posting_id IS NOT NULL AS names_skill
    FROM base AS b
    JOIN proofs AS p ON p.posting_id = b.posting_id AND p.category <> 'experience'
    LEFT JOIN named AS n ON n.posting_id = b.posting_id AND n.skill = b.skill AND n.start_char = p.start_char
    UNION ALL
    -- the years sentences that ask them of this skill
    SELECT DISTINCT b.segment, b.skill, b.posting_id, b.posted_at, 'experience', p.sentence, p.start_char, true
    FROM base AS b
    JOIN mention_years AS y ON y.posting_id = b.posting_id AND y.skill = b.skill
    JOIN proofs AS p ON p.posting_id = y.posting_id AND p.category = 'experience' AND p.start_char = y.proof_start
),
distinct_sentences AS (
    -- boilerplate repeated across a company's postings is one example
    SELECT * FROM candidates
    QUALIFY row_number() OVER (PARTITION BY segment, skill, category, sentence
                               ORDER BY names_skill DESC, posted_at DESC, posting_id, start_char) = 1
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY segment, skill, category
                                 ORDER BY names_skill DESC, posted_at DESC, posting_id, start_char) AS pick,
              count(*) OVER (PARTITION BY segment, skill, category) AS available
    FROM distinct_sentences
),
example_lists AS (
    SELECT r.segment, r.skill,
           list({'category': r.category, 'sentence': r.sentence, 'posting_id': r.posting_id,
                 'posted_at': r.posted_at, 'title': c.title,
                 'url': CASE WHEN regexp_full_match(c.url, '(?i)https?://\S+') THEN c.url END}
                ORDER BY r.pick, r.available DESC, r.category) AS examples
    FROM ranked AS r JOIN core.postings AS c USING (posting_id)
    WHERE r.pick <= 2
    GROUP BY ALL
)
SELECT f.segment, f.skill, f.postings, f.postings >= 10 AS shown,
       f.portfolio_postings, CASE WHEN f.postings >= 10 THEN f.portfolio_postings / f.postings END AS portfolio_share,
       f.assessment_postings, CASE WHEN f.postings >= 10 THEN f.assessment_postings / f.postings END AS assessment_share,
       f.degree_postings, CASE WHEN f.postings >= 10 THEN f.degree_postings / f.postings END AS degree_share,
       CASE WHEN f.postings >= 10 AND f.degree_postings > 0 THEN f.degree_optional_postings / f.degree_postings END
           AS degree_optional_share,
       f.certification_postings,
       CASE WHEN f.postings >= 10 THEN f.certification_postings / f.postings END AS certification_share,
       f.years_postings, CASE WHEN f.postings >= 10 THEN f.years_postings / f.postings END AS years_share,
       CASE WHEN f.postings >= 10 AND f.years_postings >= 5 THEN f.years_median END AS years_median,
       coalesce(l.certifications, CAST([] AS STRUCT(name VARCHAR, postings BIGINT)[])) AS certifications,
       coalesce(e.examples, CAST([] AS STRUCT(category VARCHAR, sentence VARCHAR, posting_id VARCHAR, posted_at DATE,
                                          title VARCHAR, url VARCHAR)[])) AS examples,
       CAST(b.end_week - INTERVAL 51 WEEK AS DATE) AS window_start,
       CAST(b.end_week + 6 AS DATE) AS window_end
FROM figures AS f
LEFT JOIN certification_lists AS l USING (segment, skill)
LEFT JOIN example_lists AS e USING (segment, skill)
CROSS JOIN bounds AS b
ORDER BY f.segment, f.skill
