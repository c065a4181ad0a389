"""The demo data set: seeds/demo/*.yaml loaded through the Store API, idempotently."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from riskframe.cli import demo_cmd
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store
from riskframe.demo import SeedInvalid, load_demo

SEEDS = REPO_ROOT / "seeds" / "demo"
ADMIN = Actor.system("test")

MINIMAL = {
    "country": "XZ", "name": "Zedland (fictional)", "narrative": "A two-quarter test country.",
    "focal_point": "focal.xz", "reviewer": "analyst.test", "periods": {"first": "2025-Q1", "last": "2025-Q2"},
    "sources": ["Zedland monitor, {quarter}"],
    "baseline": {"1": 1, "99": 2, "R1": 2, "13": "not_applicable"},
    "arcs": {"7.14": {"quarters": {"2025-Q1": [1, "Slurs online."], "2025-Q2": [2, "Slurs at rallies."]}},
             "99.9": {"quarters": {"2025-Q1": [3, "An indicator the framework does not have."]}}},
    "measures": [{"id": "m1", "title": "Monitor", "type": "operational", "owner": "Focal point",
                  "due": "2025-12-31", "linked": ["7.14", "42.1"], "status": {"2025-Q1": "proposed"}}],
    "workflow": {"2025-Q2": {"status": "draft"}},
}


@pytest.fixture(scope="module")
def fw():
    return load_framework(REPO_ROOT / "indicators")


def fresh_store(directory: Path):
    store = open_store(f"sqlite:///{directory / 'demo.db'}")
    store.upgrade()
    return store


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, fw):
    store = fresh_store(tmp_path_factory.mktemp("demo"))
    report = load_demo(store, fw, SEEDS, ADMIN)
    yield store, report
    store.close()


def write_seed(directory: Path, name: str, data: dict) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_demo_has_48_assessments_over_6_fictional_countries(loaded):
    store, report = loaded
    assessments = store.list_assessments(ADMIN)
    assert report.added == len(assessments) >= 48 and report.skipped == 0
    per_country = Counter(a.country for a in assessments)
    assert len(per_country) >= 6 and min(per_country.values()) >= 8
    countries = store.list_countries(ADMIN)
    assert {c.code for c in countries} >= {"XA", "XB", "XC", "XD", "XE", "XF"}
    assert all(c.user_assigned and "fictional" in c.name.lower() for c in countries)
    statuses = Counter(a.status.value for a in assessments)
    assert statuses == report.statuses
    assert statuses["draft"] == 1 and statuses["returned"] >= 1 and statuses["submitted"] >= 1
    assert statuses["validated"] > len(assessments) / 2
    draft = next(a for a in assessments if a.status.value == "draft")
    assert draft.period == max(a.period for a in assessments if a.country == draft.country)


def test_assessments_cover_most_indicators_with_evidence(loaded, fw):
    store, _ = loaded
    frame = store.entries_frame(ADMIN)
    statuses = frame.groupby("assessment_id")["status"].first()
    coverage = frame.groupby("assessment_id").size() / len(fw.indicators)
    assert (coverage[statuses != "draft"] >= 0.9).all() and (coverage >= 0.6).all()
    assert {"unknown", "not_applicable"} <= set(frame["missing"].dropna())
    scored = frame[frame["score"].notna()]
    assert scored["evidence"].str.len().min() > 15
    arc = frame[(frame.country == "XA") & (frame.indicator_id == "7.14")].sort_values("period_start")
    assert arc["score"].tolist()[0] < arc["score"].max()  # the story moves
    assert arc["evidence"].nunique() == len(arc)


def test_workflow_history_is_realistic(loaded):
    store, _ = loaded
    assessments = store.list_assessments(ADMIN)
    returned = next(a for a in assessments if a.status.value == "returned")
    notes = [r.note for r in store.list_revisions(ADMIN, returned.id) if r.kind == "status"]
    assert notes[-1] and len(notes[-1]) > 20  # the reviewer's comments
    for a in assessments:
        if a.status.value == "validated":
            assert a.submitted_by.startswith("focal.") and a.validated_by == "analyst.demo"
    xb = next(a for a in assessments if a.country == "XB" and a.period == "2024-Q4")
    kinds = [(r.kind, r.status.value) for r in store.list_revisions(ADMIN, xb.id) if r.kind == "status"]
    assert kinds == [("status", s) for s in ("submitted", "returned", "submitted", "validated")]
    assert "reviewer" in store.get_assessment(ADMIN, xb.id).entries["1.6"].comment
    xa = [a for a in assessments if a.country == "XA"]
    view = store.get_assessment(ADMIN, xa[2].id)
    previous = {m.key for m in store.get_assessment(ADMIN, xa[1].id).measures}
    assert view.vulnerable_groups and view.consultations and view.measures
    assert any(m.previous_measure_id in previous and m.follow_up for m in view.measures)


def test_loading_twice_adds_nothing(loaded, fw):
    store, first = loaded
    version = store.data_version()
    again = load_demo(store, fw, SEEDS, ADMIN)
    assert again.added == 0 and again.skipped == first.added
    assert store.data_version() == version


def test_bad_seed_file_names_file_and_field_and_writes_nothing(tmp_path, fw):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    bad = {**MINIMAL, "colour": "blue", "periods": {"first": "2025-Q5", "last": "2025-Q2"}}
    write_seed(seeds, "xz-bad.yaml", bad)
    store = fresh_store(tmp_path)
    with pytest.raises(SeedInvalid) as caught:
        load_demo(store, fw, seeds, ADMIN)
    issues = {(i.file, i.field) for i in caught.value.issues}
    assert ("xz-bad.yaml", "colour") in issues and ("xz-bad.yaml", "periods.first") in issues
    assert "2025-Q5" in str(caught.value)
    assert store.list_assessments(ADMIN) == [] and store.list_countries(ADMIN) == []


def test_unknown_ids_are_skipped_and_reported(tmp_path, fw):
    write_seed(tmp_path / "seeds", "xz.yaml", MINIMAL)
    store = fresh_store(tmp_path)
    report = load_demo(store, fw, tmp_path / "seeds", ADMIN)
    assert report.added == 2 and report.statuses == {"validated": 1, "draft": 1}
    assert report.unknown_ids == {"xz.yaml": ["42.1", "99.9", "factor 99"]}
    first = store.get_assessment(ADMIN, store.find_assessment(ADMIN, "XZ", "2025-Q1").id)
    assert first.entries["7.14"].score == 1 and "99.9" not in first.entries
    assert first.measures[0].linked_ids == ["7.14"]


def test_cli_demo_loads_then_skips_and_exits_2_on_bad_seeds(tmp_path):
    @click.group()
    def cli() -> None:
        pass

    demo_cmd.register(cli)
    write_seed(tmp_path / "good", "xz.yaml", MINIMAL)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    first = runner.invoke(cli, ["demo", "--database-url", url, "--seeds", str(tmp_path / "good")])
    assert first.exit_code == 0, first.output
    assert "added 2 assessments, skipped 0 (already present)" in first.stdout
    assert "99.9" in first.stderr  # skipped id reported
    second = runner.invoke(cli, ["demo", "--database-url", url, "--seeds", str(tmp_path / "good")])
    assert "added 0 assessments, skipped 2 (already present)" in second.stdout
    write_seed(tmp_path / "bad", "xz.yaml", {**MINIMAL, "periods": {"first": "2025-Q1", "last": "25Q2"}})
    bad = runner.invoke(cli, ["demo", "--database-url", f"sqlite:///{tmp_path / 'bad.db'}",
                              "--seeds", str(tmp_path / "bad")])
    assert bad.exit_code == 2 and bad.stdout == ""
    assert "xz.yaml: periods.last" in bad.stderr and "25Q2" in bad.stderr
    assert not (tmp_path / "bad.db").exists()
