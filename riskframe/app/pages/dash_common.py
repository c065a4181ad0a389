"""What the dashboard pages share: the cached panel, the drafts toggle, charts with their CSV,
and empty states that say what to do.

The panel is built from the store's derived scores (one summary per assessment, kept at its head
revision: riskframe/store/derived.py), not from every entry, and cached with st.cache_data keyed on
`store.data_version()`, so a save changes the key and the next run reads afresh: nothing stale is
served, and nothing is scored twice.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from riskframe.assessments import Assessments
from riskframe.analytics import Panel, build_panel, portfolio_alerts, select_statuses, status_note
from riskframe.analytics.panel import panel_from_summary
from riskframe.analytics.reference import compare as compare_reference
from riskframe.analytics.reference import settings_of as reference_settings
from riskframe.analytics.robustness import panel_robustness
from riskframe.safety.csv_cells import csv_bytes
from riskframe.app.context import AppContext
from riskframe.charts import OFFLINE_CONFIG, TierScale, tier_scale
from riskframe.i18n import N_, _
from riskframe.store import Actor
from riskframe.store.reference import References

DRAFTS_KEY = "dash_include_drafts"
_TAGS = re.compile(r"<[^>]+>")


def _actor_key(actor: Actor) -> str:
    return f"{actor.username}|{actor.role}|{','.join(sorted(actor.countries))}"


@st.cache_data(show_spinner=False, max_entries=16)
def _panel(url: str, data_version: str, fw_key: str, actor_key: str, include_drafts: bool, lang: str,
           _store, _fw, _actor) -> Panel:
    """`lang` is in the key: the panel holds sentences (headline, status) in the run's language."""
    return derived_panel(_store, _fw, _actor, select_statuses(include_drafts))


def derived_panel(store, fw, actor: Actor, statuses: tuple[str, ...]) -> Panel:
    """The panel from the derived scores (equal to `build_panel` of every entry, in far less time)."""
    found = store.derived_scores(actor, fw, statuses)
    return panel_from_summary(found.header, found.summary, fw, statuses)


@st.cache_data(show_spinner=False, max_entries=16)
def _alerts(url: str, data_version: str, fw_key: str, actor_key: str, include_drafts: bool, lang: str,
            today: str, _store, _fw, _actor) -> pd.DataFrame:
    statuses = select_statuses(include_drafts)
    entries = _store.entries_frame(_actor, statuses=statuses)  # indicator-level rules need the entries
    panel = build_panel(entries, _fw, statuses)
    day = dt.date.fromisoformat(today)
    overdue = Assessments(_store, _fw).overdue_measures(_actor, today=day)  # open measures past their due quarter
    return portfolio_alerts(panel, _fw, day, lang, entries=entries,
                            reference=_reference_of(_store, _fw, _actor, panel)[0], overdue_measures=overdue)


def _reference_of(store, fw, actor: Actor, panel: Panel) -> tuple[pd.DataFrame, dict[int, dict]]:
    """The reference comparison of every assessment of `panel` and the series used (id -> its fields)."""
    refs = References(store)
    series = {s.id: s.model_dump(mode="json") for s in refs.list_series(actor)}
    if not series:
        return compare_reference(panel.assessments, pd.DataFrame(), {}, reference_settings(fw)), {}
    found = compare_reference(panel.assessments, refs.values(actor), {i: s["name"] for i, s in series.items()},
                              reference_settings(fw))
    return found, series


@st.cache_data(show_spinner=False, max_entries=8)
def _reference(url: str, data_version: str, fw_key: str, actor_key: str, include_drafts: bool,
               _store, _fw, _actor) -> tuple[pd.DataFrame, dict[int, dict]]:
    return _reference_of(_store, _fw, _actor, derived_panel(_store, _fw, _actor, select_statuses(include_drafts)))


def load_reference(ctx: AppContext, include_drafts: bool) -> tuple[pd.DataFrame, dict[int, dict]]:
    """Reference value and both percentiles per assessment shown (riskframe.analytics.reference), with the
    series used (id -> name, source, licence …); cached on the data version."""
    return _reference(ctx.store.url, ctx.store.data_version(), fw_key(ctx), _actor_key(ctx.actor), include_drafts,
                      ctx.store, ctx.framework, ctx.actor)


@st.cache_data(show_spinner=False, max_entries=8)
def _robustness(url: str, data_version: str, fw_key: str, actor_key: str, include_drafts: bool, period: str,
                _store, _fw, _actor) -> pd.DataFrame:
    statuses = select_statuses(include_drafts)
    panel = derived_panel(_store, _fw, _actor, statuses)
    ids = panel.at_period(period).index  # only the period's entries: not the whole portfolio's
    entries = _store.entries_frame(_actor, statuses=statuses, assessment_ids=ids) if len(ids) else None
    return panel_robustness(entries, _fw, panel, period) if entries is not None else pd.DataFrame()


def load_robustness(ctx: AppContext, include_drafts: bool, period: str) -> pd.DataFrame:
    """Tier probabilities, robustness and rank bands of the period's assessments shown (cached on the
    data version and the period)."""
    with st.spinner(_("Testing how robust the tiers are…")):
        return _robustness(ctx.store.url, ctx.store.data_version(), fw_key(ctx), _actor_key(ctx.actor),
                           include_drafts, str(period), ctx.store, ctx.framework, ctx.actor)


