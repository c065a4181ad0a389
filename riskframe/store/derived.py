"""Derived scores: each assessment's scoring summary kept at its head revision, so dashboards read
thousands of rows, not every entry (riskframe/scoring/summary.py says what a summary holds).

Written in the transaction of every write that makes a revision — `add_revision` (the one place
revisions are written) notes the assessment in the transaction's Ctx, and `after_write` rescores
those assessments before the commit — when the store was told the framework (`use_framework`).
A status change alone keeps the summary and moves its revision. Read by `derived_scores`, which
recomputes first any row that is missing or stale (not at the head revision, or computed with
another method `fingerprint`): a store used without the framework, a framework or method change,
a restored backup. `riskframe scores rebuild [--check]` recomputes or verifies every row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from riskframe.store import access
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.derived_models import DerivedScore
from riskframe.store.revisions import LISTS_ONLY, Ctx

if TYPE_CHECKING:  # pandas and scoring are heavy: imported when first used (CLI start-up stays quick)
    import pandas as pd

    from riskframe.framework.models import Framework
    from riskframe.scoring.summary import Summary
    from riskframe.store.engine import Database

_CHUNK = 500  # assessments scored at once by a rebuild (bounds its memory)
_COLUMNS = ("revision", "framework_id", "framework_version", "fingerprint", "computed_at", "summary", "numbers")


@dataclass(frozen=True)
class Derived:
    """Header (META per assessment id: country, period, period_start, status, revision) and summary of
    every assessment read; `recomputed`: ids whose row was missing or stale and was recomputed first."""

    header: pd.DataFrame
    summary: Summary
    recomputed: tuple[int, ...] = ()


@dataclass(frozen=True)
class Problem:
    assessment_id: int
    reason: str  # missing, stale_revision, other_method, differs


@dataclass
class CheckReport:
    checked: int = 0
    problems: list[Problem] = field(default_factory=list)


_FINGERPRINTS: dict[int, tuple[Framework, str]] = {}  # id -> (the framework, kept alive; its fingerprint)


def method_of(fw: Framework) -> str:
    """The fingerprint rows computed with `fw` carry (cached per framework object)."""
    from riskframe.scoring.summary import fingerprint

    found = _FINGERPRINTS.get(id(fw))
    if found is None or found[0] is not fw:
        if len(_FINGERPRINTS) >= 8:
            _FINGERPRINTS.clear()
        found = _FINGERPRINTS[id(fw)] = (fw, fingerprint(fw))
    return found[1]


def _upsert(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    from sqlalchemy.dialects import postgresql, sqlite

    insert: Any = sqlite.insert if session.get_bind().dialect.name == "sqlite" else postgresql.insert
    stmt = insert(DerivedScore)
    stmt = stmt.on_conflict_do_update(index_elements=["assessment_id"],
                                      set_={c: getattr(stmt.excluded, c) for c in _COLUMNS})
    session.execute(stmt, rows)


def compute(session: Session, fw: Framework, ids: Iterable[int]) -> dict[int, tuple[int, str | None, bytes | None]]:
    """id -> (revision, summary text, numbers; None, None without a known entry) of the given
    assessments, from their current entries."""
    from riskframe.scoring.summary import encode, known_entries, summarise
    from riskframe.store import frame

    ids = sorted(set(ids))
    if not ids:
        return {}
    if len(ids) == 1:  # a save: one assessment, scored from plain values (no frame)
        return _compute_one(session, fw, ids[0])
    heads = dict(session.execute(select(m.Assessment.id, m.Assessment.revision).where(m.Assessment.id.in_(ids))).all())
    entries = frame.entries_frame(session, assessment_ids=ids)
    # the revision the entries were read at (same statement), else the header's (no entry at all)
    revs = dict(zip(entries["assessment_id"].tolist(), entries["revision"].tolist()))
    entries = known_entries(entries, fw)
    texts = encode(summarise(entries, fw), list(fw.manifest.scoring.drivers)) if len(entries) else {}
    return {i: (int(revs.get(i, heads[i])), *texts.get(i, (None, None))) for i in ids if i in heads}


def _compute_one(session: Session, fw: Framework, aid: int) -> dict[int, tuple[int, str | None, bytes | None]]:
    """`compute` of one assessment through `summary.encode_one` (the same text and numbers; tested).

    A save runs this in its transaction, so it avoids fixed costs: the statement is compiled once per
    dialect, and the instants are converted without pandas (exactly as entries_frame converts them)."""
    from riskframe.scoring.summary import encode_one

    head = session.execute(select(m.Assessment.revision).where(m.Assessment.id == aid)).scalar_one_or_none()
    if head is None:
        return {}
    connection = session.connection()
    sql, order = _one_statement(connection.dialect)
    params: Any = {"aid": aid} if order is None else tuple(aid for _ in order)
    rows = list(connection.exec_driver_sql(sql, params).fetchall())
    if not rows:
        return {aid: (int(head), None, None)}
    changed = _instants_ns([r[6] for r in rows])
    found = encode_one(aid, [(r[1], r[2], r[3], r[4], r[5], ns) for r, ns in zip(rows, changed)], fw)
    return {aid: (int(rows[0][0]), *(found or (None, None)))}


_ONE: dict[str, tuple[str, tuple[str, ...] | None]] = {}  # dialect name -> (SQL, positional parameter names)


def _one_statement(dialect: Any) -> tuple[str, tuple[str, ...] | None]:
    """One assessment's current entries, with the head revision read in the same statement (what
    frame.entries_query gives for it, without the columns a summary does not use), compiled once."""
    found = _ONE.get(dialect.name)
    if found is None:
        from riskframe.store.frame import raw_column

        h, e, a = (cast(Table, x.__table__) for x in (m.EntryHead, m.EntryVersion, m.Assessment))
        query = (select(*(raw_column(c) for c in (a.c.revision, e.c.indicator_id, e.c.score, e.c.missing,
                                                  e.c.confidence, e.c.evidence, e.c.at)))
                 .select_from(h)
                 .join(e, (e.c.assessment_id == h.c.assessment_id) & (e.c.indicator_id == h.c.indicator_id)
                       & (e.c.revision == h.c.revision))
                 .join(a, a.c.id == h.c.assessment_id)
                 .where(h.c.assessment_id == bindparam("aid"))
                 .order_by(h.c.indicator_id))
        compiled = query.compile(dialect=dialect)
        order = tuple(compiled.positiontup) if compiled.positiontup is not None else None
        found = _ONE[dialect.name] = (str(compiled), order)
    return found


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


def _instants_ns(values: list[Any]) -> list[int]:
    """Nanoseconds since the epoch of the driver's instants (text on SQLite, datetimes on PostgreSQL; naive
    ones are UTC), as `pd.to_datetime(..., utc=True, format="ISO8601")` gives them; pandas for anything else."""
    try:
        out = []
        for value in values:
            d = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
            if not isinstance(d, dt.datetime):
                raise TypeError
            if d.tzinfo is None:
                d = d.replace(tzinfo=dt.UTC)
            out.append((d - _EPOCH) // _MICROSECOND * 1000)
        return out
    except (TypeError, ValueError):
        import pandas as pd

        return list(pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601")
                    .astype("datetime64[ns, UTC]").array.asi8.tolist())


def refresh(session: Session, fw: Framework, ids: Iterable[int], now: Any) -> int:
    """Recompute and store the rows of `ids` (in the caller's transaction); how many were written."""
    fp = method_of(fw)
    rows = [{"assessment_id": i, "revision": rev, "framework_id": fw.id, "framework_version": fw.version,
             "fingerprint": fp, "computed_at": now, "summary": text, "numbers": numbers}
            for i, (rev, text, numbers) in compute(session, fw, ids).items()]
    _upsert(session, rows)
    return len(rows)


def after_write(session: Session, ctx: Ctx, fw: Framework | None) -> None:
    """Bring the rows of the assessments this transaction revised up to date (before it commits).

    `ctx.revised` maps assessment id -> [(revision number, kind), …] (recorded by add_revision)."""
    if fw is None or not ctx.revised:
        return
    fp = method_of(fw)
    full: list[int] = []
    for aid, revisions in ctx.revised.items():
        numbers = [n for n, _kind in revisions]
        if all(kind in ("status", LISTS_ONLY) for _n, kind in revisions):  # same entries: the summary stays valid
            moved = session.execute(
                update(DerivedScore)
                .where(DerivedScore.assessment_id == aid, DerivedScore.revision == min(numbers) - 1,
                       DerivedScore.fingerprint == fp)
                .values(revision=max(numbers))
                .execution_options(synchronize_session=False))
            if getattr(moved, "rowcount", 0) == 1:
                continue
        full.append(aid)
    if full:
        refresh(session, fw, full, ctx.now)


def _header_query(statuses: list[str] | None, countries: Iterable[str] | None) -> Any:
    # Core tables, not the ORM classes: a cold process skips configuring every mapper (~0.25 s)
    a, p, d = (cast(Table, x.__table__).c for x in (m.Assessment, m.Period, DerivedScore))
    query = (select(a.id, a.country_code, p.label, p.start_date, a.status, a.revision, d.revision, d.fingerprint,
                    d.summary, d.numbers)
             .select_from(cast(Table, m.Assessment.__table__))
             .join(cast(Table, m.Period.__table__), p.id == a.period_id)
             .outerjoin(cast(Table, DerivedScore.__table__), d.assessment_id == a.id)
             .order_by(a.id))
    if statuses is not None:
        query = query.where(a.status.in_(statuses))
    if countries is not None:
        query = query.where(a.country_code.in_(sorted(countries)))
    return query


def _raw_rows(session: Session, query: Any) -> list[Any]:
    """The rows through the driver's cursor, without SQLAlchemy's per-row type processing (the dates
    come as the driver gives them: text on SQLite, dates on PostgreSQL)."""
    connection = session.connection()
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params: Any = compiled.construct_params()
    if compiled.positiontup is not None:  # qmark paramstyle (SQLite)
        params = tuple(params[name] for name in compiled.positiontup)
    return list(connection.exec_driver_sql(str(compiled), params).fetchall())


def _stale(rows: Any, fp: str) -> list[int]:
    return [r[0] for r in rows if r[6] is None or r[6] != r[5] or r[7] != fp]


def read(db: Database, fw: Framework, statuses: list[str] | None, countries: Iterable[str] | None,
         now: Any) -> Derived:
    """The derived scores of the assessments selected, recomputing missing or stale rows first."""
    import pandas as pd

    from riskframe.scoring.summary import decode
    from riskframe.store import frame

    fp = method_of(fw)
    query = _header_query(statuses, countries)
    with db.read() as session:
        rows = _raw_rows(session, query)
    stale = _stale(rows, fp)
    if stale:
        with db.write() as session:
            refresh(session, fw, stale, now)
        with db.read() as session:
            rows = _raw_rows(session, query)
    kept = [r for r in rows if r[8] is not None and r[6] == r[5] and r[7] == fp]
    ids = [int(r[0]) for r in kept]
    header = pd.DataFrame({
        "country": frame._strings(tuple(r[1] for r in kept)),
        "period": frame._strings(tuple(r[2] for r in kept)),
        "period_start": pd.to_datetime(pd.Series([str(r[3]) for r in kept], dtype=object), format="%Y-%m-%d")
        .astype("datetime64[ns]").to_numpy(),
        "status": frame._strings(tuple(r[4] for r in kept)),
        "revision": pd.array([int(r[5]) for r in kept], dtype="int64"),
    }, index=pd.Index(ids, dtype="int64", name="assessment_id"))
    return Derived(header=header, summary=decode(ids, [r[8] for r in kept], [bytes(r[9]) for r in kept], fw),
                   recomputed=tuple(stale))


def _all_ids(session: Session) -> list[int]:
    return [int(i) for i in session.scalars(select(m.Assessment.id).order_by(m.Assessment.id))]


def rebuild(db: Database, fw: Framework, now: Any) -> int:
    """Recompute every row, in one transaction; how many."""
    with db.write() as session:
        ids = _all_ids(session)
        return sum(refresh(session, fw, ids[k:k + _CHUNK], now) for k in range(0, len(ids), _CHUNK))


def check(db: Database, fw: Framework) -> CheckReport:
    """Compare every stored row with a full rescore of the assessment's current entries."""
    fp = method_of(fw)
    report = CheckReport()
    with db.read() as session:
        ids = _all_ids(session)
        stored = {r.assessment_id: r for r in session.scalars(select(DerivedScore))}
        for k in range(0, len(ids), _CHUNK):
            for aid, (rev, text, numbers) in compute(session, fw, ids[k:k + _CHUNK]).items():
                report.checked += 1
                row = stored.get(aid)
                reason = ("missing" if row is None else "other_method" if row.fingerprint != fp
                          else "stale_revision" if row.revision != rev
                          else "differs" if row.summary != text or not _same(row.numbers, numbers) else "")
                if reason:
                    report.problems.append(Problem(aid, reason))
    return report


def _same(stored: Any, fresh: bytes | None) -> bool:
    """Equal numbers, to the last few bits: a matrix product over a batch of assessments may round
    differently from the same product over one (BLAS blocking), by ~1e-15 of the value."""
    import numpy as np

    if stored is None or fresh is None:
        return stored is None and fresh is None
    a, b = np.frombuffer(bytes(stored), dtype="<f8"), np.frombuffer(fresh, dtype="<f8")
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-12, atol=1e-12, equal_nan=True))


