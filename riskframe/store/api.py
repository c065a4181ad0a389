"""The Store: the one object the app and the CLI call. Every method takes the acting user first
and routes through `_read`/`_write`, where access checks (riskframe.store.access) and transaction
retries live."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.domain import EntryIn
from riskframe.settings import Settings
from riskframe.store import access, bulk_views, derived, events, mapping, views, workflow
from riskframe.store import models as m
from riskframe.store.accounts import AccountRecords
from riskframe.store.actor import Actor
from riskframe.store.backup_api import BackupMixin
from riskframe.store.bulk import BulkMixin
from riskframe.store.comments import CommentsMixin
from riskframe.store.derived import DerivedMixin
from riskframe.store.drafts import DraftsMixin
from riskframe.store.errors import InvalidInput, PermissionDenied, StoreError
from riskframe.store.engine import Database
from riskframe.store.history import HistoryMixin
from riskframe.store.fields import CONSULTATIONS, ENTRIES, MEASURES, VULNERABLE_GROUPS, Collection
from riskframe.store.revisions import Ctx, HeadMoved
from riskframe.store.saving import entry_rows, normalize_entries, normalize_items, save, save_all
from riskframe.store.sessions import SessionsMixin
from riskframe.store.schemas import (
    AssessmentOut,
    AssessmentView,
    CountryOut,
    RevisionOut,
    SaveResult,
)

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")
_ATTEMPTS = 60  # a lost compare-and-set re-merges at field level, so retrying is safe and cheap
_BACKOFF_S = (0.002, 0.25)  # first and largest pause between attempts (full jitter)


def _backoff(attempt: int) -> None:
    """Sleep a random part of an exponentially growing pause, so colliding writers spread out."""
    first, cap = _BACKOFF_S
    time.sleep(random.uniform(0, min(cap, first * 2 ** min(attempt, 16))))


class Store(AccountRecords, CommentsMixin, DraftsMixin, SessionsMixin, BackupMixin, DerivedMixin,
            BulkMixin, HistoryMixin):
    """Assessments, their versioned content, workflow, diffs, audit and backups, on one database.

    Accounts: riskframe.store.accounts; review comments: riskframe.store.comments; backup and restore:
    riskframe.store.backup_api."""

    def __init__(self, url: str, *, mappings_dir: str | Path | None = None,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.db = Database(url)
        self.url = url
        self._mappings_dir = Path(mappings_dir) if mappings_dir else None
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._before_cas: Callable[[], None] | None = None  # test hook, see revisions.Ctx
        self.write_retries = 0  # transactions re-run after a lost race (measured by bench W5)

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------------
    def now(self) -> dt.datetime:
        return self._clock()

    def authorize(self, actor: Actor, action: str, country: str | None = None, what: str | None = None) -> None:
        """access.check, with a refusal written to the audit log (for callers outside the store too)."""
        try:
            access.check(actor, action, country, what)
        except PermissionDenied as exc:
            events.record_denial(self.db, self._clock(), exc)
            raise

    def record_event(self, actor: Actor, action: str, detail: dict[str, Any] | None = None,
                     assessment_id: int | None = None) -> None:
        """Audit something that writes no assessment (an export, an import, a sign-in): who, what, when."""
        access.check(actor, access.READ)
        events.record(self.db, actor.username, self._clock(), action, detail, assessment_id)

    @contextmanager
    def _read(self, actor: Actor) -> Iterator[Session]:
        try:
            access.check(actor, access.READ)
            with self.db.read() as session:
                yield session
        except PermissionDenied as exc:  # raised by a scope check inside the block
            events.record_denial(self.db, self._clock(), exc)
            raise

    def _write(self, actor: Actor, work: Callable[[Session, Ctx], T]) -> T:
        """Run `work` in a write transaction, retrying when the head moved; refusals are audited."""
        try:
            return self._write_once(actor, work)
        except PermissionDenied as exc:  # the work was rolled back; the refusal is kept
            events.record_denial(self.db, self._clock(), exc)
            raise

    def _write_once(self, actor: Actor, work: Callable[[Session, Ctx], T]) -> T:
        access.check(actor, access.CHANGE)
        for attempt in range(_ATTEMPTS):
            if attempt:
                self.write_retries += 1
                _backoff(attempt)
            ctx = Ctx(actor=actor, now=self._clock(), before_cas=self._before_cas)
            try:
                with self.db.write() as session:
                    result = work(session, ctx)
                    derived.after_write(session, ctx, self._derive_with)  # in the same transaction
                    return result
            except HeadMoved:
                continue
            except OperationalError as exc:  # PostgreSQL deadlock / serialization failure: retry
                # A connection that died since its last use (see engine._ping_when_idle) is replaced by
                # the pool; the transaction was not committed, or it was and the merge finds nothing new.
                dropped = exc.connection_invalidated and attempt == 0
                if not (dropped or str(getattr(exc.orig, "sqlstate", "") or "").startswith("40")) \
                        or attempt == _ATTEMPTS - 1:
                    raise
            except IntegrityError as exc:  # e.g. two first uses of one period at once
                if attempt >= 1:
                    raise StoreError(_("the change clashes with one saved at the same moment (for example the same "
                                        "country and period created twice); reload and try again")) from exc
        raise StoreError(_("gave up after {ATTEMPTS} attempts: the assessment kept changing; try again").format(
            ATTEMPTS=_ATTEMPTS))

    # -- schema -----------------------------------------------------------------------------
    def upgrade(self) -> str:
        """Create or upgrade the schema to the latest migration (idempotent); returns its revision."""
        from riskframe.store import migrate  # alembic is only needed here and for backups

        return migrate.upgrade(self.db)

    def schema_revision(self) -> str | None:
        from riskframe.store import migrate

        return migrate.current_revision(self.db)

    # -- countries --------------------------------------------------------------------------
    def ensure_country(self, actor: Actor, code: str, name: str | None = None) -> CountryOut:
        def work(session: Session, ctx: Ctx) -> CountryOut:
            access.check(ctx.actor, access.WRITE, workflow.parse_country(code).code)
            row = workflow.ensure_country_row(session, ctx, code, name)
            return CountryOut(code=row.code, name=row.name, user_assigned=row.user_assigned)
        return self._write(actor, work)

    def list_countries(self, actor: Actor) -> list[CountryOut]:
        visible = access.visible_countries(actor)
        with self._read(actor) as session:
            rows = session.scalars(select(m.Country).order_by(m.Country.code))
            return [CountryOut(code=r.code, name=r.name, user_assigned=r.user_assigned)
                    for r in rows if visible is None or r.code in visible]

    # -- assessments ------------------------------------------------------------------------
    def create_assessment(self, actor: Actor, country: str, period: str, framework_id: str,
                          framework_version: str, *, entries: Mapping[str, EntryIn | dict[str, Any]] | None = None,
                          indicator_ids: Any = None, note: str | None = None,
                          lists: Mapping[str, Any] | None = None) -> AssessmentOut:
        """A new draft (and the country's row on first use). With `entries` (and `lists`: collection name
        -> items, as save_import takes), its first content is saved in the same transaction as an import
        revision: all of it is written, or none of it."""
        rows = entry_rows(normalize_entries(entries, indicator_ids)) if entries else None
        items = _list_payloads(lists)

        def work(session: Session, ctx: Ctx) -> AssessmentOut:
            a = workflow.create(session, ctx, country, period, framework_id, framework_version)
            if rows or items:
                save_all(session, ctx, a.id, 1, ([(ENTRIES, rows)] if rows else []) + items, kind="import",
                         note=note)
            return views.get_out(session, a.id)
        return self._write(actor, work)

    def find_assessment(self, actor: Actor, country: str, period: str) -> AssessmentOut | None:
        found = self.list_assessments(actor, country=country, period=period)
        return found[0] if found else None

    def list_assessments(self, actor: Actor, country: str | None = None, period: str | None = None,
                         status: str | None = None) -> list[AssessmentOut]:
        query = views.header_query()
        if country is not None:
            query = query.where(m.Assessment.country_code == workflow.parse_country(country).code)
        if period is not None:
            query = query.where(m.Period.label == workflow.parse_period(period).label)
        if status is not None:
            query = query.where(m.Assessment.status == workflow.parse_status(status).value)
        visible = access.visible_countries(actor)
        if visible is not None:
            query = query.where(m.Assessment.country_code.in_(visible))
        query = query.order_by(m.Assessment.country_code, m.Period.start, m.Period.end, m.Assessment.id)
        with self._read(actor) as session:
            return [views.assessment_out(*row) for row in session.execute(query)]

    def get_assessment(self, actor: Actor, assessment_id: int, as_of_revision: int | None = None,
                       as_of: dt.datetime | None = None) -> AssessmentView:
        """The assessment at its head, as of a revision number, or as of a date-time."""
        if as_of_revision is not None and as_of is not None:
            raise InvalidInput("as_of", as_of, _("give either as_of_revision or as_of, not both"))
        if as_of is not None and not isinstance(as_of, dt.datetime):
            raise InvalidInput("as_of", as_of, _("must be a datetime"))
        with self._read(actor) as session:
            header = views.load_assessment(session, assessment_id)
            access.check(actor, access.READ, header.country_code, f"assessment {header.id}")
            return views.view(session, header.id, as_of_revision, as_of)

    def get_assessments(self, actor: Actor, assessment_ids: list[int]) -> list[AssessmentView]:
        """get_assessment at the head for each id, in one read (store.bulk_views)."""
        with self._read(actor) as session:
            return bulk_views.assessment_views(session, actor, assessment_ids)

    def list_revisions(self, actor: Actor, assessment_id: int) -> list[RevisionOut]:
        with self._read(actor) as session:
            access.check(actor, access.READ, views.load_assessment(session, assessment_id).country_code,
                         f"assessment {assessment_id}")
            return views.list_revisions(session, assessment_id)

    # -- saving -----------------------------------------------------------------------------
    def save_entries(self, actor: Actor, assessment_id: int, base_revision: int,
                     entries: Mapping[str, EntryIn | dict[str, Any]], indicator_ids: Any,
                     note: str | None = None, *, kind: Literal["save", "import"] = "save") -> SaveResult:
        """Save some indicators (each EntryIn is that indicator's full value) from `base_revision`.

        Indicators not given are untouched. Raises ConflictError when a field you change was
        changed by someone else since `base_revision`; identical values write no revision.
        """
        views.check_id(assessment_id)
        rows = entry_rows(normalize_entries(entries, indicator_ids))
        return self._write(actor, lambda s, ctx: save(
            s, ctx, ENTRIES, assessment_id, base_revision, rows, kind=kind, note=note))

    def _save_items(self, coll: Collection, actor: Actor, assessment_id: int, base_revision: int,
                    items: Any, note: str | None, replace: bool) -> SaveResult:
        views.check_id(assessment_id)
        models = normalize_items(coll, items)
        return self._write(actor, lambda s, ctx: save(
            s, ctx, coll, assessment_id, base_revision, models, replace=replace, note=note))

    def save_vulnerable_groups(self, actor: Actor, assessment_id: int, base_revision: int, items: Any,
                               note: str | None = None, *, replace: bool = False) -> SaveResult:
        """Create/update the given groups (no key: new; deleted=True: remove). replace=True also
        removes groups you had at base_revision but left out (never ones added since)."""
        return self._save_items(VULNERABLE_GROUPS, actor, assessment_id, base_revision, items, note, replace)

    def save_consultations(self, actor: Actor, assessment_id: int, base_revision: int, items: Any,
                           note: str | None = None, *, replace: bool = False) -> SaveResult:
        return self._save_items(CONSULTATIONS, actor, assessment_id, base_revision, items, note, replace)

    def save_measures(self, actor: Actor, assessment_id: int, base_revision: int, items: Any,
                      note: str | None = None, *, replace: bool = False) -> SaveResult:
        return self._save_items(MEASURES, actor, assessment_id, base_revision, items, note, replace)

    def save_import(self, actor: Actor, assessment_id: int, base_revision: int,
                    entries: Mapping[str, EntryIn | dict[str, Any]] | None, indicator_ids: Any,
                    lists: Mapping[str, Any] | None = None, note: str | None = None) -> SaveResult:
        """Indicators and list items (collection name -> items, as the save_<list> methods take them)
        saved from `base_revision` as ONE import revision, in one transaction: all of it, or none."""
        views.check_id(assessment_id)
        rows = entry_rows(normalize_entries(entries, indicator_ids)) if entries else {}
        payloads = ([(ENTRIES, rows)] if rows else []) + _list_payloads(lists)
        return self._write(actor, lambda s, ctx: save_all(
            s, ctx, assessment_id, base_revision, payloads, kind="import", note=note))

    def revert_to_revision(self, actor: Actor, assessment_id: int, to_revision: int, base_revision: int,
                           note: str | None = None) -> SaveResult:
        """Make an old revision's content current again, as a new revision (kind 'restore')."""
        def work(session: Session, ctx: Ctx) -> SaveResult:
            number, changed = workflow.revert(session, ctx, assessment_id, to_revision, base_revision, note)
            return SaveResult(revision=number, changed_fields=changed)
        return self._write(actor, work)

    # -- workflow ---------------------------------------------------------------------------
    def transition(self, actor: Actor, assessment_id: int, to_status: str, base_revision: int,
                   reason: str | None = None) -> AssessmentOut:
        """draft→submitted→validated|returned; returned→submitted|draft; validated→draft (reason)."""
        def work(session: Session, ctx: Ctx) -> AssessmentOut:
            workflow.transition(session, ctx, assessment_id, to_status, base_revision, reason)
            return views.get_out(session, assessment_id)
        return self._write(actor, work)

    def copy_forward(self, actor: Actor, country: str, period: str, framework_id: str,
                     framework_version: str, *, indicator_ids: Any = None) -> AssessmentOut:
        """Start `period` from the latest validated earlier assessment (entries flagged carried_over).

        When the framework version differs, ids are mapped with indicators/mappings/*.yaml; unmapped
        entries are kept under their old ids and listed in the revision note and the audit log.
        """
        ids = None
        if indicator_ids is not None:
            ids = indicator_ids.indicator_ids() if hasattr(indicator_ids, "indicator_ids") else indicator_ids
            ids = {str(i) for i in ids}

        def mapper(entries: dict[str, Any], old: str, new: str) -> tuple[dict[str, Any], mapping.MappingReport]:
            return mapping.map_entries(entries, old, new, self.mappings(), ids, strict=False)

        def work(session: Session, ctx: Ctx) -> AssessmentOut:
            a = workflow.copy_forward(session, ctx, country, period, framework_id, framework_version, mapper)
            return views.get_out(session, a.id)
        return self._write(actor, work)

    def mappings(self) -> list[mapping.VersionMapping]:
        directory = self._mappings_dir or Settings().indicators_dir / "mappings"
        return mapping.load_mappings(directory)

    # -- bulk reads -------------------------------------------------------------------------
    def entries_frame(self, actor: Actor, statuses: Any = None, assessment_ids: Any = None) -> pd.DataFrame:
        """Every assessment's current entries (or only those of `assessment_ids`), long format, one query
        (see frame.entries_frame)."""
        from riskframe.store import frame  # pandas is heavy; only dashboards need it
        if isinstance(statuses, str):
            statuses = [statuses]
        wanted = None if statuses is None else [workflow.parse_status(s).value for s in statuses]
        visible = access.visible_countries(actor)
        with self._read(actor) as session:
            return frame.entries_frame(session, wanted, visible,
                                       None if assessment_ids is None else [int(i) for i in assessment_ids])

    def data_version(self) -> str:
        """Changes whenever anything is saved: a cheap key for dashboard caches."""
        with self.db.read() as session:
            revs, last_rev = session.execute(select(func.count(), func.max(m.Revision.id))).one()
            countries = session.scalar(select(func.count()).select_from(m.Country))
            last_audit = session.scalar(select(func.max(m.AuditLog.id)))
        return f"{revs}.{last_rev or 0}.{countries}.{last_audit or 0}"


def _list_payloads(lists: Mapping[str, Any] | None) -> list[tuple[Collection, Any]]:
    """Validated list items per collection (new ones get their key), in a fixed order."""
    known = {c.name: c for c in (VULNERABLE_GROUPS, CONSULTATIONS, MEASURES)}
    out: list[tuple[Collection, Any]] = []
    for name, items in (lists or {}).items():
        if name not in known:
            raise InvalidInput("lists", name, f"must be one of {', '.join(known)}")
        if items:
            out.append((known[name], normalize_items(known[name], items)))
    return out


def open_store(url: str | None = None, **kwargs: Any) -> Store:
    """A Store on `url`, or on the configured database (RISKFRAME_DATABASE_URL / data_dir)."""
    return Store(url or Settings().resolved_database_url(), **kwargs)
