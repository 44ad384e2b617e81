-- materialized: table
-- grain: one row per new-skill candidate of the latest refresh
-- key: term
-- description: Terms the taxonomy does not know yet, found in a sample of the last 52 weeks of counted postings by the latest refresh, ranked by spread across companies and growth (skills/discovery.py). Accept one with `skillpulse taxonomy accept`; `reextract` then backfills its history.
-- column term: The term as most often written (untrusted text).
-- column score: companies x clamp(growth, 0.5, 8) x (0.25 + skill context).
-- column postings: Postings of the sample using it.
-- column companies: Different companies using it.
-- column growth: Its share in the last 12 weeks over its share before (smoothed).
-- column first_seen: Week of the first posting using it.
-- column last_seen: Week of the last posting using it.
-- column shape: Why it looks like a product name.
-- column skill_context: Share of its uses within six words of a known skill.
-- column examples: Up to three example contexts (untrusted text).
-- column sample_postings: Postings in the sample discovery read.
-- column run_id: The refresh that found them.
SELECT term, score, postings, companies, growth, first_seen, last_seen, shape, skill_context, examples,
       sample_postings, run_id
FROM raw.skill_candidates
WHERE run_id = (SELECT max(run_id) FROM raw.skill_candidates)
