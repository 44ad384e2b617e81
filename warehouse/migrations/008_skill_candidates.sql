-- 008: terms the taxonomy does not know yet, found in recent postings by each refresh.
CREATE TABLE raw.skill_candidates (
    run_id           VARCHAR NOT NULL,
    term             VARCHAR NOT NULL,
    score            DOUBLE,
    postings         BIGINT,
    companies        BIGINT,
    growth           DOUBLE,
    recent_share     DOUBLE,
    earlier_share    DOUBLE,
    first_seen       VARCHAR,
    last_seen        VARCHAR,
    shape            VARCHAR,
    skill_context    DOUBLE,
    examples         JSON,
    sample_postings  BIGINT,
    taxonomy_version VARCHAR,
    PRIMARY KEY (run_id, term)
);
COMMENT ON TABLE raw.skill_candidates IS 'New-skill candidates of the latest refresh (skills/discovery.py over a sample of the last 52 weeks of counted postings): product-like terms the taxonomy lacks, by spread across companies and growth.';
COMMENT ON COLUMN raw.skill_candidates.run_id IS 'The refresh that found them.';
COMMENT ON COLUMN raw.skill_candidates.term IS 'The term as most often written.';
COMMENT ON COLUMN raw.skill_candidates.score IS 'companies x clamp(growth, 0.5, 8) x (0.25 + skill context).';
COMMENT ON COLUMN raw.skill_candidates.postings IS 'Postings of the sample using it.';
COMMENT ON COLUMN raw.skill_candidates.companies IS 'Different companies using it.';
COMMENT ON COLUMN raw.skill_candidates.growth IS 'Its share in the last 12 weeks over its share before (smoothed).';
COMMENT ON COLUMN raw.skill_candidates.recent_share IS 'Share of the sample''s recent postings using it.';
COMMENT ON COLUMN raw.skill_candidates.earlier_share IS 'Share of the earlier postings using it.';
COMMENT ON COLUMN raw.skill_candidates.first_seen IS 'Week of the first posting using it.';
COMMENT ON COLUMN raw.skill_candidates.last_seen IS 'Week of the last posting using it.';
COMMENT ON COLUMN raw.skill_candidates.shape IS 'Why it looks like a product name: suffix, inner_caps, acronym, alnum, name or phrase.';
COMMENT ON COLUMN raw.skill_candidates.skill_context IS 'Share of its uses within six words of a known skill.';
COMMENT ON COLUMN raw.skill_candidates.examples IS 'Up to three example contexts (untrusted text).';
COMMENT ON COLUMN raw.skill_candidates.sample_postings IS 'Postings in the sample discovery read.';
COMMENT ON COLUMN raw.skill_candidates.taxonomy_version IS 'The taxonomy the candidates are new to.';
