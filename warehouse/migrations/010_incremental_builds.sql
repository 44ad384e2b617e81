-- 010: incremental builds (warehouse/incremental.py): what each model build did, and the inputs of
-- every posting as the last build saw them, so the next build rebuilds only what changed; and the
-- sample of the stored new-skill candidates, so a refresh reads it again only once it changed.
CREATE TABLE meta.model_builds (
    built_at          TIMESTAMPTZ NOT NULL,
    mode              VARCHAR NOT NULL,
    reason            VARCHAR NOT NULL,
    state             VARCHAR NOT NULL,
    postings          BIGINT NOT NULL,
    postings_changed  BIGINT NOT NULL,
    postings_rebuilt  BIGINT NOT NULL,
    periods_rebuilt   BIGINT NOT NULL,
    seconds           DOUBLE NOT NULL,
    model_seconds     VARCHAR NOT NULL
);
COMMENT ON TABLE meta.model_builds IS 'One row per build of the models (staging, core, marts): full, or incremental (only the rows of changed postings, their blocks and their periods rebuilt; warehouse/incremental.py).';
COMMENT ON COLUMN meta.model_builds.built_at IS 'When the build finished.';
COMMENT ON COLUMN meta.model_builds.mode IS 'full or incremental.';
COMMENT ON COLUMN meta.model_builds.reason IS 'Why this mode: e.g. first build, versions or model SQL changed, too many postings changed, a full build every N builds, or incremental.';
COMMENT ON COLUMN meta.model_builds.state IS 'JSON of what the models were built with (taxonomy, extractor, features, roles and proof rules versions, a hash of the model files); an incremental build needs the same state as the last build.';
COMMENT ON COLUMN meta.model_builds.postings IS 'Postings with a usable date after the build.';
COMMENT ON COLUMN meta.model_builds.postings_changed IS 'Postings new, changed or gone since the previous build (their fingerprint differs).';
COMMENT ON COLUMN meta.model_builds.postings_rebuilt IS 'Postings whose rows were rebuilt: the changed ones and every posting in their blocks (all of them in a full build).';
COMMENT ON COLUMN meta.model_builds.periods_rebuilt IS 'Weeks and months whose counts were rebuilt (all of them in a full build).';
COMMENT ON COLUMN meta.model_builds.seconds IS 'Wall time of the build, key checks included.';
COMMENT ON COLUMN meta.model_builds.model_seconds IS 'JSON: seconds per model (and "check_keys", "plan"), slowest first.';

CREATE TABLE meta.posting_fingerprints (
    posting_id  VARCHAR NOT NULL,
    fingerprint UBIGINT NOT NULL
);
COMMENT ON TABLE meta.posting_fingerprints IS 'A hash of every input of each posting''s rows in the models (its stored fields, features and extraction), as of the last build: a posting whose hash differs is rebuilt by the next one.';
COMMENT ON COLUMN meta.posting_fingerprints.posting_id IS 'core posting id (source:source_id).';
COMMENT ON COLUMN meta.posting_fingerprints.fingerprint IS 'DuckDB hash() of the posting''s inputs (warehouse/incremental.py FINGERPRINT_SQL).';

CREATE TABLE raw.discovery_sample (
    posting_id       VARCHAR NOT NULL,
    run_id           VARCHAR NOT NULL,
    taxonomy_version VARCHAR NOT NULL
);
COMMENT ON TABLE raw.discovery_sample IS 'The postings the stored new-skill candidates (raw.skill_candidates) were found in: a refresh whose sample is still mostly the same (skills/discovery.py RESAMPLE_BELOW) keeps those candidates instead of reading the sample again.';
COMMENT ON COLUMN raw.discovery_sample.posting_id IS 'source:source_id of a sampled posting.';
COMMENT ON COLUMN raw.discovery_sample.run_id IS 'The refresh that read the sample.';
COMMENT ON COLUMN raw.discovery_sample.taxonomy_version IS 'The taxonomy the candidates were found against (a new one reads the sample again).';
