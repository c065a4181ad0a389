"""`riskframe measures list|status|history|adopt|overdue|counts`, in-process, on a fictional country."""

from __future__ import annotations

import json

import pytest

from riskframe.assessments import Assessments
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT
from riskframe.store import open_store
from tests.cli_support import cli_invoker
from tests.measures.conftest import FOCAL, validated


@pytest.fixture
def setup(tmp_path, monkeypatch):
    """Q1 validated with an agreed measure due 2025-Q4 (so overdue), copied forward to Q2."""
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with open_store(url) as store:
        store.upgrade()
        service = Assessments(store, load_framework(REPO_ROOT / "indicators"))
        validated(service, "2026-Q1", [{"title": "National action plan", "status": "agreed", "due_period": "2025-Q4",
                                        "upr_recommendation_id": "150.12"}])
        q2 = service.copy_forward(FOCAL, "XA", "2026-Q2")
        key = service.get(FOCAL, q2.id).measures[0].key
    return cli_invoker(monkeypatch, url, tmp_path, actor="ops"), q2.id, key


def test_list_status_and_history(setup):
    run, aid, key = setup
    listed = run("measures", "list", "--assessment", aid)
    assert listed.exit_code == 0, listed.stderr
    assert key in listed.stdout and "Agreed" in listed.stdout and "2025-Q4" in listed.stdout and "150.12" in listed.stdout
    [row] = json.loads(run("measures", "list", "--assessment", aid, "--format", "json").stdout)
    assert (row["key"], row["status"], row["overdue"]) == (key, "agreed", True)
    done = run("measures", "status", "--assessment", aid, "--measure", key, "--to", "implemented")
    assert done.exit_code == 0, done.stderr
    assert "Implemented" in done.stdout
    history = json.loads(run("measures", "history", "--assessment", aid, "--measure", key, "--format", "json").stdout)
    assert [(h["period"], h["status"]) for h in history] == [
        ("2026-Q1", "agreed"), ("2026-Q2", "agreed"), ("2026-Q2", "implemented")]
    table = run("measures", "history", "--assessment", aid, "--measure", key).stdout
    assert "2026-Q1" in table and "(carried over)" in table


def test_refusals_are_sentences(setup):
    run, aid, key = setup
    dropped = run("measures", "status", "--assessment", aid, "--measure", key, "--to", "dropped")
    assert dropped.exit_code == 2 and "status_reason" in dropped.stderr and not dropped.stdout
    missing = run("measures", "history", "--assessment", aid, "--measure", "nokey")
    assert missing.exit_code == 2 and "has no measure nokey" in missing.stderr
    stale = run("measures", "status", "--assessment", aid, "--measure", key, "--to", "in_progress",
                "--seen-revision", 99)
    assert stale.exit_code == 2 and not stale.stdout
    unknown = run("measures", "adopt", "--assessment", aid, "--option", "no_such_option")
    assert unknown.exit_code == 2 and "measures catalogue" in unknown.stderr


def test_adopt_overdue_and_counts(setup):
    run, aid, key = setup
    adopted = run("measures", "adopt", "--assessment", aid, "--option", "hate_speech_laws", "--indicator", "1.1")
    assert adopted.exit_code == 0, adopted.stderr
    measures = json.loads(run("measures", "list", "--assessment", aid, "--format", "json").stdout)
    new = next(m for m in measures if m["option_id"] == "hate_speech_laws")
    assert (new["status"], new["linked_ids"]) == ("proposed", ["1.1"])
    overdue = json.loads(run("measures", "overdue", "--format", "json").stdout)
    assert [(o["country"], o["key"], o["due_period"]) for o in overdue] == [("XA", key, "2025-Q4")]
    assert "National action plan" in run("measures", "overdue").stdout
    [counts] = json.loads(run("measures", "counts", "--format", "json").stdout)
    assert (counts["country"], counts["counts"]["agreed"], counts["counts"]["proposed"], counts["overdue"]) == (
        "XA", 1, 1, 1)
    assert "Proposed" in run("measures", "counts").stdout

