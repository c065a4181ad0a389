"""App sessions in the database: a sign-in that survives a browser reload, and its end.

Signing in opens a session row with a one-time ticket (its SHA-256 and a short expiry). The page
hands the ticket to the server's cookie route, which redeems it: only then is the session token made,
its SHA-256 stored and the token set in an HttpOnly cookie, so the token never passes through the
page. A session is resumed only while it has not ended and its last activity is within the idle
limit; resuming moves its last activity. Nobody is signed in yet when a cookie is presented, so these
take no Actor; sign-in and sign-out themselves are audited by riskframe.accounts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from riskframe.store import models as m

if TYPE_CHECKING:
    from riskframe.store.engine import Database

TICKET_SECONDS = 120


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class SessionsMixin:
    """The Store's session methods."""

    if TYPE_CHECKING:  # provided by Store (riskframe.store.api)
        db: Database

        def now(self) -> dt.datetime: ...

    def open_app_session(self, username: str) -> tuple[int, str]:
        """A new session for `username`: (its id, a one-time ticket for the cookie route)."""
        ticket = secrets.token_urlsafe(32)
        now = self.now()
        with self.db.write() as session:
            row = m.AppSession(username=username, created_at=now, last_seen_at=now, ticket_hash=digest(ticket),
                               ticket_expires_at=now + dt.timedelta(seconds=TICKET_SECONDS))
            session.add(row)
            session.flush()
            return row.id, ticket

    def redeem_ticket(self, ticket: str) -> str | None:
        """Make the token of the live session this unexpired ticket belongs to (once only), else None."""
        now = self.now()
        with self.db.write() as session:
            row = session.scalar(select(m.AppSession).where(m.AppSession.ticket_hash == digest(ticket)))
            if row is None:
                return None
            live = row.ticket_expires_at is not None and row.ticket_expires_at >= now and row.ended_at is None
            row.ticket_hash, row.ticket_expires_at = None, None
            if not live:
                return None
            token = secrets.token_urlsafe(32)
            row.token_hash = digest(token)
            return token

    def resume_app_session(self, token: str, idle: dt.timedelta) -> tuple[int, str] | None:
        """(id, username) of a live session whose last activity is within `idle` (which it moves),
        else None; a session idle for longer is ended here."""
        now = self.now()
        with self.db.write() as session:
            row = session.scalar(select(m.AppSession).where(m.AppSession.token_hash == digest(token)))
            if row is None or row.ended_at is not None:
                return None
            if now - row.last_seen_at > idle:
                row.ended_at, row.ended_why = now, "idle"
                return None
            row.last_seen_at = now
            return row.id, row.username

    def touch_app_session(self, session_id: int) -> None:
        """The session was active now (its idle time starts again)."""
        with self.db.write() as session:
            session.execute(update(m.AppSession).where(m.AppSession.id == session_id, m.AppSession.ended_at.is_(None))
                            .values(last_seen_at=self.now()))

    def end_app_session(self, session_id: int, why: str) -> None:
        """End the session (sign-out, timeout, disabled account); its cookie is worthless from now on."""
        with self.db.write() as session:
            session.execute(update(m.AppSession).where(m.AppSession.id == session_id, m.AppSession.ended_at.is_(None))
                            .values(ended_at=self.now(), ended_why=why[:40]))
