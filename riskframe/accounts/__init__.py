"""Accounts and country scopes: who may sign in, and as which Actor the store sees them (roles: store.access).

    from riskframe.accounts import Accounts
    accounts = Accounts(store)
    if not accounts.exist():
        accounts.add(Actor.system(), "amina", password, "admin")
    me = accounts.sign_in("amina", password)      # an Actor; SignInFailed otherwise
"""

from riskframe.accounts.schemas import ROLE_LABELS, ROLES, AccountOut, SignInFailed
from riskframe.accounts.service import Accounts

__all__ = ["ROLES", "ROLE_LABELS", "AccountOut", "Accounts", "SignInFailed"]
