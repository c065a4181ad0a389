"""What every page needs: the store, the framework, the settings and the acting user.

Heavy objects are cached per process with st.cache_resource, keyed by configuration, so tests
with different databases never share a store.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from riskframe.framework import Framework, load_framework
from riskframe.settings import Settings, load_settings
from riskframe.store import Actor, Store, open_store


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    store: Store
    framework: Framework
    actor: Actor
    lang: str = "en"


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    store = open_store(url)
    store.upgrade()
    return store


@st.cache_resource(show_spinner=False)
def _framework(path: str) -> Framework:
    return load_framework(path)


def local_actor(settings: Settings) -> Actor:
    """Until accounts are configured the app acts as one local user with every country."""
    return Actor(username=settings.actor or "local", role="admin")


def get_context() -> AppContext:
    settings = load_settings()
    actor = st.session_state.get("actor") or local_actor(settings)
    return AppContext(
        settings=settings,
        store=_store(settings.resolved_database_url()),
        framework=_framework(str(settings.indicators_dir)),
        actor=actor,
        lang=st.session_state.get("lang", "en"),
    )
