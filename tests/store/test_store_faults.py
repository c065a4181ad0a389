"""Faults and hostile text give a sentence and write nothing, identically on SQLite and PostgreSQL."""

from __future__ import annotations

import os

import pytest
from store_helpers import FRAMEWORK, IDS, VERSION

from riskframe.store import InvalidInput, NotFound, Store, StoreError, VulnerableGroupIn


@pytest.mark.parametrize("text", ["a\x00b", "\x00", "x" * 10 + "\x00"])
def test_nul_in_entry_text_is_refused_on_both_engines(store, draft, alice, text):
    before = store.data_version()
    with pytest.raises(InvalidInput, match=r"entries\.1\.1\.evidence.*NUL character"):
        store.save_entries(alice, draft.id, 1, {"1.1": {"score": 1, "evidence": text}}, IDS)
    with pytest.raises(InvalidInput, match=r"entries\.1\.1\.sources\.0\.title.*NUL"):
        store.save_entries(alice, draft.id, 1, {"1.1": {"score": 1, "sources": [{"title": text}]}}, IDS)
    with pytest.raises(InvalidInput, match=r"vulnerable_groups\.0\.name.*NUL"):
        store.save_vulnerable_groups(alice, draft.id, 1, [VulnerableGroupIn(name=text)])
    assert store.data_version() == before


def test_nul_anywhere_else_is_caught_by_the_last_line(store, alice):
    """A path with no field-level check (a country's name) still refuses, on both engines alike."""
    with pytest.raises(InvalidInput, match="NUL character"):
        store.ensure_country(alice, "XB", "Bad\x00name")
    assert [c.code for c in store.list_countries(alice)] == []


def test_lone_surrogates_are_refused(store, draft, alice):
    with pytest.raises(InvalidInput, match="broken character"):
        store.save_entries(alice, draft.id, 1, {"1.1": {"score": 1, "evidence": "bad \ud800 text"}}, IDS)


def test_over_long_evidence_names_the_limit_not_the_library(store, draft, alice):
    with pytest.raises(InvalidInput) as caught:
        store.save_entries(alice, draft.id, 1, {"1.1": {"score": 1, "evidence": "x" * 50_000}}, IDS)
    message = str(caught.value)
    assert "limit of 20,000 characters (it has 50,000)" in message
    assert "pydantic" not in message and "http" not in message and len(message) < 400


@pytest.mark.parametrize("bad", [2**31, 2**63, 2**70])
def test_ids_past_the_integer_range_do_not_exist(store, alice, bad):
    with pytest.raises(NotFound, match=f"assessment {bad} does not exist"):
        store.get_assessment(alice, bad)


def test_a_new_sqlite_database_is_owner_only(tmp_path):
    path = tmp_path / "sub" / "new.db"
    with Store(f"sqlite:///{path}") as store:
        store.upgrade()
        store.ensure_country(_admin(), "XA")  # a write: the WAL and shared-memory files exist now
        modes = {p.name: oct(p.stat().st_mode & 0o777) for p in path.parent.iterdir()}
    assert {"new.db", "new.db-wal"} <= set(modes) and set(modes.values()) == {"0o600"}, modes
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_a_damaged_sqlite_file_gives_advice(tmp_path):
    path = tmp_path / "damaged.db"
    path.write_bytes(b"this is not a database at all" * 200)
    with Store(f"sqlite:///{path}") as store, pytest.raises(StoreError, match="damaged or is not a riskframe database"):
        store.list_countries(_admin())
    os.chmod(path, 0o600)


def test_an_unreachable_postgresql_gives_advice():
    with Store("postgresql://nobody:secret@127.0.0.1:9/none") as store, \
            pytest.raises(StoreError, match="cannot be reached") as caught:
        store.list_countries(_admin())
    assert "secret" not in str(caught.value)


def _admin():
    from riskframe.store import Actor

    return Actor(username="admin", role="admin")


def test_ids_and_framework_constants_are_what_the_helpers_say():
    assert FRAMEWORK and VERSION


def test_writers_on_different_fields_of_one_assessment_never_give_up(store, draft, alice):
    """Six writers, each saving its own indicator from whatever head it last saw: every save lands
    (a lost compare-and-set re-merges at field level and retries with jittered backoff)."""
    import threading

    from riskframe.store import open_store

    writers, saves = 6, 10
    errors: list[str] = []
    stores = [open_store(store.url) for _ in range(writers)]
    start = threading.Barrier(writers)

    def write(n: int) -> None:
        mine = stores[n]
        indicator = f"{n + 1}.1"
        rev = mine.get_assessment(alice, draft.id).revision
        start.wait(timeout=30)
        for k in range(saves):
            try:
                rev = mine.save_entries(alice, draft.id, rev, {indicator: {"score": k % 4, "evidence": f"w{n} s{k}"}},
                                        IDS).revision
            except StoreError as exc:  # a give-up or a conflict would both be failures here
                errors.append(f"writer {n} save {k}: {exc}")
                return

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for s in stores:
        s.close()
    assert errors == []
    final = store.get_assessment(alice, draft.id)
    assert {f"{n + 1}.1": final.entries[f"{n + 1}.1"].evidence for n in range(writers)} == \
        {f"{n + 1}.1": f"w{n} s{saves - 1}" for n in range(writers)}
    assert final.revision == 1 + writers * saves
