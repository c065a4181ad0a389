"""What the dashboard pages share: the cached panel, the drafts toggle, charts with their CSV,
and empty states that say what to do.

The panel is cached with st.cache_data keyed on `store.data_version()`, so a save changes the
key and the next run scores afresh: nothing stale is served, and nothing is scored twice.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from riskframe.analytics import Panel, build_panel, portfolio_alerts, select_statuses, status_note
from riskframe.analytics.robustness import panel_robustness
from riskframe.safety.csv_cells import csv_bytes
from riskframe.app.context import AppContext
from riskframe.charts import OFFLINE_CONFIG, TierScale, tier_scale
from riskframe.store import Actor

DRAFTS_KEY = "dash_include_drafts"
_TAGS = re.compile(r"<[^>]+>")


def _actor_key(actor: Actor) -> str:
    return f"{actor.username}|{actor.role}|{','.join(sorted(actor.countries))}"


@st.cache_data(show_spinner="Scoring assessments…", max_entries=16)
def _panel(url: str, data_version: str, fw_key: str, actor_key: str, include_drafts: bool,
           _store, _fw, _actor) -> Panel:
    statuses = select_statuses(include_drafts)
    return build_panel(_store.entries_frame(_actor, statuses=statuses), _fw, statuses)


@st.cache_data(show_spinner="Checking alerts…", max_entries=16)
def _alerts(url: str, data_version: str, fw_key: str, actor_key: str, include_drafts: bool, lang: str,
            today: str, _store, _fw, _actor) -> pd.DataFrame:
    statuses = select_statuses(include_drafts)
    entries = _store.entries_frame(_actor, statuses=statuses)  # indicator-level rules need the entries
    return portfolio_alerts(build_panel(entries, _fw, statuses), _fw, dt.date.fromisoformat(today), lang,
                            entries=entries)


@st.cache_data(show_spinner="Testing how robust the tiers are…", max_entries=8)
def _robustness(url: str, data_version: str, fw_key: str, actor_key: str, include_drafts: bool, period: str,
                _store, _fw, _actor) -> pd.DataFrame:
    statuses = select_statuses(include_drafts)
    entries = _store.entries_frame(_actor, statuses=statuses)
    return panel_robustness(entries, _fw, build_panel(entries, _fw, statuses), period)


def load_robustness(ctx: AppContext, include_drafts: bool, period: str) -> pd.DataFrame:
    """Tier probabilities, robustness and rank bands of the period's assessments shown (cached on the
    data version and the period)."""
    return _robustness(ctx.store.url, ctx.store.data_version(), fw_key(ctx), _actor_key(ctx.actor), include_drafts,
                       str(period), ctx.store, ctx.framework, ctx.actor)


def load_alerts(ctx: AppContext, include_drafts: bool, today: dt.date) -> pd.DataFrame:
    """Portfolio alerts, indicator-level ones included (cached on the data version)."""
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
    return _panel(ctx.store.url, ctx.store.data_version(), fw_key(ctx), _actor_key(ctx.actor), include_drafts,
                  ctx.store, ctx.framework, ctx.actor)


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
    version = f"method {method.version}, " if method is not None else ""
    st.caption(f"Scored with riskframe's {version}framework {fw.id} {fw.version}; assessments entered under an "
               "earlier framework version are rescored with it (see Methodology).")


def drafts_toggle() -> bool:
    """Validated only by default; the toggle adds submitted, returned and draft assessments."""
    include = st.toggle("Include drafts (submitted, returned, draft)", key=DRAFTS_KEY,
                        help="Off: only validated assessments. On: every assessment; unvalidated numbers may change.")
    st.caption(status_note(select_statuses(include)))
    return include


def empty_hint(include_drafts: bool, what: str = "assessment") -> str:
    if include_drafts:
        return f"No {what} yet — start one on the Assess page, or load the demo data (`riskframe demo`)."
    return f"No validated {what} yet — include drafts or validate one."


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as an analyst wants it in a spreadsheet: tuples joined, hover HTML made plain."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, tuple)).any():
            out[col] = out[col].map(lambda v: ", ".join(v) if isinstance(v, tuple) else v)
    if "top_contributors" in out:
        out["top_contributors"] = out["top_contributors"].map(lambda s: _TAGS.sub("; ", str(s)).strip("; "))
    return out


def download(frame: pd.DataFrame, name: str, key: str, label: str = "Download data (CSV)") -> None:
    data = csv_frame(frame)
    st.download_button(label, data=lambda: csv_bytes(data), file_name=f"{name}.csv",
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