class DerivedMixin:
    """Store methods of the derived scores (see the module docstring)."""

    db: Database
    _derive_with: Framework | None = None

    if TYPE_CHECKING:
        def now(self) -> Any: ...

    def use_framework(self, fw: Framework | None) -> None:
        """Keep derived scores up to date on every write, scored with `fw` (None: leave them to readers)."""
        self._derive_with = fw

    def derived_scores(self, actor: Actor, fw: Framework, statuses: Any = None) -> Derived:
        """The scoring summary of every assessment the actor may see (optionally only these statuses),
        read from the derived rows; missing or stale rows are recomputed first."""
        from riskframe.store import workflow

        access.check(actor, access.READ)
        if isinstance(statuses, str):
            statuses = [statuses]
        wanted = None if statuses is None else [workflow.parse_status(s).value for s in statuses]
        return read(self.db, fw, wanted, access.visible_countries(actor), self.now())

    def rebuild_scores(self, actor: Actor, fw: Framework) -> int:
        """Recompute every assessment's derived scores with `fw` (administrators); how many rows."""
        access.check(actor, access.ADMIN)
        return rebuild(self.db, fw, self.now())

    def check_scores(self, actor: Actor, fw: Framework) -> CheckReport:
        """Whether every stored row equals a full rescore with `fw` (administrators)."""
        access.check(actor, access.ADMIN)
        return check(self.db, fw)

