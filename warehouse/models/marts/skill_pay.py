# materialized: table
# grain: one row per (segment_kind, segment, skill, currency) with stated pay in the last 52 complete weeks
# key: segment_kind, segment, skill, currency
# description: What a skill pays, within one currency (never converted), over the last 52 complete weeks of counted postings: the quartiles of hourly-equivalent pay of the postings that ask for it, and its premium over a matched baseline (the median pay of postings of the same role family, employment type and currency that do not ask for it) with a 95% exact bootstrap interval. N and coverage are always given; the pay figures only from 20 postings with pay (MIN_PAY_POSTINGS, warehouse/pay_premium.py). Segments: all, each role family, each employment type.
# column segment_kind: all, family or employment_type.
# column segment: The segment's value, or all.
# column skill: Canonical skill name.
# column currency: ISO 4217 currency of the pay compared.
# column postings_with_skill: Counted postings in the segment asking for the skill (with or without pay).
# column postings_with_pay: Of these, the ones stating a usable pay in this currency.
# column coverage: Share of postings_with_skill that state a usable pay (any currency).
# column pay_q1: First quartile of hourly-equivalent pay (NULL below the minimum N).
# column pay_median: Median hourly-equivalent pay.
# column pay_q3: Third quartile of hourly-equivalent pay.
# column premium_pct: Median of pay / matched baseline, minus 1, in percent (NULL below the minimum N).
# column premium_low_pct: Lower bound of the 95% exact bootstrap interval of premium_pct.
# column premium_high_pct: Upper bound of that interval.
# column postings_with_baseline: Postings whose matched baseline had enough postings to compare with.
# column shown: postings_with_pay reaches the minimum N, so the pay figures are given.
# column window_start: First day of the window.
# column window_end: Last day of the window.
# values segment_kind: all, family, employment_type
"""The pay mart; the figures are warehouse/pay_premium.py (it reads core.counted_postings,
core.posting_skills and mart.periods)."""

from warehouse.pay_premium import skill_pay


def build(con):
    return skill_pay(con)
