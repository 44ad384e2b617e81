-- 006: per-posting features computed outside SQL (warehouse/features.py): role family, region,
-- title key and qualifier skills, and the description sketch that dedupe compares.
CREATE TABLE raw.posting_features (
    posting_id       VARCHAR NOT NULL,
    content_hash     VARCHAR NOT NULL,
    features_version VARCHAR NOT NULL,
    family           VARCHAR NOT NULL,
    family_basis     VARCHAR NOT NULL,
    region           VARCHAR NOT NULL,
    title_key        VARCHAR NOT NULL,
    qualifier_skills VARCHAR NOT NULL,
    sketch           UINTEGER[] NOT NULL,
    PRIMARY KEY (posting_id, features_version)
);
COMMENT ON TABLE raw.posting_features IS 'Features of each posting''s current content, per version of the rules that made them (warehouse/features.py): computed once per content and version, never per build.';
COMMENT ON COLUMN raw.posting_features.posting_id IS 'source:source_id of the posting.';
COMMENT ON COLUMN raw.posting_features.content_hash IS 'raw.postings.content_hash when the features were made; a new content is featured again.';
COMMENT ON COLUMN raw.posting_features.features_version IS 'Versions of the role rules, dedupe rules and taxonomy that made the features.';
COMMENT ON COLUMN raw.posting_features.family IS 'Role family id (skills/data/role_families.json), e.g. software_engineering; other when no rule claims the posting.';
COMMENT ON COLUMN raw.posting_features.family_basis IS 'What decided the family: title / category / tags / description / none.';
COMMENT ON COLUMN raw.posting_features.region IS 'Region segment from the ISO country codes: North America, Latin America, Europe, Middle East & Africa, Asia-Pacific, Worldwide, Multiple regions or Unknown.';
COMMENT ON COLUMN raw.posting_features.title_key IS 'The title without its qualifiers (bracketed parts, what follows a spaced dash, bar or comma), letters, digits, + and # only, lowercase.';
COMMENT ON COLUMN raw.posting_features.qualifier_skills IS 'Skills the title''s qualifier names ("Engineer (Go)" -> Go), sorted and comma-joined; empty for a city, "Remote" and the like.';
COMMENT ON COLUMN raw.posting_features.sketch IS 'Bottom-32 sketch of the description: the 32 smallest CRC-32s of its normalised sentences.';

CREATE TABLE raw.role_families (
    family        VARCHAR NOT NULL,
    label         VARCHAR NOT NULL,
    description   VARCHAR,
    roles_version VARCHAR NOT NULL,
    PRIMARY KEY (family, roles_version)
);
COMMENT ON TABLE raw.role_families IS 'The role families (niches) as loaded from skills/data/role_families.json, one row per family and rules version.';
COMMENT ON COLUMN raw.role_families.family IS 'Family id, e.g. frontend_web.';
COMMENT ON COLUMN raw.role_families.label IS 'Human label, e.g. Front-end & web.';
COMMENT ON COLUMN raw.role_families.description IS 'What the family covers.';
COMMENT ON COLUMN raw.role_families.roles_version IS 'Version of the role rules file.';
