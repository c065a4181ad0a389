"""Reference series in the store and on the command line: one transaction, access rules, audit, listing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riskframe.store import Actor, InvalidInput, PermissionDenied, StoreError, open_store
from riskframe.store.reference import References, ReferenceSeriesIn
from tests.cli_support import cli_invoker

FIX = Path(__file__).parent / "fixtures"
SYSTEM = Actor.system("test")
META = {"name": "Test series", "kind": "csv", "source": "invented", "licence": "none (test data)"}
VALUE = {"country": "KE", "year": 2026, "covers_from": 2026, "covers_to": 2026, "value": 1.0}


@pytest.fixture
def store(database_url):
    """An upgraded database on each engine (SQLite, and PostgreSQL where tests/pg.py can start one)."""
    s = open_store(database_url)
    yield s
    s.close()


def test_import_needs_review_or_admin_and_reading_needs_read(store):
    refs = References(store)
    for role in ("focal_point", "viewer"):
        with pytest.raises(PermissionDenied):
            refs.import_series(Actor(username="x", role=role, countries=frozenset({"KE"})), META, [VALUE])
    analyst = Actor(username="ana", role="analyst", countries=frozenset({"KE"}))
    out = refs.import_series(analyst, META, [VALUE, {**VALUE, "country": "NO", "value": 2.0}])
    assert (out.n_values, out.years, out.imported_by) == (2, (2026, 2026), "ana")
    viewer = Actor(username="v", role="viewer", countries=frozenset({"XA"}))  # another country: still every value
    assert set(refs.values(viewer)["country"]) == {"KE", "NO"}
    assert [s.name for s in refs.list_series(viewer)] == ["Test series"]
    with pytest.raises(StoreError):  # the read check is kept: no actor, no data
        refs.values("ana")  # type: ignore[arg-type]
    log = store.audit_log(SYSTEM)
    assert any(e.action == "reference.import" and e.actor == "ana" for e in log)
    denied = sorted(e.detail["action"] for e in log if e.actor == "x")  # both refusals audited
    assert denied == ["change", "import_reference"]  # a viewer may change nothing; a focal point not this


def test_a_duplicate_or_bad_value_writes_nothing(store):
    refs = References(store)
    with pytest.raises(InvalidInput):
        refs.import_series(SYSTEM, META, [VALUE, VALUE])
    with pytest.raises(InvalidInput):
        refs.import_series(SYSTEM, META, [VALUE, {**VALUE, "country": "Kenya"}])
    with pytest.raises(InvalidInput):
        refs.import_series(SYSTEM, ReferenceSeriesIn(**{**META, "licence": " x "}), [])
    assert refs.list_series(SYSTEM) == [] and refs.values(SYSTEM).empty


@pytest.fixture
def run(monkeypatch, tmp_path):
    return cli_invoker(monkeypatch, f"sqlite:///{tmp_path / 'cli.db'}", tmp_path, actor="ops")


def test_cli_imports_an_ewp_file_and_lists_the_names_it_could_not_map(run):
    assert run("db", "upgrade").exit_code == 0
    done = run("reference", "import", FIX / "ewp_small.csv", "--format", "ewp", "--retrieved", "2025-03-01")
    assert done.exit_code == 0, done.stderr
    assert 'imported series 1 "EWP statistical risk assessment 2025": 9 value(s)' in done.stdout
    assert "base year 2024" in done.stdout and "2025–2026" in done.stdout
    assert "1 row(s) could not be mapped" in done.stdout and "row 9: Atlantis" in done.stdout
    full = run("reference", "import", FIX / "ewp_full.csv", "--format", "ewp", "--name", "EWP 2024")
    assert full.exit_code == 0 and "row 5: Mystery Land (ccode 9999)" in full.stdout
    listed = json.loads(run("reference", "list", "--format", "json").stdout)
    assert [(s["name"], s["n_values"], s["base_year"], s["retrieved"]) for s in listed] == [
        ("EWP 2024", 5, 2023, None), ("EWP statistical risk assessment 2025", 9, 2024, "2025-03-01")]
    assert "no licence published" in listed[0]["licence"]
    table = run("reference", "list").stdout
    assert "EWP 2024" in table and "2024–2025" in table


def test_cli_refuses_a_file_with_bad_values_and_writes_nothing(run):
    assert run("db", "upgrade").exit_code == 0
    bad = run("reference", "import", FIX / "ewp_bad.csv", "--format", "ewp")
    assert bad.exit_code == 2
    assert "4 problem(s); nothing was imported" in bad.stderr
    assert "row 4, column risk_1or2.from2024: 1.4 is not a probability" in bad.stderr
    assert json.loads(run("reference", "list", "--format", "json").stdout) == []


def test_cli_csv_needs_source_and_licence(run):
    assert run("db", "upgrade").exit_code == 0
    refused = run("reference", "import", FIX / "generic.csv", "--format", "csv")
    assert refused.exit_code == 2 and "--source and --licence" in refused.stderr
    late = run("reference", "import", FIX / "generic.csv", "--format", "csv", "--source", "s", "--licence", "l",
               "--retrieved", "March 2025")
    assert late.exit_code == 2 and "--retrieved March 2025: give the date as YYYY-MM-DD" in late.stderr
    done = run("reference", "import", FIX / "generic.csv", "--format", "csv", "--source", "our own index",
               "--licence", "CC BY 4.0")
    assert done.exit_code == 0 and "3 value(s)" in done.stdout and "row 5: ZZZ" in done.stdout
    [series] = json.loads(run("reference", "list", "--format", "json").stdout)
    assert (series["name"], series["source"], series["licence"]) == ("generic", "our own index", "CC BY 4.0")
