"""Dashboard figures built once per data version, language and selection, then handed to Streamlit ready.

Profiling the dashboards (issue 18) showed the time of a rerun going into plotly, not into the
data: every property of a figure is validated as it is built (the comparison page spent seconds per
rerun on it), and st.plotly_chart deep-copies each figure into a dict before serialising it. Here a
figure is built only on a cache miss, turned into its plotly dict once, and wrapped so that
st.plotly_chart takes that dict as it is. The key holds everything the figure depends on: the
database and its data version (any save changes it), the framework, the account, the drafts
toggle, the language of its labels and the page's selection.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import plotly.graph_objects as go
import streamlit as st

from riskframe.app.context import AppContext

Key = tuple[Hashable, ...]


class ReadyFigure(go.Figure):
    """A figure whose plotly dict is already made: `to_dict` returns it without a copy. Shared
    between sessions, so nothing may change it (st.plotly_chart only reads it)."""

    def __init__(self, spec: dict) -> None:
        super().__init__()
        self._ready_spec = spec

    def to_dict(self) -> dict:
        return self._ready_spec


@st.cache_resource(show_spinner=False, max_entries=256)
def _ready(key: Key, _build: Callable[[], go.Figure]) -> ReadyFigure:
    return ReadyFigure(_build().to_dict())


def scope(ctx: AppContext, include_drafts: bool, *parts: Hashable) -> Key:
    """What every figure of one page run depends on (the data version is read once per run)."""
    actor = ctx.actor
    fw = ctx.framework
    return (ctx.store.url, ctx.store.data_version(), f"{fw.id}|{fw.version}|{fw.root}",
            f"{actor.username}|{actor.role}|{','.join(sorted(actor.countries))}", bool(include_drafts), ctx.lang,
            *parts)


def figure(key: Key, build: Callable[[], go.Figure]) -> go.Figure:
    """The figure of `key`, built by `build()` only when no session has built it yet."""
    return _ready(key, build)
