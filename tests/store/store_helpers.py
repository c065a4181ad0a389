"""Plain helpers shared by the store tests (importable from spawned processes too)."""

from __future__ import annotations

import contextlib
import sys
import types
from unittest import mock

from riskframe.domain import EntryIn
from riskframe.store import Actor, AssessmentOut, Store

FRAMEWORK = "un-foa-2014"
VERSION = "1.0.0"
IDS = frozenset({f"{factor}.{n}" for factor in range(1, 15) for n in range(1, 6)} | {"R1.1", "R1.2"})


def validated(store: Store, actor: Actor, country: str, period: str, entries: dict[str, EntryIn],
              version: str = VERSION, ids: frozenset[str] | set[str] = IDS) -> AssessmentOut:
    """Create, fill, submit and validate an assessment."""
    a = store.create_assessment(actor, country, period, FRAMEWORK, version)
    rev = store.save_entries(actor, a.id, a.revision, entries, ids).revision
    rev = store.transition(actor, a.id, "submitted", rev).revision
    return store.transition(actor, a.id, "validated", rev)


def save_in_process(url: str, assessment_id: int, base: int, score: int, username: str, barrier: object,
                    results: object) -> None:
    """Body of a spawned process: wait for the other one, then save entry 1.1 from `base`."""
    from riskframe.store import ConflictError, open_store

    store = open_store(url)
    actor = Actor(username=username, role="admin")
    store.get_assessment(actor, assessment_id)  # connect and warm up before the race
    barrier.wait(timeout=60)  # type: ignore[attr-defined]
    try:
        result = store.save_entries(actor, assessment_id, base, {"1.1": EntryIn(score=score)}, IDS)
        results.put((username, "saved", result.revision, []))  # type: ignore[attr-defined]
    except ConflictError as exc:
        results.put((username, "conflict", exc.head_revision, [c.field for c in exc.conflicts]))  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - reported to the parent test
        results.put((username, "error", 0, [repr(exc)]))  # type: ignore[attr-defined]
    finally:
        store.close()


@contextlib.contextmanager
def clean_main():
    """Start spawned processes with a bare __main__.

    A spawned child re-imports the parent's __main__ from its file. An AppTest run earlier in the same
    pytest worker leaves its temporary script there, and the child would run that script instead of
    the worker function.
    """
    bare = types.ModuleType("__main__")
    with mock.patch.dict(sys.modules, {"__main__": bare}):
        yield
