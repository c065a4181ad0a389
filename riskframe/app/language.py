"""The language of an app session: chosen in the sidebar, taken from the account at sign-in, else RISKFRAME_LANGUAGE.

The session keeps one code (`LANG_KEY`); every script run starts by making it the context language
(riskframe.i18n.core.set_language, called once in main.py), so `_()` and the framework text of the
pages follow it. The sidebar switch changes the session only; the account page stores a preference,
which becomes the session language the next time the person signs in.
"""

from __future__ import annotations

import streamlit as st

from riskframe.accounts import Accounts
from riskframe.i18n import DEFAULT_LANGUAGE, _
from riskframe.i18n.core import set_language
from riskframe.settings import Settings
from riskframe.store import Store

LANG_KEY = "ui_lang"  # the session's language (not a widget key, so it survives pages without the switch)
SWITCH_KEY = "ui_lang_switch"
_APPLIED_FOR = "ui_lang_account"  # the signed-in account whose stored preference was applied


def default_language(settings: Settings, languages: dict[str, str]) -> str:
    """RISKFRAME_LANGUAGE when the manifest offers it, else English."""
    return settings.language if settings.language in languages else DEFAULT_LANGUAGE


def session_language(settings: Settings, languages: dict[str, str]) -> str:
    lang = st.session_state.get(LANG_KEY)
    return lang if lang in languages else default_language(settings, languages)


def start_run(settings: Settings, languages: dict[str, str]) -> str:
    """Make the session's language the language of this script run; returns it."""
    lang = session_language(settings, languages)
    st.session_state[LANG_KEY] = lang
    set_language(lang)
    return lang


def adopt_account_preference(store: Store, settings: Settings, username: str | None,
                             languages: dict[str, str]) -> None:
    """Once per sign-in: the account's stored language (if any) becomes the session's."""
    if not username or st.session_state.get(_APPLIED_FOR) == username:
        return
    st.session_state[_APPLIED_FOR] = username
    chosen = Accounts(store, settings).language(username)
    if chosen in languages:
        st.session_state[LANG_KEY] = chosen
        set_language(chosen)


def forget_account() -> None:
    """After sign-out: the next sign-in applies its account's preference again."""
    st.session_state.pop(_APPLIED_FOR, None)


def _switched() -> None:
    st.session_state[LANG_KEY] = st.session_state[SWITCH_KEY]


def language_switch(languages: dict[str, str]) -> None:
    """The sidebar's Language select, each language in its own name, for this session only: its
    callback runs before the next script run, which then starts in the new language."""
    st.session_state[SWITCH_KEY] = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    st.selectbox(_("Language"), list(languages), key=SWITCH_KEY, format_func=lambda c: languages.get(c, c),
                 on_change=_switched,
                 help=_("Language of the interface and of the framework text for this session. Your account "
                        "page keeps a preference for your next sign-in."))
