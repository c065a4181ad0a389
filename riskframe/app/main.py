"""The app's entry: page set-up, the language of the run, the sign-in gate and navigation. `app.py` calls `run()`.

No account yet → the first-run page (create the admin); accounts but nobody signed in → the
sign-in form only; signed in → the pages the account's role sees (riskframe.app.page_access).
While nobody is signed in every known URL shows the gate, so a link to /assess?country=KE opens
the assessment once the person has signed in. Every run starts in the session's language
(riskframe.app.language): page titles, labels and framework text follow it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from riskframe.accounts import Accounts
from riskframe.app import auth, language, page_access
from riskframe.app.components import plain
from riskframe.app.context import framework_for, store_for
from riskframe.app.errors import guarded
from riskframe.i18n import N_, _
from riskframe.settings import Settings, load_settings
from riskframe.store import access

FAVICON = Path(__file__).parent / "static" / "favicon.png"


def _lazy(module: str, function: str = "page") -> Callable[[], None]:
    """A page target that imports its module when the page is first shown: a process starts
    without the reports (matplotlib, reportlab), Excel and chart libraries until someone needs them
    (issue 18: the first page after a restart). Streamlit names a page by its url_path, not its function."""
    def target() -> None:
        getattr(importlib.import_module(f"riskframe.app.pages.{module}"), function)()

    target.__name__ = target.__qualname__ = f"{module}_{function}"
    return target


def _specs() -> list[tuple]:
    return [
        (_lazy("home"), N_("Home"), ":material/home:", "home"),
        (_lazy("assess"), N_("Assess"), ":material/edit_note:", "assess"),
        (_lazy("review"), N_("Review"), ":material/fact_check:", "review"),
        (_lazy("rounds"), N_("Rating rounds"), ":material/groups:", "rounds"),
        (_lazy("dash_country"), N_("Country dashboard"), ":material/monitoring:", "country"),
        (_lazy("dash_compare"), N_("Compare countries"), ":material/compare_arrows:", "compare"),
        (_lazy("dash_alerts"), N_("Alerts"), ":material/notifications:", "alerts"),
        (_lazy("import_export"), N_("Import / Export"), ":material/table_view:", "import_export"),
        (_lazy("reports"), N_("Reports"), ":material/picture_as_pdf:", "reports"),
        (_lazy("framework"), N_("Framework"), ":material/menu_book:", "framework"),
        (_lazy("account"), N_("My account"), ":material/person:", "account"),
        (_lazy("admin"), N_("Admin"), ":material/admin_panel_settings:", "admin"),
    ]


def pages(role: str = "admin") -> list:
    """The navigation of a role (every page for admin), titled in the current language."""
    return [st.Page(target, title=_(title), icon=icon, url_path=url, default=url == "home")
            for target, title, icon, url in _specs() if page_access.can_see(role, url)]


def _gate(store, settings) -> None:
    """Every URL while nobody is signed in: first run (no account) or the sign-in form."""
    def gate() -> None:
        if Accounts(store, settings).exist():
            auth.sign_in_page(store, settings)
        else:
            auth.first_run_page(store, settings)

    st.navigation([st.Page(gate, title=_(title), url_path=url, default=url == "home")
                   for _target, title, _icon, url in _specs()], position="hidden").run()


def _sidebar(store, settings, actor) -> None:
    st.caption(_("riskframe · atrocity-risk assessments"))
    if st.session_state.get(auth.USER_KEY):
        st.caption(_("Signed in as **{user}** · {role}").format(user=plain(actor.username),
                                                                 role=_(access.role_label(actor.role))))
        if st.button(_("Sign out"), icon=":material/logout:", key="sign_out"):
            auth.sign_out(store, settings)
    else:
        st.caption(_("Sign-in is off: no account exists and RISKFRAME_AUTH=off."))
    language.language_switch(framework_for(settings).languages)


def run() -> None:
    # A local favicon: a ":material/…:" page icon is fetched from a CDN, and the app must work offline.
    st.set_page_config(page_title="riskframe", page_icon=str(FAVICON), layout="wide")
    guarded(_run)


def start_language(settings: Settings | None = None) -> dict[str, str]:
    """Start this run in the session's language (the one place it is set); the languages offered."""
    settings = settings or load_settings()
    languages = framework_for(settings).languages
    language.start_run(settings, languages)
    return languages


def _run() -> None:
    settings = load_settings()
    languages = start_language(settings)
    store = store_for(settings)
    actor = auth.current_actor(store, settings)
    if actor is None:
        language.forget_account()
        with st.sidebar:
            language.language_switch(languages)
        _gate(store, settings)
        return
    language.adopt_account_preference(store, settings, st.session_state.get(auth.USER_KEY), languages)
    nav = st.navigation(pages(actor.role))
    with st.sidebar:
        _sidebar(store, settings, actor)
    guarded(nav.run)  # a fault in one page leaves the navigation and the sidebar usable
