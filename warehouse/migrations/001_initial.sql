-- 001: the four schemas, landing tables for crawls and extraction, and run bookkeeping.
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS mart;
CREATE SCHEMA IF NOT EXISTS meta;

CREATE TABLE meta.schema_version (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE meta.schema_version IS 'One row per applied migration file (warehouse/migrations/NNN_name.sql).';
COMMENT ON COLUMN meta.schema_version.version IS 'Migration number; the highest is the schema version.';
COMMENT ON COLUMN meta.schema_version.name IS 'Migration file name.';
COMMENT ON COLUMN meta.schema_version.applied_at IS 'When the migration was applied.';

CREATE TABLE raw.postings (
    source          VARCHAR NOT NULL,
    source_id       VARCHAR NOT NULL,
    url             VARCHAR,
    title           VARCHAR,
    company         VARCHAR,
    description     VARCHAR,
    posted_at       DATE,
    posted_at_utc   TIMESTAMPTZ,
    location        VARCHAR,
    remote          VARCHAR,
    employment_type VARCHAR,
    category        VARCHAR,
    salary_text     VARCHAR,
    salary_min      DOUBLE,
    salary_max      DOUBLE,
    salary_currency VARCHAR,
    salary_period   VARCHAR,
    tags            VARCHAR[],
    attribution     VARCHAR,
    raw             JSON,
    content_hash    VARCHAR NOT NULL,
    first_seen_at   TIMESTAMPTZ NOT NULL,
    last_seen_at    TIMESTAMPTZ NOT NULL,
    last_run_id     VARCHAR NOT NULL,
    PRIMARY KEY (source, source_id)
);
COMMENT ON TABLE raw.postings IS 'Every posting ever crawled, one row per (source, source_id), upserted by each crawl; the native record is kept in raw.';
COMMENT ON COLUMN raw.postings.source IS 'Source id from the sources registry, e.g. remotive.';
COMMENT ON COLUMN raw.postings.source_id IS 'The posting''s id at the source; unique per source.';
COMMENT ON COLUMN raw.postings.url IS 'Link back to the posting at the source (http/https only).';
COMMENT ON COLUMN raw.postings.title IS 'Job title as posted.';
COMMENT ON COLUMN raw.postings.company IS 'Hiring company as posted.';
COMMENT ON COLUMN raw.postings.description IS 'Plain-text description (HTML converted, paragraphs and list items kept).';
COMMENT ON COLUMN raw.postings.posted_at IS 'Publication date (UTC).';
COMMENT ON COLUMN raw.postings.posted_at_utc IS 'Publication timestamp (UTC) when the source gives a time.';
COMMENT ON COLUMN raw.postings.location IS 'Location or eligible regions as the source states them.';
COMMENT ON COLUMN raw.postings.remote IS 'remote / hybrid / onsite / unknown.';
COMMENT ON COLUMN raw.postings.employment_type IS 'full_time / part_time / contract / freelance / internship / unknown.';
COMMENT ON COLUMN raw.postings.category IS 'The source''s own category for the posting.';
COMMENT ON COLUMN raw.postings.salary_text IS 'Pay exactly as the source wrote it.';
COMMENT ON COLUMN raw.postings.salary_min IS 'Lower bound of pay, when parsed.';
COMMENT ON COLUMN raw.postings.salary_max IS 'Upper bound of pay, when parsed.';
COMMENT ON COLUMN raw.postings.salary_currency IS 'ISO 4217 currency of pay, when parsed.';
COMMENT ON COLUMN raw.postings.salary_period IS 'hour / day / week / month / year, when parsed.';
COMMENT ON COLUMN raw.postings.tags IS 'The source''s tags for the posting.';
COMMENT ON COLUMN raw.postings.attribution IS 'Credit line the source''s terms ask for.';
COMMENT ON COLUMN raw.postings.raw IS 'The native record exactly as the source sent it.';
COMMENT ON COLUMN raw.postings.content_hash IS 'md5 of title and description; a change triggers re-extraction.';
COMMENT ON COLUMN raw.postings.first_seen_at IS 'When a crawl first saw the posting.';
COMMENT ON COLUMN raw.postings.last_seen_at IS 'When a crawl last saw the posting.';
COMMENT ON COLUMN raw.postings.last_run_id IS 'The refresh run that last saw the posting (meta.runs.run_id).';

CREATE TABLE raw.skill_mentions (
    posting_id        VARCHAR NOT NULL,
    skill             VARCHAR NOT NULL,
    category          VARCHAR,
    start_char        INTEGER NOT NULL,
    end_char          INTEGER NOT NULL,
    surface           VARCHAR,
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE raw.skill_mentions IS 'Skill mentions found by the extractor, every version kept so results can be compared across versions.';
COMMENT ON COLUMN raw.skill_mentions.posting_id IS 'source:source_id of the posting.';
COMMENT ON COLUMN raw.skill_mentions.skill IS 'Canonical skill name from the taxonomy.';
COMMENT ON COLUMN raw.skill_mentions.category IS 'Taxonomy category of the skill.';
COMMENT ON COLUMN raw.skill_mentions.start_char IS 'Character offset of the mention in the posting description (start, inclusive).';
COMMENT ON COLUMN raw.skill_mentions.end_char IS 'Character offset of the mention in the posting description (end, exclusive).';
COMMENT ON COLUMN raw.skill_mentions.surface IS 'The mention as written in the posting.';
COMMENT ON COLUMN raw.skill_mentions.taxonomy_version IS 'Version of the taxonomy used.';
COMMENT ON COLUMN raw.skill_mentions.extractor_version IS 'Version of the extractor used.';

CREATE TABLE raw.extractions (
    posting_id        VARCHAR NOT NULL,
    content_hash      VARCHAR NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    skills_found      INTEGER NOT NULL,
    extracted_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (posting_id, taxonomy_version, extractor_version)
);
COMMENT ON TABLE raw.extractions IS 'Which posting content was extracted with which versions (also postings with no skill found).';
COMMENT ON COLUMN raw.extractions.posting_id IS 'source:source_id of the posting.';
COMMENT ON COLUMN raw.extractions.content_hash IS 'raw.postings.content_hash at extraction time.';
COMMENT ON COLUMN raw.extractions.taxonomy_version IS 'Version of the taxonomy used.';
COMMENT ON COLUMN raw.extractions.extractor_version IS 'Version of the extractor used.';
COMMENT ON COLUMN raw.extractions.skills_found IS 'Number of mentions found.';
COMMENT ON COLUMN raw.extractions.extracted_at IS 'When the extraction ran.';

CREATE TABLE raw.taxonomy_skills (
    skill            VARCHAR NOT NULL,
    category         VARCHAR NOT NULL,
    aliases          VARCHAR[],
    ambiguous        BOOLEAN,
    taxonomy_version VARCHAR NOT NULL,
    PRIMARY KEY (skill, taxonomy_version)
);
COMMENT ON TABLE raw.taxonomy_skills IS 'The skill taxonomy as loaded, one row per canonical skill and taxonomy version.';
COMMENT ON COLUMN raw.taxonomy_skills.skill IS 'Canonical skill name.';
COMMENT ON COLUMN raw.taxonomy_skills.category IS 'Skill category.';
COMMENT ON COLUMN raw.taxonomy_skills.aliases IS 'Other names the skill goes by.';
COMMENT ON COLUMN raw.taxonomy_skills.ambiguous IS 'Counted only with corroborating context (e.g. Go, R, Excel).';
COMMENT ON COLUMN raw.taxonomy_skills.taxonomy_version IS 'Taxonomy version.';

CREATE TABLE meta.runs (
    run_id           VARCHAR PRIMARY KEY,
    started_at       TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ,
    status           VARCHAR NOT NULL,
    postings_total   BIGINT,
    postings_new     BIGINT,
    postings_extracted BIGINT,
    taxonomy_version  VARCHAR,
    extractor_version VARCHAR,
    note             VARCHAR
);
COMMENT ON TABLE meta.runs IS 'One row per refresh run that published.';
COMMENT ON COLUMN meta.runs.run_id IS 'Run id (UTC timestamp plus random suffix).';
COMMENT ON COLUMN meta.runs.started_at IS 'When the run started.';
COMMENT ON COLUMN meta.runs.finished_at IS 'When the run finished building; the data is as of this time.';
COMMENT ON COLUMN meta.runs.status IS 'success / partial (some sources failed).';
COMMENT ON COLUMN meta.runs.postings_total IS 'Postings in the warehouse after the run.';
COMMENT ON COLUMN meta.runs.postings_new IS 'Postings first seen in this run.';
COMMENT ON COLUMN meta.runs.postings_extracted IS 'Postings (re-)extracted in this run.';
COMMENT ON COLUMN meta.runs.taxonomy_version IS 'Taxonomy version used.';
COMMENT ON COLUMN meta.runs.extractor_version IS 'Extractor version used.';
COMMENT ON COLUMN meta.runs.note IS 'Free text: failures, warnings.';

CREATE TABLE meta.source_runs (
    run_id        VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,
    items         BIGINT,
    errors        BIGINT,
    seconds       DOUBLE,
    field_problems JSON,
    PRIMARY KEY (run_id, source)
);
COMMENT ON TABLE meta.source_runs IS 'One row per source per refresh run: how its crawl went.';
COMMENT ON COLUMN meta.source_runs.run_id IS 'meta.runs.run_id.';
COMMENT ON COLUMN meta.source_runs.source IS 'Source id.';
COMMENT ON COLUMN meta.source_runs.status IS 'ok / failed.';
COMMENT ON COLUMN meta.source_runs.items IS 'Postings the crawl yielded.';
COMMENT ON COLUMN meta.source_runs.errors IS 'Errors the crawl logged.';
COMMENT ON COLUMN meta.source_runs.seconds IS 'Crawl duration.';
COMMENT ON COLUMN meta.source_runs.field_problems IS 'Per-field counts of values that could not be normalised or were missing.';
