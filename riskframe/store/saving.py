"""Saving entries and list items: validate everything first, then merge onto the head and write."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.domain import EntryIn
from riskframe.domain.sentences import problems
from riskframe.domain.status import EDITABLE
from riskframe.store import access
from riskframe.store import models as m
from riskframe.store.errors import InvalidInput, StoreError, WorkflowError
from riskframe.safety.storable import UnstorableText, check_storable
from riskframe.store.fields import ENTRIES, Collection, Flat
from riskframe.store.revisions import (
    Ctx,
    bump_head,
    check_base,
    conflict_error,
    flats,
    merge,
    note_lists_only,
    state_at,
    write_rows,
)
from riskframe.store.schemas import SaveResult
from riskframe.store.views import Head, load_head

_last_key = 0


def new_item_key() -> str:
    """A fresh item key that sorts by creation time (so lists keep their order)."""
    global _last_key
    now = max(time.time_ns() // 1000, _last_key + 1)
    _last_key = now
    return f"{now:014x}{secrets.token_hex(3)}"


def known_ids(indicator_ids: Any) -> frozenset[str]:
    """Accept a set of ids or any object with .indicator_ids() (a Framework)."""
    if indicator_ids is None:
        raise StoreError(_("saving entries needs the framework's indicator ids (a set, or a Framework)"))
    if hasattr(indicator_ids, "indicator_ids"):
        indicator_ids = indicator_ids.indicator_ids()
    return frozenset(str(i) for i in indicator_ids)


def validation_error(prefix: str, exc: ValidationError) -> InvalidInput:
    """The first problem of `exc` as InvalidInput, in a sentence (riskframe.domain.sentences)."""
    first = exc.errors(include_url=False)[0]
    problem = problems(exc, prefix)[0]
    return InvalidInput(problem.field, first.get("input"), problem.sentence)


def refuse_unstorable(value: Any, path: str) -> None:
    """Refuse text neither engine can store (NUL, lone surrogates), naming the field."""
    try:
        check_storable(value, path)
    except UnstorableText as exc:
        raise InvalidInput(exc.path, "…", exc.reason) from None


def normalize_entries(entries: Any, indicator_ids: Any) -> dict[str, EntryIn]:
    """Refuse unknown indicator ids and invalid values, naming the field; nothing is written."""
    if not isinstance(entries, Mapping):
        raise InvalidInput("entries", type(entries).__name__, _("must map indicator ids to entries"))
    known = known_ids(indicator_ids)
    # Given the Framework (not just its ids), entries are also checked against its scale.
    check = getattr(indicator_ids, "entry_problem", None)
    out: dict[str, EntryIn] = {}
    for raw_id, value in entries.items():
        iid = str(raw_id).strip()
        if iid not in known:
            sample = ", ".join(sorted(known)[:3]) or "none"
            raise InvalidInput(f"entries.{iid}", raw_id,
                               _("unknown indicator id; the framework has {count} indicators (e.g. {sample})").format(
                                   count=len(known),
                                   sample=sample))
        try:
            out[iid] = value if isinstance(value, EntryIn) else EntryIn.model_validate(value)
        except ValidationError as exc:
            raise validation_error(f"entries.{iid}", exc) from None
        if check is not None and (problem := check(out[iid])) is not None:
            raise InvalidInput(f"entries.{iid}.score", out[iid].score, problem)
        refuse_unstorable(out[iid].model_dump(mode="json"), f"entries.{iid}")
    return out


def normalize_items(coll: Collection, items: Any) -> list[Any]:
    """Validate list items; new items get a key here so the caller can see it in the result."""
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
        raise InvalidInput(coll.name, type(items).__name__, _("must be a list of items"))
    out: list[Any] = []  # the collection's input models, each with `key` and `deleted`
    seen: set[str] = set()
    for index, item in enumerate(items):
        model: Any
        try:
            # a model is validated again too: a copy made with model_copy(update=…) skipped its rules
            model = coll.input_model.model_validate(
                item.model_dump(include=set(coll.input_model.model_fields)) if isinstance(item, BaseModel) else item)
        except ValidationError as exc:
            raise validation_error(f"{coll.name}.{index}", exc) from None
        refuse_unstorable(model.model_dump(mode="json"), f"{coll.name}.{index}")
        if model.key is None:
            model = model.model_copy(update={"key": new_item_key()})
        if model.key in seen:
            raise InvalidInput(f"{coll.name}.{index}.key", model.key, _("the same key appears twice"))
        seen.add(model.key)
        out.append(model)
    return out


def ensure_editable(a: m.Assessment | Head) -> None:
    if a.status not in {s.value for s in EDITABLE}:
        raise WorkflowError("status", a.status,
                            _("assessment {id} is {status}; only draft or returned assessments can be edited "
                               "(reopen or return it first)").format(id=a.id,
                                status=a.status))


def save(session: Session, ctx: Ctx, coll: Collection, assessment_id: int, base_revision: Any,
         payload: dict[str, Flat] | list[Any], *, replace: bool = False, kind: str = "save",
         note: str | None = None) -> SaveResult:
    """Merge a save onto the head (see revisions.merge) and write it as one new revision."""
    a = load_head(session, assessment_id)
    access.check(ctx.actor, access.WRITE, a.country_code, f"assessment {a.id}")
    ensure_editable(a)
    head = a.revision
    base = check_base(base_revision, head)
    if isinstance(payload, dict):
        keys: list[str] | None = list(payload)
    else:
        keys = None if replace else [item.key for item in payload]
    base_state = flats(state_at(session, coll, a.id, base, keys))
    head_state = base_state if head == base else flats(state_at(session, coll, a.id, head, keys))
    mine = payload if isinstance(payload, dict) else _item_rows(coll, payload, base_state, replace)
    result = merge(coll, base_state, head_state, mine)
    if result.conflicts:
        raise conflict_error(session, coll, a.id, base, head, result.conflicts)
    if not result.rows:
        return SaveResult(revision=head, changed_fields=[])
    new = bump_head(session, ctx, a, kind=kind, note=note, status=a.status)
    if coll is not ENTRIES:
        note_lists_only(ctx, a.id, new)
    changed = write_rows(session, ctx, coll, a.id, new, result.rows, head_state, f"{coll.name}.{kind}")
    return SaveResult(revision=new, changed_fields=changed)


def _item_rows(coll: Collection, items: list[Any], base: dict[str, Flat], replace: bool) -> dict[str, Flat]:
    mine: dict[str, Flat] = {}
    for item in items:
        if item.deleted:
            if item.key in base and not base[item.key]["deleted"]:
                mine[item.key] = {**base[item.key], "deleted": True}
        else:
            mine[item.key] = coll.from_input(item)
    if replace:
        for key, flat in base.items():
            if key not in mine and not flat["deleted"]:
                mine[key] = {**flat, "deleted": True}
    return mine


def entry_rows(entries: dict[str, EntryIn]) -> dict[str, Flat]:
    return {iid: ENTRIES.from_input(entry) for iid, entry in entries.items()}


def save_all(session: Session, ctx: Ctx, assessment_id: int, base_revision: Any,
             payloads: list[tuple[Collection, dict[str, Flat] | list[Any]]], *, kind: str = "save",
             note: str | None = None) -> SaveResult:
    """Several collections merged onto the head and written as ONE revision (an Excel import of the
    indicators and the lists): every collection is merged first, any conflict refuses all of it."""
    a = load_head(session, assessment_id)
    access.check(ctx.actor, access.WRITE, a.country_code, f"assessment {a.id}")
    ensure_editable(a)
    head = a.revision
    base = check_base(base_revision, head)
    merged = []
    for coll, payload in payloads:
        keys = list(payload) if isinstance(payload, dict) else [item.key for item in payload]
        base_state = flats(state_at(session, coll, a.id, base, keys))
        head_state = base_state if head == base else flats(state_at(session, coll, a.id, head, keys))
        mine = payload if isinstance(payload, dict) else _item_rows(coll, payload, base_state, False)
        result = merge(coll, base_state, head_state, mine)
        if result.conflicts:
            raise conflict_error(session, coll, a.id, base, head, result.conflicts)
        merged.append((coll, result.rows, head_state))
    if not any(rows for _, rows, _ in merged):
        return SaveResult(revision=head, changed_fields=[])
    new = bump_head(session, ctx, a, kind=kind, note=note, status=a.status)
    if not any(rows for coll, rows, _ in merged if coll is ENTRIES):
        note_lists_only(ctx, a.id, new)
    changed: list[str] = []
    for coll, rows, head_state in merged:
        changed += write_rows(session, ctx, coll, a.id, new, rows, head_state, f"{coll.name}.{kind}")
    return SaveResult(revision=new, changed_fields=changed)
