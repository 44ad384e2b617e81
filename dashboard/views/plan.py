"""Learning plan: your skills (picked or typed, or found in a pasted CV) and constraints in, the ranked
next skills out, each with its reason, the postings it would open, how to prove it, and the reports.

Nothing is computed while the form is edited: the plan is built when "Build my plan" is pressed
(and once when the page is opened from a shared plan link); every later rerun reads the cached
plan. The URL carries the skills and constraints of the last plan built, so it can be shared.
A name that is not a skill of the taxonomy (typed, in a link or in a loaded profile) is left out
with "did you mean" suggestions, one click to add.

Profiles: downloaded as a JSON file and uploaded again (it stays with the user), or saved by name
under DATA_DIR/profiles/ (the folder `skillpulse plan --profile NAME` reads).

Untrusted text (skill names, titles, companies, sentences, regions, family labels, profile names
and anything typed) reaches Markdown only through ``markdown_text`` / ``markdown_link``, select
options and table cells through ``plain_text``, links through ``safe_url``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import charts, components, data, data_plan
from warehouse.plan import DEFAULT_REACH_SHARE, DEFAULT_WEEKS, Profile
from warehouse.reports import plan_csv, plan_markdown
from warehouse.safe_text import filename_part, markdown_link, markdown_text, plain_text

ANY = components.ANY
LIMIT = 10
NAME_CHARS = 60
CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF"]
DEFAULT_NAME = "My profile"
MIN_PROOF_POSTINGS = 10  # mart.skill_proof gives shares from this many postings
PROOF_ASKS = (("portfolio_share", "A portfolio, code or work samples"), ("assessment_share", "A test or trial task"),
              ("years_share", "A number of years of it"), ("degree_share", "A degree"),
              ("certification_share", "A certification"))
PROOF_CATEGORIES = {"portfolio": "Portfolio", "assessment": "Test or trial task", "degree": "Degree",
                    "certification": "Certification", "experience": "Years of experience",
                    "years": "Years of experience"}
K = {name: f"plan-{name}" for name in ("skills", "cv", "families", "remote", "contract", "region", "rate",
                                        "currency", "weeks", "rule", "share", "allbut", "name")}


components.stop_without_data()
st.title("Learning plan")
components.freshness_line()
st.markdown("Which one skill brings the most postings within your reach, what it pays, whether it is "
            "rising, and how to prove it. Give your skills and constraints, then press **Build my plan**.")

names = data.skill_names()
known = set(names)
segments = data.segment_values()
family_options = [v for v in segments["family"]["value"].tolist() if v is not None]
region_options = [ANY, *[v for v in segments["region"]["value"].tolist() if v is not None]]


# ---- form state: defaults, the URL, a loaded profile

def _defaults() -> dict:
    return {"skills": [], "cv": "", "families": [], "remote": False, "contract": False, "region": ANY,
            "rate": None, "currency": "USD", "weeks": DEFAULT_WEEKS, "rule": "share",
            "share": int(round(100 * DEFAULT_REACH_SHARE)), "allbut": 1, "name": DEFAULT_NAME}


def _known_skills(wanted: list) -> tuple[list[str], dict[str, list[str]]]:
    """(names of the taxonomy, in order, for what was asked -- names or aliases, any case --;
    {what matched nothing: close skills of the taxonomy})."""
    wanted = [plain_text(s, max_chars=200) for s in wanted if isinstance(s, str) and s.strip()]
    exact = [s for s in wanted if s in known]
    rest = [s for s in wanted if s not in known]
    unknown: dict[str, list[str]] = {}
    if rest:
        found, missing = data_plan.resolve(tuple(rest))
        exact += [s for s in found if s in known]
        unknown = {name: [c for c in close if c in known] for name, close in missing.items()}
    return list(dict.fromkeys(exact)), unknown


def _did_you_mean(unknown: dict[str, list[str]]) -> None:
    """Keep the names that matched nothing, with their suggestions, for the warning above the form."""
    if unknown:
        st.session_state["plan-unknown"] = dict(list(unknown.items())[:10])


def _int(text, low: int, high: int, default: int) -> int:
    try:
        return min(high, max(low, int(float(text))))
    except (TypeError, ValueError):
        return default


def _from_url() -> dict | None:
    """The form values a shared plan link carries (None when it carries no skills)."""
    qp = st.query_params
    wanted = [s for s in qp.get_all("skills") if s][:200]
    if not wanted:
        return None
    values = _defaults()
    values["skills"], unknown = _known_skills([str(s)[:200] for s in wanted])
    _did_you_mean(unknown)
    values["families"] = [f for f in dict.fromkeys(qp.get_all("families")) if f in family_options]
    values["remote"] = qp.get("remote") == "1"
    values["contract"] = qp.get("contract") == "1"
    values["region"] = qp.get("region") if qp.get("region") in region_options else ANY
    if qp.get("rate"):
        try:
            rate = float(qp.get("rate"))
            values["rate"] = rate if 0 <= rate < 1e6 else None
        except ValueError:
            pass
    values["currency"] = qp.get("currency") if qp.get("currency") in CURRENCIES else "USD"
    values["weeks"] = _int(qp.get("weeks"), 1, 52, DEFAULT_WEEKS)
    if qp.get("all_but") not in (None, ""):
        values["rule"], values["allbut"] = "all_but", _int(qp.get("all_but"), 0, 5, 1)
    values["share"] = _int(qp.get("reach"), 5, 100, values["share"])
    values["name"] = plain_text(qp.get("name") or DEFAULT_NAME, max_chars=NAME_CHARS) or DEFAULT_NAME
    return values


def _notice(kind: str, markdown: str) -> None:
    """A message shown once, on the next rendering of the page (Markdown, already escaped)."""
    st.session_state.setdefault("plan-notices", []).append((kind, markdown))


def _set_form(values: dict) -> None:
    for name, key in K.items():
        st.session_state[key] = values[name]


def _form_values() -> dict:
    return {name: st.session_state.get(key) for name, key in K.items()}


def _profile(values: dict) -> Profile:
    return Profile(skills=list(values["skills"]), families=list(values["families"]),
                   remote_only=bool(values["remote"]), contract_only=bool(values["contract"]),
                   region=None if values["region"] in (None, ANY) else values["region"],
                   min_rate=None if values["rate"] is None else float(values["rate"]),
                   min_rate_currency=values["currency"] or "USD",
                   name=plain_text(values["name"], max_chars=NAME_CHARS) or DEFAULT_NAME)


def _args(values: dict) -> dict:
    rule_all_but = values["rule"] == "all_but"
    return {"profile": _profile(values).to_dict(), "weeks": int(values["weeks"]),
            "reach_share": None if rule_all_but else int(values["share"]) / 100,
            "all_but": int(values["allbut"]) if rule_all_but else None}


def _url_params(args: dict) -> dict:
    p = args["profile"]
    out: dict = {"skills": p["skills"], "weeks": str(args["weeks"]), "name": p["name"]}
    if p["families"]:
        out["families"] = p["families"]
    if p["remote_only"]:
        out["remote"] = "1"
    if p["contract_only"]:
        out["contract"] = "1"
    if p["region"]:
        out["region"] = p["region"]
    if p["min_rate"] is not None:
        out["rate"] = f"{p['min_rate']:g}"
        out["currency"] = p["min_rate_currency"]
    if args["all_but"] is not None:
        out["all_but"] = str(args["all_but"])
    else:
        out["reach"] = f"{100 * args['reach_share']:.0f}"
    return out


if "plan-values" not in st.session_state:  # first visit in this session: the URL, else the defaults
    shared = _from_url()
    st.session_state["plan-values"] = shared or _defaults()
    if shared and shared["skills"]:
        st.session_state["plan-args"] = _args(shared)  # a shared plan link shows its plan at once
for name, key in K.items():  # widgets forget their state when the page is left: restore it
    if key not in st.session_state:
        st.session_state[key] = st.session_state["plan-values"][name]


def _on_find_in_cv() -> None:
    st.session_state["plan-cv-pending"] = True


def _on_build() -> None:
    values = _form_values()
    # typed names become the taxonomy's names; what matches nothing is left out, with suggestions
    values["skills"], unknown = _known_skills(list(values["skills"] or []))
    st.session_state[K["skills"]] = values["skills"]
    st.session_state.pop("plan-unknown", None)
    _did_you_mean(unknown)
    st.session_state["plan-values"] = values
    if not values["skills"]:
        _notice("warning", "Add at least one skill of the taxonomy (pick or type them, or paste a CV and press "
                "**Find skills in the text**).")
        return
    st.session_state["plan-args"] = _args(values)
    st.session_state["plan-write-url"] = True


def _on_add_suggestion(typed: str, skill: str) -> None:
    current = list(st.session_state.get(K["skills"]) or [])
    if skill not in current:
        current.append(skill)
    st.session_state[K["skills"]] = current
    unknown = dict(st.session_state.get("plan-unknown") or {})
    unknown.pop(typed, None)
    st.session_state["plan-unknown"] = unknown
    _notice("success", f"Added **{markdown_text(skill, max_chars=NAME_CHARS)}** to your skills. Press **Build my "
            "plan** to see its plan.")


def _apply_profile(profile: Profile, where: str) -> None:
    """Fill the form from a profile (loaded by name or uploaded), checking every value."""
    values = _defaults()
    values["skills"], unknown = _known_skills([str(s)[:200] for s in profile.skills][:500])
    values["families"] = [f for f in profile.families if f in family_options]
    values["remote"], values["contract"] = bool(profile.remote_only), bool(profile.contract_only)
    values["region"] = profile.region if profile.region in region_options else ANY
    if isinstance(profile.min_rate, (int, float)) and not isinstance(profile.min_rate, bool) \
            and 0 <= profile.min_rate < 1e6:
        values["rate"] = float(profile.min_rate)
    values["currency"] = profile.min_rate_currency if profile.min_rate_currency in CURRENCIES else "USD"
    values["name"] = plain_text(profile.name, max_chars=NAME_CHARS) or DEFAULT_NAME
    _set_form(values)
    st.session_state["plan-values"] = values
    st.session_state.pop("plan-unknown", None)
    _did_you_mean(unknown)
    _notice("success", f"Loaded **{markdown_text(values['name'])}** from {where} ({len(values['skills'])} "
            f"skill{'s' if len(values['skills']) != 1 else ''}). Press **Build my plan** to see its plan.")


def _on_load() -> None:
    path = st.session_state.get("plan-load-choice")
    if not path:
        return
    try:
        profile = Profile.load(Path(path))
    except (OSError, ValueError, TypeError) as exc:
        _notice("error", f"Cannot load that profile: {markdown_text(str(exc), max_chars=200)}")
        return
    _apply_profile(profile, "the saved profiles")


def _on_upload() -> None:
    uploaded = st.session_state.get("plan-upload")
    if uploaded is None:
        return
    try:
        profile = data_plan.profile_from_bytes(uploaded.getvalue())
    except ValueError as exc:
        _notice("error", f"Cannot load {markdown_text(uploaded.name, max_chars=80)}: "
                f"{markdown_text(str(exc), max_chars=200)}")
        return
    _apply_profile(profile, markdown_text(uploaded.name, max_chars=80))


# the CV: its skills join the multiselect, where any can be removed (before the widget is drawn)
if st.session_state.pop("plan-cv-pending", False):
    text = st.session_state.get(K["cv"]) or ""
    if not text.strip():
        _notice("warning", "Paste a CV or profile text first.")
    else:
        with st.spinner("Reading the text…"):
            found = data.cv_skills(text)
        usable = [s for s in found if s in known]
        before, _unknown = _known_skills(list(st.session_state.get(K["skills"]) or []))
        added = [s for s in usable if s not in before]
        st.session_state[K["skills"]] = before + added
        if usable:
            _notice("info", f"Found {len(usable)} skill{'s' if len(usable) != 1 else ''} in the text "
                    f"({len(added)} new): " + ", ".join(markdown_text(s) for s in usable)
                    + ". They are in **Your skills**: remove any that are wrong (×).")
        else:
            _notice("warning", "No skill of the taxonomy was found in the text.")

for kind, message in st.session_state.pop("plan-notices", []):
    getattr(st, kind)(message)

def _guess_words(close: list[str], have: set[str]) -> str:
    new = [c for c in close if c not in have]
    if new:
        return " (did you mean " + " or ".join(markdown_text(c, max_chars=NAME_CHARS) for c in new) + "?)"
    if close:
        return " (close to " + ", ".join(markdown_text(c, max_chars=NAME_CHARS) for c in close) + ", already in your skills)"
    return " (nothing close)"


unknown_now = st.session_state.get("plan-unknown") or {}
if unknown_now:
    have = set(st.session_state.get(K["skills"]) or [])
    with st.container(border=True):
        st.warning("Not skills of the taxonomy, so left out: " + "; ".join(
            f"“{markdown_text(typed, max_chars=40)}”{_guess_words(close, have)}" for typed, close in unknown_now.items()))
        offers = list(dict.fromkeys((typed, c) for typed, close in unknown_now.items() for c in close if c not in have))
        if offers:
            row = st.container(horizontal=True, gap="small")
            for i, (typed, c) in enumerate(offers[:12]):
                row.button(f"Add {markdown_text(c, max_chars=40)}", key=f"plan-suggest-{i}",
                           on_click=_on_add_suggestion, args=(typed, c), icon=":material/add:")


# ---- profiles: upload a file, or load one saved by name

saved = data_plan.saved_profiles()
with st.expander("Load a profile" + (f" ({len(saved)} saved)" if saved else "")):
    st.caption("A profile is your skills and constraints. Download it as a JSON file under the plan "
               "(**Profile (JSON)**) and upload it here later: it stays with you. Or save it by name on this "
               "machine (**Save by name**, in the data folder's `profiles/`, where `skillpulse plan --profile "
               "NAME` finds it too); named profiles are visible to everyone using this dashboard.")
    st.file_uploader("Upload a profile (JSON)", type=["json"], key="plan-upload", on_change=_on_upload,
                     max_upload_size=1)
    if saved:
        left, right = st.columns([4, 1], vertical_alignment="bottom")
        left.selectbox("Or load a saved profile", [str(p) for p in saved], key="plan-load-choice",
                       format_func=lambda p: plain_text(Path(p).stem, max_chars=NAME_CHARS))
        right.button("Load", on_click=_on_load, width="stretch")


# ---- the form

with st.form("plan-form", border=True):
    mine, limits = st.columns([3, 2], gap="large")
    with mine:
        st.multiselect("Your skills", names, key=K["skills"], format_func=components.option_label,
                       accept_new_options=True, placeholder="Type to search the taxonomy…",
                       help="Pick skills of the taxonomy, or type any name or alias (press Enter): a name "
                            "that is not a skill gets suggestions.")
        st.text_area("Or paste your CV or profile text", key=K["cv"], height=140, max_chars=100_000,
                     placeholder="Paste text here, then press “Find skills in the text”: what is found joins "
                                 "your skills, where you can remove any.")
        st.form_submit_button("Find skills in the text", on_click=_on_find_in_cv, icon=":material/search:")
        st.text_input("Profile name", key=K["name"], max_chars=NAME_CHARS,
                      help="Names the saved profile and the report files.")
    with limits:
        st.multiselect("Role families", family_options, key=K["families"], placeholder="All role families",
                       format_func=lambda f: plain_text(components.label("family", f), max_chars=60))
        st.checkbox("Remote only", key=K["remote"])
        st.checkbox("Contract or freelance only", key=K["contract"])
        st.selectbox("Your region", region_options, key=K["region"],
                     help="Postings open worldwide count too.",
                     format_func=lambda r: "Any region" if r == ANY else plain_text(r, max_chars=60))
        a, b = st.columns([3, 2])
        a.number_input("Minimum hourly rate", key=K["rate"], min_value=0.0, max_value=100_000.0, step=5.0,
                       placeholder="Any", help="Postings stating less (in that currency) are left out; "
                       "postings stating no pay stay in.")
        b.selectbox("Currency", CURRENCIES, key=K["currency"])
        st.slider("Window: the last N complete weeks", 1, 52, key=K["weeks"])
        st.radio("A posting is within reach when you hold…", ["share", "all_but"], key=K["rule"], horizontal=True,
                 format_func=lambda r: "a share of its skills" if r == "share" else "all its skills but N")
        a, b = st.columns(2)
        a.slider("Share of its core skills (%)", 5, 100, step=5, key=K["share"])
        b.number_input("N (all but N)", 0, 5, step=1, key=K["allbut"])
    st.form_submit_button("Build my plan", type="primary", on_click=_on_build, icon=":material/school:")


# ---- the plan

args = st.session_state.get("plan-args")
if args is None:
    st.info("Your plan appears here once you press **Build my plan**.")
    st.stop()
if st.session_state.pop("plan-write-url", False):
    st.query_params.from_dict(_url_params(args))

profile = Profile.from_dict(args["profile"])
with st.spinner("Building your plan…"):
    plan = data.plan(profile, args["weeks"], args["reach_share"], args["all_but"], LIMIT)


def _pct(value, digits: int = 0, sign: bool = False) -> str:
    if value is None or value != value:
        return "–"
    if sign:
        return charts.fmt_growth(value) if digits == 0 else f"{value:+.{digits}f}%"
    return f"{value:.{digits}f}%"


def _trend(rec) -> str:
    status = components.label("status", rec.status) if rec.status else "No trend figure"
    if rec.status in ("emerging", "rising", "declining") and rec.growth_pct is not None:
        return f"{status} {_pct(rec.growth_pct, sign=True)}"
    return status


def _pay(rec) -> str:
    currency = plain_text(rec.pay_currency, max_chars=8)
    if rec.premium_pct is not None:
        return (f"{_pct(rec.premium_pct, sign=True)} ({_pct(rec.premium_low_pct, sign=True)} to "
                f"{_pct(rec.premium_high_pct, sign=True)}), N {rec.pay_n:,} in {currency}")
    if rec.pay_n and rec.pay_median is not None:
        return f"median {rec.pay_median:,.0f} {currency}/h, N {rec.pay_n:,}"
    return "Too few state pay"


st.subheader(f"Your plan: {markdown_text(profile.name, max_chars=NAME_CHARS)}")
window = (f"{plan.window_start:%d %b %Y} – {plan.window_end:%d %b %Y}" if plan.window_start else "no complete week yet")
trend_kind, trend_value = plan.trend_segment
trend_where = ("all postings" if trend_kind == "all"
               else f"the {markdown_text(components.label('family', trend_value))} family")
st.caption(f"**Your skills:** {', '.join(markdown_text(s, max_chars=NAME_CHARS) for s in profile.skills)} · "
           f"**Window:** {window} ({args['weeks']} complete weeks) · "
           f"**Segment:** {markdown_text(plan.segment_label, max_chars=300)} · Trend and pay figures: {trend_where}")
share_now = 100 * plan.within_reach / plan.postings_with_skills if plan.postings_with_skills else 0
figures = st.container(horizontal=True, gap="small")
figures.metric("Postings in your segment", f"{plan.segment_postings:,}", border=True, width="content",
               help="Counted postings of the window that match your constraints (a job once per week).")
figures.metric("Your market", f"{plan.postings_with_skills:,}", border=True, width="content",
               help="Postings of your segment that ask for at least one of your skills: the others would be a "
                    "change of career, not a next skill, so they are not counted below.")
figures.metric("Within reach now", f"{plan.within_reach:,}", delta=f"{share_now:.0f}%", delta_color="off",
               delta_arrow="off", border=True, width="content", help=f"Within reach: {markdown_text(plan.reach)}.")
st.caption(f"Within reach: {markdown_text(plan.reach)}.")

if not plan.recommendations:
    st.warning("No single skill would bring a posting within reach in this segment and window. Widen the "
               "segment (fewer constraints), the window, or the within-reach rule.")
else:
    st.markdown("#### What to learn next")
    table = pd.DataFrame([{
        "rank": f"{r.rank} (tie)" if r.tied_with else str(r.rank),
        "skill": plain_text(r.skill, max_chars=60),
        "gain": r.gain,
        "ci": f"{r.gain_low:.0f}–{r.gain_high:.0f}",
        "asked": f"{r.asked:,} ({r.asked_low:.0f}–{r.asked_high:.0f})",
        "trend": _trend(r),
        "contract": None if r.contract_share is None else round(100 * r.contract_share),
        "pay": _pay(r),
    } for r in plan.recommendations])
    st.dataframe(table, hide_index=True, width="stretch", placeholder="–", column_config={
        "rank": st.column_config.TextColumn("#", width=56, pinned=True,
                                            help="(tie): its interval overlaps a neighbour's"),
        "skill": st.column_config.TextColumn("Skill", width=150, pinned=True),
        "gain": st.column_config.NumberColumn("Opens", format="+%d", width=58,
                                              help="Postings of your market it brings within reach"),
        "ci": st.column_config.TextColumn("95% CI", width=60, help="95% interval of the gain, in postings"),
        "asked": st.column_config.TextColumn("Asked by", width=92,
                                             help="Postings of your market asking for it too (95% interval)"),
        "trend": st.column_config.TextColumn("Trend, 13 wk", width=100),
        "contract": st.column_config.NumberColumn("Contract", format="%d%%", width=70,
                                                  help="Contract or freelance share of its postings"),
        "pay": st.column_config.TextColumn("Pay vs similar (95% CI)", width=230,
                                           help="Its postings' hourly median against postings of the same role "
                                                "family and employment type without it; N postings stating pay"),
    })
    st.caption("Opens: the postings of your market it would bring within reach, with its 95% interval; skills "
               "that open none on their own yet come after, ranked by Asked by: the postings of your market that "
               "ask for them too. (tie): its interval overlaps a neighbour's, so the order between them is not "
               "certain.")

    for rec in plan.recommendations:
        label = (f"{rec.rank}\\. {markdown_text(rec.skill, max_chars=60)} · "
                 + (f"+{rec.gain:,} posting{'s' if rec.gain != 1 else ''}" if rec.gain
                    else f"asked for by {rec.asked:,}"))
        with st.expander(label, expanded=rec.rank == 1):
            st.markdown(markdown_text(rec.reason, max_chars=1000))
            lines = [(f"- **Brings within reach:** +{rec.gain:,} postings (95% CI {rec.gain_low:.0f}–"
                      f"{rec.gain_high:.0f}) of your market's {plan.postings_with_skills:,}") if rec.gain else
                     "- **Brings within reach:** no posting on its own yet (it is one of several you would need)",
                     f"- **Asked for by:** {rec.asked:,} of your market's {plan.postings_with_skills:,} postings "
                     f"(95% CI {rec.asked_low:.0f}–{rec.asked_high:.0f})"]
            trend = markdown_text(_trend(rec))
            if rec.q_value is not None and rec.status in ("emerging", "rising", "declining"):
                trend += f" (q = {rec.q_value:.3f})"
            lines.append(f"- **Trend over 13 weeks:** {trend}")
            if rec.contract_share is not None:
                lines.append(f"- **Contract or freelance:** {100 * rec.contract_share:.0f}% of its postings")
            lines.append(f"- **Hourly pay vs similar postings:** {markdown_text(_pay(rec))}")
            if rec.category:
                lines.append(f"- **Kind of skill:** {markdown_text(charts.category_label(rec.category))}")
            if rec.pairs_with:
                lines.append("- **Asked for with your** " + ", ".join(
                    f"{markdown_text(x['skill'])} ({x['support']:,} postings)" for x in rec.pairs_with))
            if rec.tied_with:
                lines.append("- **Tied with** " + ", ".join(markdown_text(t) for t in rec.tied_with)
                             + ": their intervals overlap, so the order between them is not certain.")
            st.markdown("\n".join(lines))
            st.page_link("views/skill.py", label=f"{markdown_text(rec.skill, max_chars=40)} on the Skill page",
                         query_params={"skill": rec.skill}, icon=":material/insights:")

            if rec.opens:
                st.markdown("**Postings it would bring within reach**")
                st.markdown("\n".join(
                    f"- {markdown_link(plain_text(o.get('title'), max_chars=140) or '(untitled)', o.get('url'))} · "
                    f"{markdown_text(o.get('company') or 'company not stated', max_chars=80)} · "
                    f"{markdown_text(o.get('posted_at'))} · {markdown_text(components.label('source', o.get('source')))}"
                    + (f" · {int(o['copies'])} copies" if (o.get("copies") or 1) > 1 else "")
                    for o in rec.opens))

            st.markdown("**How to prove it**")
            proof = rec.proof or {}
            n_proof = int(proof.get("postings") or 0)
            where = " across all role families" if proof.get("segment") == "all" and profile.families else ""
            if not proof:
                st.caption("No figures on proof for it in this warehouse.")
            elif not proof.get("shown", n_proof >= MIN_PROOF_POSTINGS):
                st.caption(f"Too few postings to say: {n_proof:,} ask for it{where} in the last 52 weeks "
                           f"({MIN_PROOF_POSTINGS} needed).")
            else:
                asks = [f"- {text}: {100 * proof[key]:.0f}%" for key, text in PROOF_ASKS
                        if isinstance(proof.get(key), (int, float)) and proof[key] > 0]
                if proof.get("years_median") is not None:
                    asks.append(f"- Years of it, where a number is asked: typically {proof['years_median']:g}+")
                st.caption(f"Of the {n_proof:,} postings asking for it{where} (last 52 complete weeks), the share "
                           "that asks for:")
                st.markdown("\n".join(asks) or "- no proof in particular")
                certs = [c for c in proof.get("certifications") or [] if isinstance(c, dict)]
                if certs:
                    st.markdown("Certifications named with it: " + ", ".join(
                        f"{markdown_text(c.get('name'), max_chars=80)} ({int(c.get('postings') or 0):,})"
                        for c in certs[:6]))
            examples = [e for e in proof.get("examples") or [] if isinstance(e, dict)]
            for e in examples[:3]:
                kind = PROOF_CATEGORIES.get(e.get("category")) or plain_text(e.get("category")).capitalize() or "Proof"
                st.markdown(f"> “{markdown_text(e.get('sentence'), max_chars=300)}”  \n"
                            f"> {markdown_text(kind)} · "
                            f"{markdown_link(plain_text(e.get('title'), max_chars=140) or 'the posting', e.get('url'))}")

if plan.current_skills_proof:
    st.markdown("#### How to prove the skills you have")
    rows = []
    for p in plan.current_skills_proof:
        shown = p.get("shown", True)
        row = {"skill": plain_text(p.get("skill"), max_chars=60), "postings": p.get("postings")}
        for key, _ in PROOF_ASKS:
            row[key] = None if not shown or p.get(key) is None else round(100 * p[key])
        row["years"] = p.get("years_median") if shown else None
        rows.append(row)
    pct = {"format": "%d%%", "width": 78}
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", placeholder="–", column_config={
        "skill": st.column_config.TextColumn("Skill", width=150, pinned=True),
        "postings": st.column_config.NumberColumn("N", width=56, help="Postings asking for it (last 52 weeks)"),
        "portfolio_share": st.column_config.NumberColumn("Portfolio", **pct),
        "assessment_share": st.column_config.NumberColumn("Test/trial", **pct),
        "years_share": st.column_config.NumberColumn("Years asked", **pct),
        "degree_share": st.column_config.NumberColumn("Degree", **pct),
        "certification_share": st.column_config.NumberColumn("Certification", **pct),
        "years": st.column_config.NumberColumn("Years (median)", format="%g", width=96),
    })
    st.caption(f"Share of the postings asking for each skill that ask for that proof; – below "
               f"{MIN_PROOF_POSTINGS} postings.")


# ---- reports, profiles, method

st.markdown("#### Take it with you")
part = filename_part(profile.name, default="profile")
downloads = st.container(horizontal=True, gap="small")
downloads.download_button("Report (Markdown)", plan_markdown(plan), file_name=f"learning-plan-{part}.md",
                          mime="text/markdown", on_click="ignore", icon=":material/description:")
downloads.download_button("Table (CSV)", plan_csv(plan), file_name=f"learning-plan-{part}.csv", mime="text/csv",
                          on_click="ignore", icon=":material/table:")
downloads.download_button("Profile (JSON)", data_plan.profile_json(profile), file_name=f"profile-{part}.json",
                          mime="application/json", on_click="ignore", icon=":material/person:",
                          help="Your skills and constraints: upload it under **Load a profile** to use it again.")
if downloads.button("Save by name", icon=":material/save:",
                    help="Saves the profile under its name in the data folder (profiles/), for this dashboard "
                         "and `skillpulse plan --profile NAME`; a profile of the same name is replaced."):
    path = profile.save(data.profiles_folder())
    st.success(f"Saved as **{markdown_text(path.stem)}**: load it again from **Load a profile** above.")
st.caption("The report holds the ranking with its reasons, the postings behind each figure and how the figures "
           "are made; this page's link carries your skills and constraints: share it to share the plan.")

with st.expander("How the plan is ranked, and the versions"):
    w, v = plan.weights, plan.versions
    excluded = ", ".join(charts.category_label(c) for c in w.get("excluded categories", [])) or "nothing"
    st.markdown("\n".join([
        f"- **Score** = {markdown_text(w['score'])}",
        f"- **Momentum factor** = {markdown_text(w['momentum factor'])} (W\\_MOMENTUM = {w['W_MOMENTUM']:g})",
        f"- **Pay factor** = {markdown_text(w['pay factor'])} (W\\_PAY = {w['W_PAY']:g})",
        f"- **Within reach:** {markdown_text(w['within reach'])}",
        f"- **Never recommended:** {markdown_text(excluded)} (everyone is assumed to have them)",
        "- **Gain interval:** the 95% Wilson interval of gain / postings naming a skill, times those postings",
        f"- **Versions:** taxonomy {markdown_text(v.get('taxonomy_version'))}, extractor "
        f"{markdown_text(v.get('extractor_version'))}, built {markdown_text(str(v.get('built_at'))[:16])} UTC, "
        f"data as of {markdown_text(v.get('data_as_of'))}",
    ]))
