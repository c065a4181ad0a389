"""Admin: accounts (add, disable, enable, reset a password, change role and countries) and the
audit log with filters. Only admins see the page; the store refuses everyone else anyway."""

from __future__ import annotations

import streamlit as st

from riskframe.app.context import get_context
from riskframe.app.pages import admin_accounts, admin_audit
from riskframe.i18n import _
from riskframe.store import access


def page() -> None:
    ctx = get_context()
    st.title(_("Admin"))
    if not access.allows(ctx.actor, access.ADMIN):
        st.error(_("Only administrators can manage accounts and read the whole audit log."))
        return
    accounts_tab, audit_tab = st.tabs([_("Accounts"), _("Audit log")])
    with accounts_tab:
        admin_accounts.render(ctx)
    with audit_tab:
        admin_audit.render(ctx)
