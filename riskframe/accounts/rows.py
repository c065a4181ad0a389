"""Finding an account row and turning it into an AccountOut (which never carries the hash)."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from riskframe.accounts.schemas import AccountOut
from riskframe.store import models as m


def find_row(session: Session, name: str, *, lock: bool = False) -> m.Account | None:
    """The account whose username or e-mail is `name` (case-insensitive); `lock` for an update."""
    key = str(name or "").strip().lower()
    query = select(m.Account).where(or_(m.Account.username == key, m.Account.email == key))
    return session.scalar(query.with_for_update() if lock else query)


def out(row: m.Account) -> AccountOut:
    return AccountOut(username=row.username, email=row.email, role=row.role, countries=list(row.countries or []),
                      active=row.active, failed_sign_ins=row.failed_sign_ins, locked_until=row.locked_until,
                      has_password=bool(row.password_hash), created_by=row.created_by, created_at=row.created_at,
                      updated_at=row.updated_at, password_changed_at=row.password_changed_at,
                      last_sign_in_at=row.last_sign_in_at)
