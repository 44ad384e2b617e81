-- materialized: table
-- grain: one row per posting (source, source_id)
-- key: posting_id
-- partition: posting_id
-- description: Every crawled posting with a usable date, with its segments (role family, work arrangement, region, employment type, seniority, source) and the job it is a copy of. Figures count only the canonical copy of each job per period (is_canonical for weeks, is_canonical_month for months): see core.posting_clusters.
-- column posting_id: Stable id of the posting: source:source_id.
-- column source: Source id from the sources registry.
-- column source_id: The posting's id at the source.
-- column url: Link back to the posting at the source (http/https only).
-- column title: Job title as posted.
-- column company: Hiring company as posted.
-- column description: Plain-text description; skill offsets point into it.
-- column posted_at: Publication date (UTC).
-- column week: Monday of the ISO week of posted_at.
-- column month: First day of the calendar month of posted_at.
-- column family: Role family id (the niche), from the title, else the source's category, tags or description (skills/data/role_families.json); other when no rule claims it.
-- column family_label: Human label of the role family.
-- column family_basis: What decided the family: title / category / tags / description / none.
-- column niche: The niche shown to users: the role family's label.
-- column category: The source's own category (entity-decoded), kept for reference; niches are role families.
-- column region: Region segment from the ISO country codes (North America, Latin America, Europe, Middle East & Africa, Asia-Pacific, Worldwide, Multiple regions, Unknown).
-- column location: Location or eligible regions as stated.
-- column country_codes: ISO 3166 alpha-2 codes of the countries the location names.
-- column regions: Regions the location names (Worldwide, Europe, ...).
-- column remote: remote / hybrid / onsite / unknown.
-- column seniority: Seniority implied by the title (or unknown).
-- column employment_type: full_time / part_time / contract / freelance / internship / unknown.
-- column salary_text: Pay exactly as written.
-- column salary_min: Lower bound of pay, in salary_currency per salary_period.
-- column salary_max: Upper bound of pay.
-- column salary_currency: ISO 4217 currency of pay.
-- column salary_period: hour / day / week / month / year.
-- column salary_hourly_min: Lower bound as an hourly equivalent (2,080 hours a year).
-- column salary_hourly_max: Upper bound as an hourly equivalent.
-- column salary_annual_min: Lower bound as a yearly equivalent.
-- column salary_annual_max: Upper bound as a yearly equivalent.
-- column tags: The source's tags.
-- column attribution: Credit line the source's terms ask for.
-- column job_id: The job the posting is a copy of (core.posting_clusters), across periods.
-- column cluster_id: The job's counted unit in this week (core.posting_clusters).
-- column is_canonical: The one copy of the job that weekly figures count.
-- column cluster_size: Copies of the job that week.
-- column is_canonical_month: The one copy of the job that monthly figures count.
-- column cluster_size_month: Copies of the job that month.
-- column is_open: Seen by the latest crawl of its source; false once it disappeared (closed).
-- column closed_after: For a closed posting, the last time it was seen.
-- column first_seen_at: When a crawl first saw the posting.
-- column last_seen_at: When a crawl last saw the posting.
-- values remote: remote, hybrid, onsite, unknown
-- values employment_type: full_time, part_time, contract, freelance, internship, unknown
-- values seniority: intern, junior, mid, senior, lead, principal, director, executive, unknown
-- values region: North America, Latin America, Europe, Middle East & Africa, Asia-Pacific, Worldwide, Multiple regions, Unknown
-- values family_basis: title, category, tags, description, none
SELECT
    s.posting_id, s.source, s.source_id, s.url, s.title, s.company, s.description, s.posted_at,
    s.week, s.month, coalesce(f.family, 'other') AS family, coalesce(r.label, 'Other') AS family_label,
    coalesce(f.family_basis, 'none') AS family_basis, coalesce(r.label, 'Other') AS niche, s.category,
    coalesce(f.region, 'Unknown') AS region,
    s.location, s.country_codes, s.regions, s.remote, s.seniority, s.employment_type, s.salary_text, s.salary_min,
    s.salary_max, s.salary_currency, s.salary_period, s.salary_hourly_min, s.salary_hourly_max,
    s.salary_annual_min, s.salary_annual_max, s.tags, s.attribution,
    c.job_id, c.cluster_id, c.is_canonical, c.cluster_size, c.is_canonical_month, c.cluster_size_month,
    s.is_open, s.closed_after, s.first_seen_at, s.last_seen_at
FROM staging.stg_postings AS s
JOIN core.posting_clusters AS c USING (posting_id)
LEFT JOIN raw.posting_features AS f
  ON f.posting_id = s.posting_id AND f.features_version = getvariable('features_version')
LEFT JOIN raw.role_families AS r
  ON r.family = f.family AND r.roles_version = getvariable('roles_version')
WHERE s.posted_at IS NOT NULL
-- Stored newest first: the Postings page asks for the newest canonical postings matching a search,
-- and DuckDB's top-N then stops reading row groups older than the 100th match found (zone maps on
-- posted_at): at 1M postings 130-230 -> 30-55 ms a search. A refresh appends its new postings at
-- the end (warehouse/incremental.py): they are read too, the older row groups between still skipped.
ORDER BY s.posted_at DESC, s.posting_id