def load_alerts(ctx: AppContext, include_drafts: bool, today: dt.date) -> pd.DataFrame:
    """Portfolio alerts, indicator-level ones included (cached on the data version)."""
    with st.spinner(_("Checking alerts…")):
        return _alerts(ctx.store.url, ctx.store.data_version(), fw_key(ctx), _actor_key(ctx.actor), include_drafts,
                       ctx.lang, today.isoformat(), ctx.store, ctx.framework, ctx.actor)


@st.cache_data(show_spinner=False, max_entries=16)
def _names(url: str, data_version: str, actor_key: str, _store, _actor) -> dict[str, str]:
    return {c.code: c.name for c in _store.list_countries(_actor)}


@st.cache_data(show_spinner=False, max_entries=64)
def _diff(url: str, data_version: str, actor_key: str, id_a: int, id_b: int, _store, _actor) -> list:
    return _store.diff_assessments(_actor, id_a, id_b)


def fw_key(ctx: AppContext) -> str:
    return f"{ctx.framework.id}|{ctx.framework.version}|{ctx.framework.root}"


def load_panel(ctx: AppContext, include_drafts: bool) -> Panel:
    """The scored panel for the current data version (cached)."""
    with st.spinner(_("Scoring assessments…")):
        return _panel(ctx.store.url, ctx.store.data_version(), fw_key(ctx), _actor_key(ctx.actor), include_drafts,
                      ctx.lang, ctx.store, ctx.framework, ctx.actor)


def country_names(ctx: AppContext) -> dict[str, str]:
    return _names(ctx.store.url, ctx.store.data_version(), _actor_key(ctx.actor), ctx.store, ctx.actor)


def assessment_diff(ctx: AppContext, id_a: int, id_b: int) -> list:
    return _diff(ctx.store.url, ctx.store.data_version(), _actor_key(ctx.actor), int(id_a), int(id_b),
                 ctx.store, ctx.actor)


def tiers(ctx: AppContext) -> TierScale:
    return tier_scale(ctx.framework, ctx.lang)


def method_note(ctx: AppContext) -> None:
    """Say which method made the numbers: every assessment, whatever framework version it was entered
    under, is scored here with the current method (history rescored, and labelled so)."""
    fw = ctx.framework
    method = fw.manifest.method
    if method is not None:
        st.caption(_("Scored with riskframe's method {method}, framework {framework} {version}; assessments entered "
                     "under an earlier framework version are rescored with it (see Methodology).").format(
            method=method.version, framework=fw.id, version=fw.version))
    else:
        st.caption(_("Scored with riskframe's framework {framework} {version}; assessments entered under an earlier "
                     "framework version are rescored with it (see Methodology).").format(
            framework=fw.id, version=fw.version))


def drafts_toggle() -> bool:
    """Validated only by default; the toggle adds submitted, returned and draft assessments."""
    include = st.toggle(_("Include drafts (submitted, returned, draft)"), key=DRAFTS_KEY,
                        help=_("Off: only validated assessments. On: every assessment; unvalidated numbers may "
                               "change."))
    st.caption(_(status_note(select_statuses(include))))
    return include


def empty_hint(include_drafts: bool, any_country: bool = False) -> str:
    """What to do when there is nothing to show (`any_country`: the portfolio pages' wording)."""
    if include_drafts:
        return (_("No assessment for any country yet — start one on the Assess page, or load the demo data "
                  "(`riskframe demo`).") if any_country else
                _("No assessment yet — start one on the Assess page, or load the demo data (`riskframe demo`)."))
    return (_("No validated assessment for any country yet — include drafts or validate one.") if any_country
            else _("No validated assessment yet — include drafts or validate one."))


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as an analyst wants it in a spreadsheet: tuples joined, hover HTML made plain."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, tuple)).any():
            out[col] = out[col].map(lambda v: ", ".join(v) if isinstance(v, tuple) else v)
    if "top_contributors" in out:
        out["top_contributors"] = out["top_contributors"].map(lambda s: _TAGS.sub("; ", str(s)).strip("; "))
    return out


DOWNLOAD_LABEL = N_("Download data (CSV)")


def download(frame: pd.DataFrame, name: str, key: str, label: str = DOWNLOAD_LABEL) -> None:
    # The CSV is made only when someone clicks (on_click="ignore" defers the callable), not on every run.
    st.download_button(_(label), data=lambda: csv_bytes(csv_frame(frame)), file_name=f"{name}.csv",
                       mime="text/csv", key=key, on_click="ignore", icon=":material/download:")


def chart(fig: go.Figure, data: pd.DataFrame, name: str, key: str, offline_map: bool = False) -> None:
    """Show a figure with its data as CSV underneath."""
    config = {"displaylogo": False, **(OFFLINE_CONFIG if offline_map else {})}
    st.plotly_chart(fig, width="stretch", config=config, key=f"{key}_chart")
    download(data, name, key=f"{key}_csv")


PANEL_EXPORT = ["country", "period", "status", "composite", "band_low", "band_high", "tier", "tier_before_flags",
                "risk_index", "resilience_index", "coverage", "confidence", "red_flags", "composite_delta",
                "tier_prev", "new_red_flags", "top_contributors"]


def export_columns(panel: Panel) -> list[str]:
    return [*PANEL_EXPORT[:12], *panel.drivers, *PANEL_EXPORT[12:]]
