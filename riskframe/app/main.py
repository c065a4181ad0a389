"""The app's entry: page set-up, the sign-in gate and navigation. `app.py` calls `run()`.

No account yet → the first-run page (create the admin); accounts but nobody signed in → the
sign-in form only; signed in → the pages the account's role sees (riskframe.app.page_access).
While nobody is signed in every known URL shows the gate, so a link to /assess?country=KE opens
the assessment once the person has signed in.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from riskframe.accounts import ROLE_LABELS, Accounts
from riskframe.app import auth, page_access
from riskframe.app.components import plain
from riskframe.app.context import framework_for, store_for
from riskframe.app.errors import guarded
from riskframe.app.pages import admin, assess, dashboards, framework, home, import_export, review, rounds
from riskframe.settings import load_settings

FAVICON = Path(__file__).parent / "static" / "favicon.png"


def _specs() -> list[tuple]:
    return [
        (home.page, "Home", ":material/home:", "home"),
        (assess.page, "Assess", ":material/edit_note:", "assess"),
        (review.page, "Review", ":material/fact_check:", "review"),
        (rounds.page, "Rating rounds", ":material/groups:", "rounds"),
        (dashboards.country_page, "Country dashboard", ":material/monitoring:", "country"),
        (dashboards.comparison_page, "Compare countries", ":material/compare_arrows:", "compare"),
        (dashboards.alerts_page, "Alerts", ":material/notifications:", "alerts"),
        (import_export.page, "Import / Export", ":material/table_view:", "import_export"),
        (framework.page, "Framework", ":material/menu_book:", "framework"),
        (admin.page, "Admin", ":material/admin_panel_settings:", "admin"),
    ]


def pages(role: str = "admin") -> list:
    """The navigation of a role (every page for admin)."""
    return [st.Page(target, title=title, icon=icon, url_path=url, default=url == "home")
            for target, title, icon, url in _specs() if page_access.can_see(role, url)]


def _gate(store, settings) -> None:
    """Every URL while nobody is signed in: first run (no account) or the sign-in form."""
    def gate() -> None:
        if Accounts(store, settings).exist():
            auth.sign_in_page(store, settings)
        else:
            auth.first_run_page(store, settings)

    st.navigation([st.Page(gate, title=title, url_path=url, default=url == "home")
                   for _, title, _, url in _specs()], position="hidden").run()


def _sidebar(store, settings, actor) -> None:
    st.caption("riskframe · atrocity-risk assessments")
    if st.session_state.get(auth.USER_KEY):
        st.caption(f"Signed in as **{plain(actor.username)}** · {ROLE_LABELS.get(actor.role, actor.role)}")
        if st.button("Sign out", icon=":material/logout:", key="sign_out"):
            auth.sign_out(store, settings)
    else:
        st.caption("Sign-in is off: no account exists and RISKFRAME_AUTH=off.")
    languages = framework_for(settings).languages  # code → own name, from the manifest
    st.selectbox("Framework language", list(languages), key="lang", format_func=lambda c: languages.get(c, c),
                 help="Language of the framework text where translations exist.")


def run() -> None:
    # A local favicon: a ":material/…:" page icon is fetched from a CDN, and the app must work offline.
    st.set_page_config(page_title="riskframe", page_icon=str(FAVICON), layout="wide")
    guarded(_run)


def _run() -> None:
    settings = load_settings()
    store = store_for(settings)
    actor = auth.current_actor(store, settings)
    if actor is None:
        _gate(store, settings)
        return
    nav = st.navigation(pages(actor.role))
    with st.sidebar:
        _sidebar(store, settings, actor)
    guarded(nav.run)  # a fault in one page leaves the navigation and the sidebar usable
