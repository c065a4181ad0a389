"""Field-by-field differences between two revisions of one assessment, or between two assessments."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import models as m
from riskframe.store.errors import NotFound
from riskframe.store.fields import COLLECTIONS, ENTRIES, MEASURES, Collection
from riskframe.store.revisions import Version, last_changes, state_at
from riskframe.store.schemas import Change
from riskframe.store.views import load_assessment, natural_key


def _status_at(session: Session, assessment_id: int, revision: int) -> str:
    status = session.scalar(select(m.Revision.status).where(
        m.Revision.assessment_id == assessment_id, m.Revision.number == revision))
    if status is None:
        raise NotFound(_("assessment {assessment_id} has no revision {revision}").format(assessment_id=assessment_id,
                           revision=revision))
    return status


def _sorted_keys(coll: Collection, keys: set[str]) -> list[str]:
    return sorted(keys, key=natural_key) if coll is ENTRIES else sorted(keys)


def _evidence(state: dict[str, Version], key: str) -> str | None:
    version = state.get(key)
    return version.flat["evidence"] if version is not None else None


def diff_revisions(session: Session, assessment_id: int, rev_a: int, rev_b: int) -> list[Change]:
    """What changed from revision `rev_a` to `rev_b` (either order), with who changed it last."""
    a = load_assessment(session, assessment_id)
    for rev in (rev_a, rev_b):
        if isinstance(rev, bool) or not isinstance(rev, int) or not 1 <= rev <= a.revision:
            raise NotFound(_("assessment {assessment_id} has revisions 1 to {revision}; there is no revision {rev!r}").format(
                assessment_id=assessment_id,
                revision=a.revision, rev=rev))
    low, high = sorted((rev_a, rev_b))
    who = last_changes(session, assessment_id, low, high)
    changes: list[Change] = []
    status_a, status_b = _status_at(session, assessment_id, rev_a), _status_at(session, assessment_id, rev_b)
    if status_a != status_b:
        by, at = who.get("status", (None, None))
        changes.append(Change(field="status", old=status_a, new=status_b, changed_by=by, changed_at=at))
    entries_b: dict[str, Version] = {}
    for coll in COLLECTIONS:
        old, new = state_at(session, coll, assessment_id, rev_a), state_at(session, coll, assessment_id, rev_b)
        if coll is ENTRIES:
            entries_b = new
        for key in _sorted_keys(coll, set(old) | set(new)):
            before = old[key].flat if key in old else coll.empty
            after = new[key].flat if key in new else coll.empty
            whole = _whole_item(coll, key, before, after)
            if whole is not None:
                path = coll.path(key, "deleted")
                by, at = who.get(path, (None, None))
                changes.append(whole.model_copy(update={"changed_by": by, "changed_at": at}))
                continue
            for name in coll.all_fields:
                if before[name] != after[name]:
                    path = coll.path(key, name)
                    by, at = who.get(path, (None, None))
                    changes.append(Change(field=path, old=before[name], new=after[name], changed_by=by,
                                          changed_at=at, evidence=_evidence(entries_b, key) if coll is ENTRIES else None))
    return changes


def _whole_item(coll: Collection, key: str, before: dict, after: dict) -> Change | None:
    """An item added or removed is one change (field `<collection>.<key>`), not one per field."""
    if not coll.is_item or before["deleted"] == after["deleted"]:
        return None
    def content(flat: dict) -> dict:
        return {name: flat[name] for name in coll.fields}
    if before["deleted"]:
        return Change(field=f"{coll.name}.{key}", old=None, new=content(after))
    return Change(field=f"{coll.name}.{key}", old=content(before), new=None)


def diff_assessments(session: Session, id_a: int, id_b: int) -> list[Change]:
    """What differs from assessment A (e.g. last period) to B (this period), at their heads.

    Entries and vulnerable groups are matched by key; B's follow-up measures are matched to the
    A measure they follow up. Who/when are those of B's version (or A's, for rows only in A).
    """
    a, b = load_assessment(session, id_a), load_assessment(session, id_b)
    changes: list[Change] = []
    entries_b: dict[str, Version] = {}
    for coll in COLLECTIONS:
        old = state_at(session, coll, a.id, a.revision)
        new = state_at(session, coll, b.id, b.revision)
        if coll is ENTRIES:
            entries_b = new
        if coll is MEASURES:
            new = {v.flat["previous_measure_id"] if v.flat["previous_measure_id"] in old else k: v
                   for k, v in new.items()}
        names = coll.fields if not coll.is_item else coll.merge_fields
        for key in _sorted_keys(coll, set(old) | set(new)):
            before = old[key].flat if key in old else coll.empty
            after = new[key].flat if key in new else coll.empty
            source = new.get(key) or old.get(key)
            whole = _whole_item(coll, key, before, after)
            if whole is not None:
                changes.append(whole.model_copy(update={"changed_by": source.author if source else None,
                                                        "changed_at": source.at if source else None}))
                continue
            for name in names:
                if coll is MEASURES and name == "previous_measure_id":
                    continue
                if before[name] != after[name]:
                    changes.append(Change(
                        field=coll.path(key, name), old=before[name], new=after[name],
                        changed_by=source.author if source else None, changed_at=source.at if source else None,
                        evidence=_evidence(entries_b, key) if coll is ENTRIES else None,
                    ))
    return changes
