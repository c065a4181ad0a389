"""The Accounts tab of the Admin page: the table, a form to add one, and changes to one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from riskframe.accounts import ROLES, Accounts
from riskframe.store import InvalidInput, NotFound, access
from riskframe.store.errors import PermissionDenied

REFUSALS = (InvalidInput, NotFound, PermissionDenied)


def _codes(text: str) -> list[str]:
    return [c for c in (text or "").replace(";", ",").replace(" ", ",").split(",") if c.strip()]


def _stamp(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def render(ctx) -> None:
    accounts = Accounts(ctx.store, ctx.settings)
    if msg := st.session_state.pop("flash_admin", None):
        st.success(msg)
    found = accounts.list(ctx.actor)
    st.dataframe(pd.DataFrame([{
        "username": a.username, "role": a.role,
        "countries": "all" if access.spans_every_country(a.role) else ", ".join(a.countries),
        "e-mail": a.email or "", "active": a.active, "failed sign-ins": a.failed_sign_ins,
        "locked until": _stamp(a.locked_until), "last sign-in": _stamp(a.last_sign_in_at),
    } for a in found]), hide_index=True, width="stretch")
    left, right = st.columns(2, gap="large")
    with left:
        _add(ctx, accounts)
    with right:
        _change(ctx, accounts, found)


def _done(message: str) -> None:
    st.session_state["flash_admin"] = message
    st.rerun()


def _add(ctx, accounts: Accounts) -> None:
    st.subheader("Add an account")
    with st.form("admin_add"):  # kept after a refusal; emptied after a success (below)
        username = st.text_input("Username", key="admin_add_username")
        email = st.text_input("E-mail (optional; matched for single sign-on)", key="admin_add_email")
        role = st.selectbox("Role", list(ROLES), format_func=access.role_label, key="admin_add_role")
        countries = st.text_input("Countries", key="admin_add_countries", placeholder="e.g. KE, UG — or * for all",
                                  help="ISO codes the account works on, separated by commas; not used for admins.")
        password = st.text_input("Password", type="password", key="admin_add_password",
                                 help=f"At least {ctx.settings.password_min_length} characters; "
                                      "give it to the person by a separate channel.")
        repeat = st.text_input("Repeat the password", type="password", key="admin_add_repeat")
        submitted = st.form_submit_button("Add account", type="primary")
    if not submitted:
        return
    if password != repeat:
        st.error("The two passwords differ. Nothing was created.")
        return
    try:
        made = accounts.add(ctx.actor, username, password, role or "", _codes(countries), email or None)
    except REFUSALS as exc:
        st.error(f"Not created: {exc}")
        return
    for key in ("admin_add_username", "admin_add_email", "admin_add_countries", "admin_add_password",
                "admin_add_repeat"):
        st.session_state.pop(key, None)
    _done(f"Account {made.username} ({made.role}) created.")


def _change(ctx, accounts: Accounts, found) -> None:
    st.subheader("Change an account")
    if not found:
        return
    by_name = {a.username: a for a in found}
    name = st.selectbox("Account", list(by_name), key="admin_pick")
    chosen = by_name[name]
    try:
        if chosen.active:
            if st.button("Disable", key=f"admin_disable:{name}", icon=":material/block:",
                         help="The account can no longer sign in; a session in use ends at its next click."):
                accounts.set_active(ctx.actor, name, False)
                _done(f"Account {name} disabled.")
        elif st.button("Enable", key=f"admin_enable:{name}", icon=":material/check_circle:"):
            accounts.set_active(ctx.actor, name, True)
            _done(f"Account {name} enabled.")
    except REFUSALS as exc:
        st.error(str(exc))
    with st.form(f"admin_password:{name}", clear_on_submit=True):
        st.markdown("**Reset the password** (also ends a lockout)")
        password = st.text_input("New password", type="password", key=f"admin_pw:{name}")
        repeat = st.text_input("Repeat the new password", type="password", key=f"admin_pw2:{name}")
        if st.form_submit_button("Reset password"):
            if password != repeat:
                st.error("The two passwords differ. Nothing was changed.")
            else:
                try:
                    accounts.set_password(ctx.actor, name, password)
                except REFUSALS as exc:
                    st.error(f"Not changed: {exc}")
                else:
                    _done(f"Password of {name} reset.")
    with st.form(f"admin_scope:{name}"):
        st.markdown("**Role and countries**")
        role = st.selectbox("Role", list(ROLES), index=ROLES.index(chosen.role), format_func=access.role_label,
                            key=f"admin_role:{name}")
        countries = st.text_input("Countries", value=", ".join(chosen.countries), key=f"admin_countries:{name}")
        email = st.text_input("E-mail", value=chosen.email or "", key=f"admin_email:{name}")
        if st.form_submit_button("Save role and countries"):
            try:
                accounts.update(ctx.actor, name, role=role, countries=_codes(countries), email=email or None)
            except REFUSALS as exc:
                st.error(f"Not changed: {exc}")
            else:
                _done(f"Account {name} updated.")
