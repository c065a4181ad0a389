"""What every page needs: the store, the framework, the settings and the acting user.

Heavy objects are cached per process with st.cache_resource, keyed by configuration, so tests
with different databases never share a store. The acting user is the signed-in account, read
afresh on every run (riskframe.app.auth); a page run without one stops before showing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from riskframe.app import auth
from riskframe.framework import Framework, load_framework
from riskframe.i18n import current_language
from riskframe.settings import Settings, load_settings
from riskframe.store import Actor, Store, open_store


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    store: Store
    framework: Framework
    actor: Actor
    lang: str = "en"  # the run's language, for framework text (tr, ind.evidence); labels use _()


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    store = open_store(url)
    store.upgrade()
    return store


@st.cache_resource(show_spinner=False)
def _framework(path: str) -> Framework:
    return load_framework(path)


def store_for(settings: Settings) -> Store:
    """The (cached, upgraded) store of the configured database."""
    return _store(settings.resolved_database_url())


def framework_for(settings: Settings) -> Framework:
    """The (cached) framework of the configured indicators directory."""
    return _framework(str(settings.indicators_dir))


def get_context() -> AppContext:
    settings = load_settings()
    store = store_for(settings)
    framework = framework_for(settings)
    store.use_framework(framework)  # saves keep the derived scores the dashboards read up to date
    return AppContext(
        settings=settings,
        store=store,
        framework=framework,
        actor=auth.require_actor(store, settings),
        lang=current_language(),  # set for this run by main.py (riskframe.app.language)
    )
