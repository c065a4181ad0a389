"""Backups: one consistent snapshot (even while someone writes); restore is all-or-nothing."""

from __future__ import annotations

import json
import threading

import pytest
from store_helpers import FRAMEWORK, VERSION, validated

from riskframe.domain import EntryIn
from riskframe.store import Actor, InvalidInput, MeasureIn, Store, StoreError, open_store
from riskframe.store.backup_check import manifest_for


def _fill(store: Store, actor: Actor, ids: set[str]) -> None:
    old = validated(store, actor, "KE", "2025-Q4", {"1.1": EntryIn(score=2, evidence="é ✓")})
    store.save_measures(actor, store.copy_forward(actor, "KE", "2026-Q1", FRAMEWORK, VERSION).id, 1,
                        [MeasureIn(title="Hotline")])
    store.ensure_country(actor, "XA", "Freedonia")
    store.create_assessment(actor, "XA", "2026", FRAMEWORK, VERSION)
    assert old.status.value == "validated"


@pytest.mark.parametrize("suffix", [".json", ".json.gz"])
def test_backup_then_restore_is_identical(store, empty_url, alice, ids, tmp_path, suffix):
    _fill(store, alice, ids)
    path = tmp_path / f"backup{suffix}"
    counts = store.backup(alice, path)
    assert counts["assessments"] == 3 and counts["entry_versions"] == 2
    with open_store(empty_url) as target:
        restored = target.restore(alice, path)
        assert restored == counts
        assert target.list_assessments(alice) == store.list_assessments(alice)
        for a in store.list_assessments(alice):
            assert target.get_assessment(alice, a.id) == store.get_assessment(alice, a.id)
        assert target.list_countries(alice) == store.list_countries(alice)
        # sequences continue after the restored ids
        fresh = target.create_assessment(alice, "UG", "2026-Q1", FRAMEWORK, VERSION)
        assert fresh.id == 4
        assert target.audit_log(alice, action="restore")[0].detail["rows"]["assessments"] == 3


def test_restore_refuses_a_non_empty_database(store, alice, ids, tmp_path):
    _fill(store, alice, ids)
    path = tmp_path / "b.json"
    store.backup(alice, path)
    before = store.data_version()
    with pytest.raises(InvalidInput, match="is not empty"):
        store.restore(alice, path)
    assert store.data_version() == before


def test_restore_is_all_or_nothing(store, empty_url, alice, ids, tmp_path):
    _fill(store, alice, ids)
    path = tmp_path / "b.json"
    store.backup(alice, path)
    data = json.loads(path.read_text())
    rows = data["tables"]["audit_log"]["rows"]
    rows.append(list(rows[-1]))  # duplicate primary key in the last table restored
    data["manifest"] = manifest_for(data["tables"])  # consistent file: the database itself must refuse
    path.write_text(json.dumps(data))
    with open_store(empty_url) as target:
        with pytest.raises(StoreError, match="nothing was written"):
            target.restore(alice, path)
        assert target.list_assessments(alice) == [] and target.list_countries(alice) == []
    (tmp_path / "junk.json").write_text('{"hello": 1}')
    with pytest.raises(InvalidInput, match="not a riskframe backup"):
        store.restore(alice, tmp_path / "junk.json")
    with pytest.raises(InvalidInput, match="no such file"):
        store.restore(alice, tmp_path / "nothing.json")


def test_backup_is_consistent_while_someone_writes(store, alice, ids, tmp_path):
    a = store.create_assessment(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)
    stop = threading.Event()
    writer = open_store(store.url)

    def keep_saving():
        rev, score = 1, 0
        while not stop.is_set():
            score = (score + 1) % 4
            rev = writer.save_entries(alice, a.id, rev, {"1.1": EntryIn(score=score), "1.2": EntryIn(score=score)},
                                      ids).revision

    thread = threading.Thread(target=keep_saving)
    thread.start()
    try:
        snapshots = []
        for n in range(2):
            path = tmp_path / f"b{n}.json"
            store.backup(alice, path)
            snapshots.append(json.loads(path.read_text())["tables"])
    finally:
        stop.set()
        thread.join()
        writer.close()
    heads = []
    for tables in snapshots:
        head = {row[0]: row[6] for row in tables["assessments"]["rows"]}[a.id]
        numbers = sorted(row[2] for row in tables["revisions"]["rows"] if row[1] == a.id)
        assert numbers == list(range(1, head + 1))
        versions = [row for row in tables["entry_versions"]["rows"] if row[1] == a.id]
        assert all(row[3] <= head for row in versions)
        assert len(versions) == 2 * (head - 1)  # both entries in every save
        heads.append(head)
    assert heads[-1] > 1, "the writer never got to save during the backups"


