"""`riskframe scores rebuild [--check]`: verify the derived scores against a full rescore, and recompute them."""

from __future__ import annotations

import numpy as np
from sqlalchemy import update

from riskframe.store.derived_models import DerivedScore
from tests.charts.data import ADMIN, framework
from tests.cli_support import cli_invoker
from tests.store.test_derived_scores import _random_entries

FW = framework()


def test_rebuild_check_fails_with_a_sentence_until_rebuilt(monkeypatch, database_url, store, tmp_path):
    invoke = cli_invoker(monkeypatch, database_url, tmp_path)
    rng = np.random.default_rng(3)
    for period in ("2026-Q1", "2026-Q2"):  # written without the framework: no derived rows yet
        store.create_assessment(ADMIN, "XA", period, FW.id, FW.version, entries=_random_entries(FW, rng),
                                indicator_ids=FW.indicator_ids())
    checked = invoke("scores", "rebuild", "--check")
    assert checked.exit_code == 1 and checked.stdout == ""
    assert "2 of 2 assessments have derived scores that do not equal a full rescore" in checked.stderr
    assert "no derived row yet" in checked.stderr

    rebuilt = invoke("scores", "rebuild")
    assert rebuilt.exit_code == 0 and "Recomputed the derived scores of 2 assessments." in rebuilt.stdout
    ok = invoke("scores", "rebuild", "--check")
    assert ok.exit_code == 0 and "all 2 assessments equal a full rescore" in ok.stdout

    with store.db.write() as session:
        session.execute(update(DerivedScore).where(DerivedScore.assessment_id == 1).values(summary="{}"))
    differs = invoke("scores", "rebuild", "--check")
    assert differs.exit_code == 1 and "assessment 1: differs from a full rescore" in differs.stderr
    french = invoke("--lang", "fr", "scores", "rebuild", "--check")
    assert french.exit_code == 1 and "diffère d'un recalcul complet" in french.stderr
