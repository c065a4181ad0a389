"""My account: who I am, what I may do, and my language preference (kept for my next sign-in)."""

from __future__ import annotations

import streamlit as st

from riskframe.accounts import Accounts
from riskframe.app import auth, language
from riskframe.app.components import plain
from riskframe.app.context import get_context
from riskframe.i18n import N_, _, format_datetime
from riskframe.store import InvalidInput, NotFound, access
from riskframe.store.errors import PermissionDenied

DEFAULT_CHOICE = ""  # no preference: RISKFRAME_LANGUAGE applies


def page() -> None:
    ctx = get_context()
    st.title(_("My account"))
    if msg := st.session_state.pop("flash_account", None):
        st.success(_(msg))
    languages = ctx.framework.languages
    username = st.session_state.get(auth.USER_KEY)
    if not username:
        st.info(_("Sign-in is off, so there is no account to keep a preference: the language chosen in the "
                  "sidebar applies to this session."))
        return
    accounts = Accounts(ctx.store, ctx.settings)
    mine = accounts.get(ctx.actor, username)
    countries = _("all countries") if access.spans_every_country(mine.role) else ", ".join(mine.countries)
    st.markdown(_("**{user}** · {role} · {countries}").format(user=plain(mine.username),
                                                             role=_(access.role_label(mine.role)),
                                                             countries=plain(countries)))
    if mine.last_sign_in_at:
        st.caption(_("Last sign-in: {when}").format(when=format_datetime(mine.last_sign_in_at)))

    st.subheader(_("Language"))
    default = languages.get(language.default_language(ctx.settings, languages), "")
    options = [DEFAULT_CHOICE, *languages]
    current = mine.language if mine.language in languages else DEFAULT_CHOICE
    with st.form("account_language"):
        choice = st.selectbox(
            _("Preferred language"), options, index=options.index(current), key="account_language_choice",
            format_func=lambda c: languages.get(c, c) if c else _("Default of this installation ({name})").format(
                name=default),
            help=_("Used for the interface and the framework text each time you sign in; the sidebar switch "
                   "changes it for one session only."))
        saved = st.form_submit_button(_("Save language"), type="primary")
    if not saved:
        return
    try:
        accounts.set_language(ctx.actor, username, choice or None, languages)
    except (InvalidInput, NotFound, PermissionDenied) as exc:
        st.error(_("Not saved: {reason}").format(reason=plain(str(exc))))
        return
    st.session_state[language.LANG_KEY] = choice or language.default_language(ctx.settings, languages)
    st.session_state["flash_account"] = N_("Language preference saved.")  # shown in the new language
    st.rerun()