@pytest.mark.postgres
def test_backup_moves_between_engines(pg_cluster, pg_template, tmp_path, alice, ids):
    """A team outgrowing its SQLite file restores the backup on PostgreSQL (and back)."""
    lite_url = f"sqlite:///{tmp_path / 'lite.db'}"
    name = pg_cluster.create_database(template=pg_template)
    try:
        with open_store(lite_url) as lite, open_store(pg_cluster.url(name)) as pg:
            lite.upgrade()
            _fill(lite, alice, ids)
            expected = lite.list_assessments(alice)
            lite.backup(alice, tmp_path / "lite.json")
            pg.restore(alice, tmp_path / "lite.json")
            assert pg.list_assessments(alice) == lite.list_assessments(alice)
            assert pg.entries_frame(alice).equals(lite.entries_frame(alice))
            pg.backup(alice, tmp_path / "pg.json")
        with open_store(f"sqlite:///{tmp_path / 'back.db'}") as back:
            back.upgrade()
            back.restore(alice, tmp_path / "pg.json")
            assert back.list_assessments(alice) == expected
    finally:
        pg_cluster.drop_database(name)


def _backup(store: Store, alice: Actor, ids: set[str], path) -> dict:
    _fill(store, alice, ids)
    store.backup(alice, path)
    return json.loads(path.read_text())


def _refused(empty_url: str, alice: Actor, path, match: str) -> None:
    with open_store(empty_url) as target:
        with pytest.raises(InvalidInput, match=match):
            target.restore(alice, path)
        assert target.list_assessments(alice) == [] and target.list_countries(alice) == []


def test_a_backup_missing_a_table_is_refused(store, empty_url, alice, ids, tmp_path):
    path = tmp_path / "b.json"
    data = _backup(store, alice, ids, path)
    del data["tables"]["accounts"]  # with no account left the next visitor would become admin
    data["manifest"] = manifest_for(data["tables"])
    path.write_text(json.dumps(data))
    _refused(empty_url, alice, path, "table accounts: missing from the backup")


def test_a_wrong_type_is_refused_with_its_place(store, empty_url, alice, ids, tmp_path):
    path = tmp_path / "b.json"
    data = _backup(store, alice, ids, path)
    columns = data["tables"]["assessments"]["columns"]
    data["tables"]["assessments"]["rows"][0][columns.index("revision")] = "three"
    data["manifest"] = manifest_for(data["tables"])
    path.write_text(json.dumps(data))
    _refused(empty_url, alice, path, r"table assessments, row 1, column revision: must be a whole number")


def test_a_dangling_reference_is_refused(store, empty_url, alice, ids, tmp_path):
    path = tmp_path / "b.json"
    data = _backup(store, alice, ids, path)
    data["tables"]["countries"]["rows"] = [r for r in data["tables"]["countries"]["rows"] if r[0] != "KE"]
    data["manifest"] = manifest_for(data["tables"])
    path.write_text(json.dumps(data))
    _refused(empty_url, alice, path, r"column country_code: refers to countries.code values .*KE")


def test_an_edited_file_fails_its_checksum(store, empty_url, alice, ids, tmp_path):
    path = tmp_path / "b.json"
    data = _backup(store, alice, ids, path)
    columns = data["tables"]["countries"]["columns"]
    data["tables"]["countries"]["rows"][0][columns.index("name")] = "Edited"
    path.write_text(json.dumps(data))
    _refused(empty_url, alice, path, "countries: rows or checksum differ from the manifest")


def test_a_truncated_gzip_backup_is_refused_with_a_sentence(store, empty_url, alice, ids, tmp_path):
    path = tmp_path / "b.json.gz"
    _fill(store, alice, ids)
    store.backup(alice, path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    _refused(empty_url, alice, path, "damaged or incomplete")


def test_backups_are_owner_only_and_need_an_existing_folder(store, alice, ids, tmp_path):
    path = tmp_path / "b.json"
    store.backup(alice, path)
    assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(InvalidInput, match="does not exist; create it first"):
        store.backup(alice, tmp_path / "no" / "such" / "b.json")
    assert not (tmp_path / "no").exists()
