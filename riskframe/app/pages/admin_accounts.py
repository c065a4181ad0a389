"""The Accounts tab of the Admin page: the table, a form to add one, and changes to one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from riskframe.accounts import ROLES, Accounts
from riskframe.i18n import _, format_datetime
from riskframe.store import InvalidInput, NotFound, access
from riskframe.store.errors import PermissionDenied

REFUSALS = (InvalidInput, NotFound, PermissionDenied)


def _codes(text: str) -> list[str]:
    return [c for c in (text or "").replace(";", ",").replace(" ", ",").split(",") if c.strip()]


def _stamp(value) -> str:
    return format_datetime(value, "short") if value else ""


def render(ctx) -> None:
    accounts = Accounts(ctx.store, ctx.settings)
    if msg := st.session_state.pop("flash_admin", None):
        st.success(msg)
    found = accounts.list(ctx.actor)
    st.dataframe(pd.DataFrame([{
        _("username"): a.username, _("role"): _(access.role_label(a.role)),
        _("countries"): _("all") if access.spans_every_country(a.role) else ", ".join(a.countries),
        _("e-mail"): a.email or "", _("active"): a.active, _("failed sign-ins"): a.failed_sign_ins,
        _("locked until"): _stamp(a.locked_until), _("last sign-in"): _stamp(a.last_sign_in_at),
    } for a in found]), hide_index=True, width="stretch")
    left, right = st.columns(2, gap="large")
    with left:
        _add(ctx, accounts)
    with right:
        _change(ctx, accounts, found)


def _role(code: str) -> str:
    return _(access.role_label(code))


def _done(message: str) -> None:
    st.session_state["flash_admin"] = message
    st.rerun()


def _add(ctx, accounts: Accounts) -> None:
    st.subheader(_("Add an account"))
    with st.form("admin_add"):  # kept after a refusal; emptied after a success (below)
        username = st.text_input(_("Username"), key="admin_add_username")
        email = st.text_input(_("E-mail (optional; matched for single sign-on)"), key="admin_add_email")
        role = st.selectbox(_("Role"), list(ROLES), format_func=_role, key="admin_add_role")
        countries = st.text_input(_("Countries"), key="admin_add_countries",
                                  placeholder=_("e.g. KE, UG — or * for all"),
                                  help=_("ISO codes the account works on, separated by commas; not used for "
                                         "admins."))
        password = st.text_input(_("Password"), type="password", key="admin_add_password",
                                 help=_("At least {n} characters; give it to the person by a separate "
                                        "channel.").format(n=ctx.settings.password_min_length))
        repeat = st.text_input(_("Repeat the password"), type="password", key="admin_add_repeat")
        submitted = st.form_submit_button(_("Add account"), type="primary")
    if not submitted:
        return
    if password != repeat:
        st.error(_("The two passwords differ. Nothing was created."))
        return
    try:
        made = accounts.add(ctx.actor, username, password, role or "", _codes(countries), email or None)
    except REFUSALS as exc:
        st.error(_("Not created: {reason}").format(reason=exc))
        return
    for key in ("admin_add_username", "admin_add_email", "admin_add_countries", "admin_add_password",
                "admin_add_repeat"):
        st.session_state.pop(key, None)
    _done(_("Account {user} ({role}) created.").format(user=made.username, role=made.role))


def _change(ctx, accounts: Accounts, found) -> None:
    st.subheader(_("Change an account"))
    if not found:
        return
    by_name = {a.username: a for a in found}
    name = st.selectbox(_("Account"), list(by_name), key="admin_pick")
    chosen = by_name[name]
    try:
        if chosen.active:
            if st.button(_("Disable"), key=f"admin_disable:{name}", icon=":material/block:",
                         help=_("The account can no longer sign in; a session in use ends at its next click.")):
                accounts.set_active(ctx.actor, name, False)
                _done(_("Account {user} disabled.").format(user=name))
        elif st.button(_("Enable"), key=f"admin_enable:{name}", icon=":material/check_circle:"):
            accounts.set_active(ctx.actor, name, True)
            _done(_("Account {user} enabled.").format(user=name))
    except REFUSALS as exc:
        st.error(str(exc))
    with st.form(f"admin_password:{name}", clear_on_submit=True):
        st.markdown(_("**Reset the password** (also ends a lockout)"))
        password = st.text_input(_("New password"), type="password", key=f"admin_pw:{name}")
        repeat = st.text_input(_("Repeat the new password"), type="password", key=f"admin_pw2:{name}")
        if st.form_submit_button(_("Reset password")):
            if password != repeat:
                st.error(_("The two passwords differ. Nothing was changed."))
            else:
                try:
                    accounts.set_password(ctx.actor, name, password)
                except REFUSALS as exc:
                    st.error(_("Not changed: {reason}").format(reason=exc))
                else:
                    _done(_("Password of {user} reset.").format(user=name))
    with st.form(f"admin_scope:{name}"):
        st.markdown("**" + _("Role and countries") + "**")
        role = st.selectbox(_("Role"), list(ROLES), index=ROLES.index(chosen.role), format_func=_role,
                            key=f"admin_role:{name}")
        countries = st.text_input(_("Countries"), value=", ".join(chosen.countries), key=f"admin_countries:{name}")
        email = st.text_input(_("E-mail"), value=chosen.email or "", key=f"admin_email:{name}")
        if st.form_submit_button(_("Save role and countries")):
            try:
                accounts.update(ctx.actor, name, role=role, countries=_codes(countries), email=email or None)
            except REFUSALS as exc:
                st.error(_("Not changed: {reason}").format(reason=exc))
            else:
                _done(_("Account {user} updated.").format(user=name))
