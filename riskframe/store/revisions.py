"""Append-only versions: the state as of a revision, the three-way merge of a save, and the write.

A save names the revision it started from (its base). Fields the save changes relative to the base
are "touched"; fields someone else changed between base and head are "theirs". Touching a field
that is also theirs (with a different value) is a conflict and nothing is written; everything else
is merged onto the head, so nobody's change is ever overwritten unseen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import (
    ARRAY,
    Integer,
    String,
    Table,
    and_,
    bindparam,
    func,
    insert,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.errors import ConflictError, FieldConflict, InvalidInput
from riskframe.store.fields import Collection, Flat
from riskframe.store.rowwrite import Upsert, insert_rows, is_postgresql

if TYPE_CHECKING:
    from riskframe.store.views import Head  # views imports this module


_BLANK: tuple[Any, ...] = ("", [], None)  # a new item's empty fields are not worth an audit row each


class HeadMoved(Exception):
    """The compare-and-set on the head revision lost a race; the caller retries the transaction."""


@dataclass(frozen=True)
class Version:
    flat: Flat
    revision: int
    author: str
    at: dt.datetime


@dataclass
class Ctx:
    """Who writes and when; one per write transaction."""

    actor: Actor
    now: dt.datetime
    before_cas: Callable[[], None] | None = None  # test hook: runs between the reads and the CAS
    # assessment id -> [(revision, kind), …] written in this transaction (derived scores follow them)
    revised: dict[int, list[tuple[int, str]]] = field(default_factory=dict)

    def not_before(self, previous: dt.datetime | None) -> None:
        """Never stamp a revision earlier than the one it follows (the clock was read before the
        lock was won), so "as of date D" always finds the revision that was current then."""
        if previous is not None and self.now < previous:
            self.now = previous


def state_at(session: Session, coll: Collection, assessment_id: int, revision: int,
             keys: Iterable[str] | None = None) -> dict[str, Version]:
    """The latest version of each row with revision <= `revision` (optionally only `keys`).

    Plain columns, not ORM objects (a save reads these on its hot path). PostgreSQL, given the keys
    (every save): per key, one backward step on the (assessment, key, revision) index (LATERAL …
    LIMIT 1), so the cost does not grow with the history; without keys, DISTINCT ON over that index
    (one ordered scan). The join-to-GROUP-BY form below got a nested-loop generic plan once psycopg
    prepared it (0.7 s at 1,100 versions, quadratic); SQLite plans it well."""
    params: dict[str, Any] = {"aid": assessment_id, "rev": revision}
    if keys is not None:
        params["keys"] = list(keys)
        if not params["keys"]:
            return {}
    query = _state_query(coll, is_postgresql(session), keys is not None)
    key_attr = coll.key_attr
    return {
        getattr(row, key_attr): Version(coll.from_row(row), row.revision, row.author, row.at)
        for row in session.connection().execute(query, params)
    }


_STATE: dict[tuple[str, bool, bool], Any] = {}


def _state_query(coll: Collection, postgresql: bool, by_key: bool) -> Any:
    """state_at's statement, built once per collection and shape (SQLAlchemy then keeps its cache key
    and compiled form; psycopg prepares it): parameters `aid`, `rev` and, by key, `keys`."""
    found = _STATE.get((coll.name, postgresql, by_key))
    if found is not None:
        return found
    model, key = coll.model, coll.key_column
    columns = _version_columns(coll)
    aid, rev = bindparam("aid", type_=Integer), bindparam("rev", type_=Integer)
    query: Any
    if postgresql and by_key:
        wanted = func.unnest(bindparam("keys", type_=ARRAY(String))).table_valued("k").render_derived("wanted")
        latest = (select(*columns)
                  .where(model.assessment_id == aid, key == wanted.c.k, model.revision <= rev)
                  .order_by(model.revision.desc()).limit(1).lateral("v"))
        query = select(latest).select_from(wanted).join(latest, true())
    elif postgresql:
        query = (select(*columns).where(model.assessment_id == aid, model.revision <= rev)
                 .ext(distinct_on(key)).order_by(key, model.revision.desc()))
    else:
        latest_q = select(key.label("k"), func.max(model.revision).label("r")).where(
            model.assessment_id == aid, model.revision <= rev
        )
        if by_key:
            latest_q = latest_q.where(key.in_(bindparam("keys", expanding=True)))
        sub = latest_q.group_by(key).subquery()
        query = select(*columns).join(sub, and_(key == sub.c.k, model.revision == sub.c.r)).where(
            model.assessment_id == aid
        )
    _STATE[(coll.name, postgresql, by_key)] = query
    return query


_COLUMNS: dict[str, list[Any]] = {}


def _version_columns(coll: Collection) -> list[Any]:
    """The columns a Version is made of, labelled with the model's attribute names (`type`, not
    `measure_type`), so a row reads like the ORM object would."""
    found = _COLUMNS.get(coll.name)
    if found is None:
        names = dict.fromkeys((coll.key_attr, "revision", "author", "at", *coll.all_fields))
        found = _COLUMNS[coll.name] = [getattr(coll.model, name).label(name) for name in names]
    return found


def flats(state: dict[str, Version]) -> dict[str, Flat]:
    return {key: version.flat for key, version in state.items()}


def _touched(coll: Collection, before: Flat, after: Flat) -> set[str]:
    touched = {name for name in coll.merge_fields if before[name] != after[name]}
    for group in coll.coupled:
        if touched & group:
            touched |= group
    if coll.is_item and "deleted" in touched:
        touched = set(coll.merge_fields)  # creating or deleting an item touches all of it
    return touched


@dataclass
class Merge:
    rows: dict[str, Flat]  # key -> full new row, only rows that differ from the head
    conflicts: list[tuple[str, str, Any, Any, Any]]  # (key, field, base, theirs, yours)


def merge(coll: Collection, base: dict[str, Flat], head: dict[str, Flat], mine: dict[str, Flat]) -> Merge:
    """Three-way merge of `mine` (full rows) onto `head`, relative to `base`."""
    result = Merge({}, [])
    for key, yours in mine.items():
        b = base.get(key, coll.empty)
        h = head.get(key, coll.empty)
        my_fields = _touched(coll, b, yours)
        their_fields = _touched(coll, b, h)
        clash = sorted(f for f in my_fields & their_fields if yours[f] != h[f])
        if clash and coll.is_item and "deleted" not in clash and yours["deleted"] != h["deleted"]:
            clash.append("deleted")
        if clash:
            result.conflicts.extend((key, f, b[f], h[f], yours[f]) for f in clash)
            continue
        merged = dict(h)
        for name in my_fields:
            merged[name] = yours[name]
        if not coll.is_item:
            merged["carried_over"] = False  # saving an indicator confirms it for this period
        if merged != h:
            result.rows[key] = merged
    return result


def conflict_error(session: Session, coll: Collection, assessment_id: int, base: int, head: int,
                   conflicts: list[tuple[str, str, Any, Any, Any]]) -> ConflictError:
    """Build the ConflictError, naming who changed each field last (from the audit log)."""
    paths = [coll.path(key, name) for key, name, *_ in conflicts]
    who = last_changes(session, assessment_id, base, head, paths)
    items = []
    for (_key, _name, base_value, theirs, yours), path in zip(conflicts, paths):
        by, at = who.get(path, (None, None))
        items.append(FieldConflict(field=path, base=base_value, theirs=theirs, theirs_by=by,
                                   theirs_at=at, yours=yours))
    return ConflictError(assessment_id, base, head, items)


def last_changes(session: Session, assessment_id: int, after: int, upto: int,
                 paths: list[str] | None = None) -> dict[str, tuple[str, dt.datetime]]:
    """field path -> (actor, at) of its last change in revisions (after, upto]."""
    query = select(m.AuditLog.field, m.AuditLog.actor, m.AuditLog.at).where(
        m.AuditLog.assessment_id == assessment_id,
        m.AuditLog.revision > after,
        m.AuditLog.revision <= upto,
        m.AuditLog.field.is_not(None),
    )
    if paths is not None:
        if not paths:
            return {}
        query = query.where(m.AuditLog.field.in_(paths))
    result: dict[str, tuple[str, dt.datetime]] = {}
    for field_name, actor, at in session.execute(query.order_by(m.AuditLog.revision, m.AuditLog.id)):
        if field_name is not None:
            result[field_name] = (actor, at)
    return result


def check_base(base_revision: Any, head: int) -> int:
    if isinstance(base_revision, bool) or not isinstance(base_revision, int) or not 1 <= base_revision <= head:
        raise InvalidInput("base_revision", base_revision,
                           _("must be a revision number between 1 and the current head {head}").format(head=head))
    return base_revision


def bump_head(session: Session, ctx: Ctx, a: m.Assessment | Head, *, kind: str, note: str | None,
              status: str, **columns: Any) -> int:
    """Compare-and-set the head revision and record the revision row; raises HeadMoved on a lost race.

    On PostgreSQL both go in one statement (the revision row is inserted from the UPDATE's RETURNING,
    so it exists only when the compare-and-set won): one round trip less per save."""
    if ctx.before_cas is not None:
        ctx.before_cas()
    assessment_id, head = a.id, a.revision
    ctx.not_before(a.updated_at)
    new = head + 1
    if is_postgresql(session):
        params = {"aid": assessment_id, "head": head, "new": new, "status": status, "author": ctx.actor.username,
                  "at": ctx.now, "number": new, "author_": ctx.actor.username, "at_": ctx.now, "kind": kind,
                  "note": note, "status_": status, **{f"x_{c}": v for c, v in columns.items()}}
        inserted = session.connection().execute(_cas_statement(tuple(sorted(columns))), params).all()
        if len(inserted) != 1:  # the UPDATE matched no row: someone else moved the head
            raise HeadMoved()
        record_revised(ctx, assessment_id, new, kind)
        return new
    cas = (update(m.Assessment)
           .where(m.Assessment.id == assessment_id, m.Assessment.revision == head)
           .values(revision=new, status=status, updated_by=ctx.actor.username, updated_at=ctx.now, **columns))
    result = session.execute(cas.execution_options(synchronize_session=False))
    if getattr(result, "rowcount", None) != 1:  # CursorResult of an UPDATE
        raise HeadMoved()
    add_revision(session, ctx, assessment_id, new, kind=kind, note=note, status=status)
    return new


_CAS: dict[tuple[str, ...], Any] = {}


def _cas_statement(extra: tuple[str, ...]) -> Any:
    """The PostgreSQL compare-and-set with its revision row, built once per set of extra columns (one
    statement object: SQLAlchemy keeps its cache key and compiled form, psycopg prepares it)."""
    found = _CAS.get(extra)
    if found is None:
        a, r = (cast(Table, x.__table__).c for x in (m.Assessment, m.Revision))
        cas = (update(cast(Table, m.Assessment.__table__))
               .where(a.id == bindparam("aid"), a.revision == bindparam("head"))
               .values(revision=bindparam("new"), status=bindparam("status"), updated_by=bindparam("author"),
                       updated_at=bindparam("at"), **{c: bindparam(f"x_{c}") for c in extra}))
        won = cas.returning(a.id).cte("won")
        values = {"assessment_id": won.c.id, "number": bindparam("number", type_=r.number.type),
                  "author": bindparam("author_", type_=r.author.type), "at": bindparam("at_", type_=r.at.type),
                  "kind": bindparam("kind", type_=r.kind.type), "note": bindparam("note", type_=r.note.type),
                  "status": bindparam("status_", type_=r.status.type)}
        found = _CAS[extra] = (insert(cast(Table, m.Revision.__table__))
                               .from_select(list(values), select(*values.values())).returning(r.id))
    return found


def add_revision(session: Session, ctx: Ctx, assessment_id: int, number: int, *, kind: str,
                 note: str | None, status: str) -> None:
    record_revised(ctx, assessment_id, number, kind)
    session.execute(insert(m.Revision), [{
        "assessment_id": assessment_id, "number": number, "author": ctx.actor.username,
        "at": ctx.now, "kind": kind, "note": note, "status": status,
    }])


LISTS_ONLY = "lists_only"  # the kind noted in Ctx.revised for a revision that changed no indicator entry


def record_revised(ctx: Ctx, assessment_id: int, number: int, kind: str) -> None:
    """Note the revision for the derived scores (riskframe/store/derived.after_write), whichever way the
    revision row was written — every path that writes one must call this."""
    ctx.revised.setdefault(assessment_id, []).append((number, kind))


def note_lists_only(ctx: Ctx, assessment_id: int, number: int) -> None:
    """The revision `number` changed lists only (groups, consultations, measures): the scores, read from
    the entries alone, are those of the revision before, so the derived row only moves its number."""
    noted = ctx.revised.get(assessment_id, [])
    ctx.revised[assessment_id] = [(n, LISTS_ONLY if n == number else kind) for n, kind in noted]


def write_rows(session: Session, ctx: Ctx, coll: Collection, assessment_id: int, revision: int,
               rows: dict[str, Flat], old: dict[str, Flat], action: str) -> list[str]:
    """Insert one version row per changed key and one audit row per changed field; return the paths."""
    if not rows:
        return []
    base = {"assessment_id": assessment_id, "revision": revision, "author": ctx.actor.username, "at": ctx.now}
    versions = [{**base, coll.key_attr: key, **coll.column_values(flat)} for key, flat in rows.items()]
    changed: list[str] = []
    audit: list[dict[str, Any]] = []
    for key, flat in rows.items():
        before = old.get(key, coll.empty)
        for name in coll.all_fields:
            if flat[name] != before[name] and not (before[name] is None and flat[name] in _BLANK):
                path = coll.path(key, name)
                changed.append(path)
                audit.append(audit_row(ctx, action, assessment_id, revision, path, before[name], flat[name]))
    parts: list[tuple[Any, list[dict[str, Any]], Upsert | None]] = [(coll.model, versions, None)]
    if coll.head_model is not None:  # one upsert (SQLite: a delete and an insert)
        heads = [{"assessment_id": assessment_id, coll.key_attr: key, "revision": revision} for key in rows]
        parts.append((coll.head_model, heads, (("assessment_id", coll.key_attr), ("revision",))))
    parts.append((m.AuditLog, audit, None))
    insert_rows(session, parts)
    return changed


def audit_row(ctx: Ctx, action: str, assessment_id: int | None, revision: int | None, field: str | None,
              old: Any = None, new: Any = None, detail: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"at": ctx.now, "actor": ctx.actor.username, "action": action, "assessment_id": assessment_id,
            "revision": revision, "field": field, "old_value": old, "new_value": new, "detail": detail}


def add_audit(session: Session, ctx: Ctx, action: str, assessment_id: int | None = None,
              revision: int | None = None, field: str | None = None, old: Any = None, new: Any = None,
              detail: dict[str, Any] | None = None) -> None:
    session.execute(insert(m.AuditLog), [audit_row(ctx, action, assessment_id, revision, field, old, new, detail)])
