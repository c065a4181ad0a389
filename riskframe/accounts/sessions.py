"""A sign-in that survives a browser reload: a signed, expiring session token in an HttpOnly cookie.

The cookie holds the session token signed with itsdangerous (a secret kept in the data directory,
mode 0600, made on first use) and stamped with its time, so a cookie older than COOKIE_HOURS is
refused whatever the database says. The database (riskframe.store.sessions) decides the rest: a
cookie is honoured only while its session has not ended (sign-out, timeout, disabled account) and
was active within `session_timeout_minutes`. The token never passes through the page: the page
only carries a one-time ticket that the server's cookie route exchanges for the cookie.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

from itsdangerous import BadData, URLSafeTimedSerializer

from riskframe.settings import Settings
from riskframe.store import Store

COOKIE = "riskframe_session"
COOKIE_HOURS = 12  # the longest a reload can keep someone signed in, however active
SECRET_FILE = "session_secret"


def secret_of(data_dir: Path) -> str:
    """The signing secret in `data_dir`, made (random, mode 0600) when missing."""
    path = Path(data_dir) / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


class CookieSessions:
    """Open, hand over, resume and end app sessions of one Store."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    @property
    def _signer(self) -> URLSafeTimedSerializer:
        """Made when a cookie is signed or read (the secret file is only touched then)."""
        return URLSafeTimedSerializer(secret_of(self.settings.data_dir), salt="riskframe-session")

    def open(self, username: str) -> tuple[int, str]:
        """A new session: (id, one-time ticket the page hands to the cookie route)."""
        return self.store.open_app_session(username)

    def cookie_for(self, ticket: str) -> str | None:
        """The signed cookie value for a valid ticket (once), else None."""
        token = self.store.redeem_ticket(ticket) if isinstance(ticket, str) and ticket else None
        return None if token is None else str(self._signer.dumps(token))

    def resume(self, cookie: str | None) -> tuple[int, str] | None:
        """(session id, username) for a cookie still honoured, else None."""
        if not cookie:
            return None
        try:
            token = self._signer.loads(cookie, max_age=COOKIE_HOURS * 3600)
        except BadData:
            return None
        idle = dt.timedelta(minutes=self.settings.session_timeout_minutes)
        return self.store.resume_app_session(str(token), idle)

    def touch(self, session_id: int) -> None:
        self.store.touch_app_session(session_id)

    def end(self, session_id: int, why: str) -> None:
        self.store.end_app_session(session_id, why)
