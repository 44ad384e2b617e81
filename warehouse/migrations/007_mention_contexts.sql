-- 007: the sentence around each skill's first mention, made once per extraction (not per build).
CREATE TABLE raw.mention_contexts (
    posting_id        VARCHAR NOT NULL,
    skill             VARCHAR NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    mentions          INTEGER NOT NULL,
    start_char        INTEGER NOT NULL,
    end_char          INTEGER NOT NULL,
    surface           VARCHAR,
    context           VARCHAR,
    PRIMARY KEY (posting_id, skill, taxonomy_version, extractor_version)
);
COMMENT ON TABLE raw.mention_contexts IS 'Per posting and skill, how often the extraction found it and the text around its first mention (warehouse/evidence.py), made when the posting is extracted so builds never recompute it.';
COMMENT ON COLUMN raw.mention_contexts.posting_id IS 'source:source_id of the posting.';
COMMENT ON COLUMN raw.mention_contexts.skill IS 'Canonical skill name.';
COMMENT ON COLUMN raw.mention_contexts.taxonomy_version IS 'Taxonomy version of the extraction.';
COMMENT ON COLUMN raw.mention_contexts.extractor_version IS 'Extractor version of the extraction.';
COMMENT ON COLUMN raw.mention_contexts.mentions IS 'Mentions of the skill in the posting.';
COMMENT ON COLUMN raw.mention_contexts.start_char IS 'Start offset of the first mention in the description.';
COMMENT ON COLUMN raw.mention_contexts.end_char IS 'End offset of the first mention (exclusive).';
COMMENT ON COLUMN raw.mention_contexts.surface IS 'The first mention as written.';
COMMENT ON COLUMN raw.mention_contexts.context IS 'The first mention with up to ~90 characters either side, cut at word boundaries (… marks a cut), whitespace collapsed.';

-- Backfill, once: the postings extracted before this migration, from their latest extraction
-- (the same rule as warehouse/evidence.py, in SQL).
INSERT INTO raw.mention_contexts BY NAME
WITH latest AS (
    SELECT posting_id, taxonomy_version, extractor_version
    FROM raw.extractions
    QUALIFY row_number() OVER (PARTITION BY posting_id ORDER BY extracted_at DESC) = 1
),
firsts AS (
    SELECT m.posting_id, m.skill, m.taxonomy_version, m.extractor_version, count(*) AS mentions,
           min(m.start_char) AS start_char, arg_min(m.end_char, m.start_char) AS end_char,
           arg_min(m.surface, m.start_char) AS surface
    FROM raw.skill_mentions AS m JOIN latest USING (posting_id, taxonomy_version, extractor_version)
    GROUP BY ALL
),
windows AS (
    SELECT f.*,
           substring(p.description, greatest(f.start_char - 89, 1),
                     least(f.start_char, 90) + (f.end_char - f.start_char) + 90) AS snippet,
           f.start_char > 90 AS cut_head, f.end_char + 90 < length(p.description) AS cut_tail
    FROM firsts AS f JOIN raw.postings AS p ON p.source || ':' || p.source_id = f.posting_id
)
SELECT posting_id, skill, taxonomy_version, extractor_version, mentions, start_char, end_char, surface,
       trim(regexp_replace(
           CASE WHEN cut_head THEN '… ' ELSE '' END
           || regexp_replace(regexp_replace(snippet,
                  CASE WHEN cut_head THEN '^\S*\s+' ELSE '^$' END, ''),
                  CASE WHEN cut_tail THEN '\s+\S*$' ELSE '^$' END, '')
           || CASE WHEN cut_tail THEN ' …' ELSE '' END,
           '\s+', ' ', 'g')) AS context
FROM windows;
