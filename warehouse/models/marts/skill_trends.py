# materialized: table
# grain: one row per (segment_kind, segment, horizon_weeks, skill) seen in the segment's windows
# key: segment_kind, segment, horizon_weeks, skill
# description: Is a skill rising, stable or declining in a segment, and how sure is that? For every single-dimension segment (all postings; each role family, work arrangement, region, employment type, seniority and source) and horizons of 4, 13 and 52 weeks: the skill's share of counted postings in the last H complete weeks and in the H weeks before, each with a 95% Wilson interval; growth as the log ratio of the two shares with a two-proportion z test and Benjamini-Hochberg q values across the skills of the segment; a status (emerging / rising / stable / declining / too little data, rule in warehouse/README.md); the first-seen date; and the contract-or-freelance share of the skill's postings with the same test. Computed on the window's stable panel of sources (mart.source_coverage), so a source added midway cannot fake growth. Combinations of segments: warehouse.queries.skill_trends.
# column segment_kind: all, family, remote, region, employment_type, seniority or source.
# column segment: The segment's value (a family id, remote, Europe, contract, ...), or all.
# column horizon_weeks: H: the recent window is the last H complete weeks, the baseline the H weeks before.
# column window_start: First day of the baseline window.
# column window_end: Last day of the recent window (the end of the last complete week).
# column skill: Canonical skill name.
# column postings_recent: Counted postings mentioning the skill in the recent window (panel sources).
# column postings_before: The same in the baseline window.
# column segment_postings_recent: All counted postings of the segment in the recent window (panel sources).
# column segment_postings_before: The same in the baseline window.
# column share_recent: postings_recent / segment_postings_recent.
# column share_recent_low: Lower bound of the 95% Wilson interval of share_recent.
# column share_recent_high: Upper bound of the 95% Wilson interval of share_recent.
# column share_before: postings_before / segment_postings_before.
# column share_before_low: Lower bound of the 95% Wilson interval of share_before.
# column share_before_high: Upper bound of the 95% Wilson interval of share_before.
# column growth: ln((postings_recent + 0.5) / (segment_postings_recent + 1)) - ln((postings_before + 0.5) / (segment_postings_before + 1)); 0 is no change.
# column growth_pct: 100 * (exp(growth) - 1): the relative change of the share, in percent.
# column z: Two-proportion z statistic (pooled), positive when the share rose.
# column p_value: Two-sided p value of the z test; NULL when the evidence is below the minimum (not tested).
# column q_value: Benjamini-Hochberg adjusted p value across the skills of the segment and horizon.
# column status: emerging / rising / stable / declining / too little data.
# column first_seen: First publication date of a posting with the skill in the segment (all sources).
# column panel_sources: The sources of the window's stable panel.
# column contract_share_recent: Of the skill's postings in the recent window, the share that are contract or freelance.
# column contract_share_before: The same in the baseline window.
# column contract_growth: Log ratio of the two contract shares (as growth).
# column contract_q_value: BH q value of the two-proportion test of the contract shares.
# column contract_status: rising / stable / declining / too little data for the contract share (emerging does not apply).
# values segment_kind: all, family, remote, region, employment_type, seniority, source
# values horizon_weeks: 4, 13, 52
# values status: emerging, rising, stable, declining, too little data
# values contract_status: rising, stable, declining, too little data
"""The trend-status mart; the statistics are warehouse/trends.py (it reads mart.skill_counts,
mart.segment_counts, mart.periods and mart.source_coverage)."""

from warehouse.trends import trends


def build(con):
    return trends(con)
