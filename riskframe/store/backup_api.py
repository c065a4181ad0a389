"""The Store's backup and restore methods: one consistent snapshot out, all-or-nothing in.

Kept apart from riskframe/store/api.py (one concept per module); the file format is in
riskframe/store/backup.py and the checks a backup passes before restore in backup_check.py.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import access
from riskframe.store.actor import Actor
from riskframe.store.errors import InvalidInput, StoreError
from riskframe.store.revisions import Ctx, add_audit

if TYPE_CHECKING:
    import datetime as dt

    from riskframe.store.engine import Database

T = TypeVar("T")


class BackupMixin:
    """backup() and restore() on the Store."""

    if TYPE_CHECKING:  # provided by Store (riskframe.store.api)
        db: Database
        _clock: Callable[[], dt.datetime]

        def _write(self, actor: Actor, work: Callable[[Session, Ctx], T]) -> T: ...
        def _read(self, actor: Actor) -> AbstractContextManager[Session]: ...
        def authorize(self, actor: Actor, action: str, country: str | None = None,
                      what: str | None = None) -> None: ...

    def backup(self, actor: Actor, path: str | Path) -> dict[str, int]:
        """Write every table to `path` (JSON, .gz to compress) from one consistent snapshot."""
        from riskframe.store import backup as backups, migrate

        self.authorize(actor, access.ADMIN, what="backups")
        path = Path(path)
        with self._read(actor) as session:
            meta = {"schema_revision": migrate.revision_on(session.connection()),
                    "created_at": self._clock().isoformat(), "created_by": actor.username,
                    "source_dialect": self.db.dialect}
            counts = backups.write_backup(session, path, meta)
        self._write(actor, lambda s, ctx: add_audit(s, ctx, "backup", detail={"path": str(path), "rows": counts}))
        return counts

    def restore(self, actor: Actor, path: str | Path) -> dict[str, int]:
        """Load a backup into this empty, upgraded database: all of it or (on any error) nothing."""
        from riskframe.store import backup as backups, migrate

        self.authorize(actor, access.ADMIN, what="restores")
        path = Path(path)
        data = backups.read_backup(path)
        head = migrate.head_revision()
        if data.get("schema_revision") != head:
            raise InvalidInput("path", str(path), _("backup schema {value} differs from this version's schema {head}").format(
                value=data.get('schema_revision'),
                head=head))

        def work(session: Session, ctx: Ctx) -> dict[str, int]:
            current = migrate.revision_on(session.connection())
            if current != head:
                raise StoreError(_("the database schema is {value}; run `riskframe db upgrade` first").format(
                    value=current or 'missing'))
            if not backups.is_empty(session):
                raise InvalidInput("database", self.db.url.render_as_string(hide_password=True),
                                   _("is not empty; restore only into an empty, upgraded database"))
            try:
                counts = backups.load_backup(session, data, not self.db.is_sqlite)
            except (IntegrityError, DataError) as exc:
                raise StoreError(_("backup {path} could not be restored, nothing was written: the database refused "
                                    "a row ({value})").format(path=path,
                                     value=_kind(exc))) from None
            add_audit(session, ctx, "restore", detail={"path": str(path), "rows": counts,
                                                       "backup_created_at": data.get("created_at")})
            return counts
        return self._write(actor, work)


def _kind(exc: Any) -> str:
    """A short, library-free reason for a refused row."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "unique" in text or "duplicate" in text:
        return _("the same key appears twice")
    if "foreign key" in text:
        return _("it refers to a row that is not there")
    if "not null" in text or "null value" in text:
        return _("a required value is empty")
    return _("a value does not fit its column")
