"""Three-way merge on import (issue 16): a colleague's change made after the template survives the
import, the file's own changes apply, and only a field both changed stops it (exit 2) unless --prefer."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from riskframe.cli import excel_cmds
from riskframe.excel.template import template_bytes
from tests.conftest import ENGINES
from tests.excel.helpers import ACTOR, OTHER, create, deterministic_store, fill, sample_entries

A, B, C = "1.6", "1.7", "1.9"


@pytest.fixture(params=ENGINES)
def engine_url(request, tmp_path):
    """sqlite always; PostgreSQL when the cluster can start (marked `postgres`)."""
    if request.param == "sqlite":
        return request.getfixturevalue("db_url")
    from tests.conftest import _pg_database
    return _pg_database(request, 0)


@pytest.fixture
def scenario(fw, engine_url, monkeypatch, tmp_path):
    """A prefilled template made at the head; then another user changes indicator A in the app."""
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", engine_url)
    monkeypatch.setenv("RISKFRAME_ACTOR", "focal.cli")
    store = deterministic_store(engine_url)
    view = create(store, fw, entries=sample_entries(fw))
    template = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    theirs = {"score": _other(view.entries[A].score), "evidence": "Colleague's update on A"}
    store.save_entries(OTHER, view.id, view.revision, {A: theirs}, fw)
    yield store, view, template, theirs
    store.close()


def _other(score):
    return next(x for x in (0, 1, 2, 3) if x != score)


def invoke(*args):
    group = click.Group("riskframe")
    excel_cmds.register(group)
    return CliRunner().invoke(group, [str(a) for a in args])


def test_changes_to_other_indicators_merge_and_keep_the_colleagues_value(fw, scenario, tmp_path):
    store, view, template, theirs = scenario
    b, c = _other(view.entries[B].score), _other(view.entries[C].score)
    path = tmp_path / "offline.xlsx"
    path.write_bytes(fill(template, {B: {"score": b, "missing": None, "evidence": "new B"},
                                     C: {"score": c, "missing": None}}))
    preview = invoke("import", path)
    assert preview.exit_code == 0, preview.stderr
    assert "kept from colleagues" in preview.stdout and f"  {A} " in preview.stdout and "analyst.b" in preview.stdout
    done = invoke("import", path, "--yes")
    assert done.exit_code == 0, done.stderr
    entries = store.get_assessment(ACTOR, view.id).entries
    assert (entries[A].score, entries[A].evidence, entries[A].changed_by) == (
        theirs["score"], theirs["evidence"], "analyst.b")
    assert (entries[B].score, entries[B].evidence, entries[C].score) == (b, "new B", c)
    assert entries[B].changed_by == entries[C].changed_by == "focal.cli"


def test_a_file_changing_the_colleagues_indicator_exits_2_unless_prefer(fw, scenario, tmp_path):
    store, view, template, theirs = scenario
    mine = next(x for x in (0, 1, 2, 3) if x not in (view.entries[A].score, theirs["score"]))
    path = tmp_path / "offline.xlsx"
    path.write_bytes(fill(template, {A: {"score": mine, "missing": None},
                                     B: {"score": _other(view.entries[B].score), "missing": None}}))
    head = store.get_assessment(ACTOR, view.id).revision
    refused = invoke("import", path, "--yes")
    assert refused.exit_code == 2
    assert f"indicator {A} score" in refused.stderr and "analyst.b" in refused.stderr
    assert f"indicator {B}" not in refused.stderr  # only the field both changed is a conflict
    assert store.get_assessment(ACTOR, view.id).revision == head  # nothing written
    kept = invoke("import", path, "--yes", "--prefer", "theirs")
    assert kept.exit_code == 0, kept.stderr
    assert store.get_assessment(ACTOR, view.id).entries[A].score == theirs["score"]
    assert store.get_assessment(ACTOR, view.id).entries[B].score == _other(view.entries[B].score)
    path.write_bytes(fill(template, {A: {"score": mine, "missing": None}}))
    forced = invoke("import", path, "--yes", "--prefer", "mine")
    assert forced.exit_code == 0, forced.stderr
    entries = store.get_assessment(ACTOR, view.id).entries
    assert entries[A].score == mine and entries[A].evidence == theirs["evidence"]  # evidence was only theirs


def test_fields_the_template_cannot_hold_survive_an_import(fw, db_url, monkeypatch, tmp_path):
    """The direction of change has no column: importing a file that changes the score of the same
    indicator must not blank the trend recorded in the app."""
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", db_url)
    monkeypatch.setenv("RISKFRAME_ACTOR", "focal.cli")
    store = deterministic_store(db_url)
    view = create(store, fw, entries=sample_entries(fw))
    rev = store.save_entries(ACTOR, view.id, view.revision,
                             {B: {**view.entries[B].model_dump(include={"score", "missing", "evidence"}),
                                  "trend": "rising"}}, fw).revision
    template = template_bytes(fw, "XA", "2026-Q3", store.get_assessment(ACTOR, view.id), prefill=True)
    path = tmp_path / "offline.xlsx"
    path.write_bytes(fill(template, {B: {"score": _other(view.entries[B].score), "missing": None}}))
    assert invoke("import", path, "--yes").exit_code == 0
    after = store.get_assessment(ACTOR, view.id)
    assert after.revision == rev + 1 and after.entries[B].trend == "rising"
    store.close()
