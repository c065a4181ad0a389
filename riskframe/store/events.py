"""Audit rows that stand on their own: refusals, sign-ins, exports and imports.

Each is written in its own short transaction, so a refusal is recorded even though the work it
refused was rolled back, and reading or exporting (which write nothing) still leaves a trace.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from riskframe.store import models as m
from riskframe.store.engine import Database
from riskframe.store.errors import PermissionDenied, StoreError

log = logging.getLogger(__name__)
DENIED = "access.denied"


def add(session: Session, actor: str, now: dt.datetime, action: str, detail: dict[str, Any] | None = None,
        assessment_id: int | None = None) -> None:
    """Append one audit row (who, what, when) in the caller's transaction."""
    session.execute(insert(m.AuditLog), [{
        "at": now, "actor": (actor or "?")[:200], "action": action[:60], "assessment_id": assessment_id,
        "revision": None, "field": None, "old_value": None, "new_value": None, "detail": detail,
    }])


def record(db: Database, actor: str, now: dt.datetime, action: str, detail: dict[str, Any] | None = None,
           assessment_id: int | None = None) -> None:
    """Append one audit row in its own transaction."""
    with db.write() as session:
        add(session, actor, now, action, detail, assessment_id)


def record_denial(db: Database, now: dt.datetime, exc: PermissionDenied) -> None:
    """Audit a refusal; a failure to write it is logged, never raised over the refusal itself."""
    detail = {"action": exc.action, "role": exc.role, "country": exc.country, "what": exc.what}
    try:
        record(db, exc.actor, now, DENIED, {k: v for k, v in detail.items() if v is not None})
    except (SQLAlchemyError, StoreError) as err:  # pragma: no cover - e.g. a read-only database
        log.warning("could not audit a refusal for %s: %s", exc.actor, err)
