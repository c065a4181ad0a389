"""The quick benchmark's cheaper set-ups measure the same thing as the full ones.

W9 --quick loads only the reported country's demo seed: the report of XA 2025-Q4 must be the same
as with other countries in the database (it would differ if the report read beyond its country).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys

from riskframe.demo import load_demo
from riskframe.framework import load_framework
from riskframe.reports.assemble import assemble
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store

if str(REPO_ROOT) not in sys.path:  # bench/ sits beside riskframe/ in the checkout, not in the wheel
    sys.path.insert(0, str(REPO_ROOT))

ADMIN = Actor.system("test")
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def _report_of_xa(tmp_path, template, seeds, name):
    db = tmp_path / f"{name}.db"
    shutil.copyfile(template, db)
    fw = load_framework(REPO_ROOT / "indicators")
    with open_store(f"sqlite:///{db}") as store:
        load_demo(store, fw, seeds, ADMIN)
        found = store.find_assessment(ADMIN, "XA", "2025-Q4")
        assert found is not None
        return assemble(store, ADMIN, fw, found.id, now=NOW)


def test_w9_quick_seed_gives_the_report_of_the_fuller_demo(tmp_path, sqlite_template):
    from bench.w9_reports import QUICK_SEED, _seeds

    quick_seeds = _seeds(True)
    assert sorted(p.name for p in quick_seeds.iterdir()) == [QUICK_SEED]
    fuller = tmp_path / "seeds"
    fuller.mkdir()
    for name in (QUICK_SEED, "xb-belmarra.yaml"):
        shutil.copy(REPO_ROOT / "seeds" / "demo" / name, fuller / name)
    quick = _report_of_xa(tmp_path, sqlite_template, quick_seeds, "quick")
    full = _report_of_xa(tmp_path, sqlite_template, fuller, "fuller")
    assert quick.model_dump() == full.model_dump()
    assert quick.cover.country == "XA"


def _reference_generate(fw, scale: str, seed: int = 20261125):
    """bench.synth.generate as first written: the string columns built from Python strings."""
    import numpy as np
    import pandas as pd

    from bench.synth import SCALES, periods

    n_countries, n_periods, n_revisions = SCALES[scale]
    rng = np.random.default_rng(seed)
    ids = list(fw.indicators)
    per = periods(n_periods)
    rows = n_countries * n_periods * n_revisions
    a = pd.DataFrame({
        "assessment_id": np.arange(rows),
        "country": np.repeat([f"S{c:03d}" for c in range(n_countries)], n_periods * n_revisions),
        "period": np.tile(np.repeat([p for p, _ in per], n_revisions), n_countries),
        "period_start": np.tile(np.repeat([d for _, d in per], n_revisions), n_countries),
        "revision": np.tile(np.arange(1, n_revisions + 1), n_countries * n_periods),
        "status": "validated",
    })
    n = rows * len(ids)
    draw = rng.random(n)
    score = rng.integers(0, 4, n).astype(float)
    missing = np.where(draw < 0.05, "unknown", np.where(draw < 0.08, "not_applicable", None))
    score[missing != None] = np.nan  # noqa: E711 - elementwise
    entries = pd.DataFrame({"assessment_id": np.repeat(a["assessment_id"].to_numpy(), len(ids)),
                            "indicator_id": np.tile(ids, rows), "score": score, "missing": missing})
    return entries, a


def test_synthetic_entries_are_those_built_from_python_strings():
    import pandas as pd

    from bench.synth import generate

    fw = load_framework(REPO_ROOT / "indicators")
    fast = generate(fw, "S")
    entries, assessments = _reference_generate(fw, "S")
    pd.testing.assert_frame_equal(fast.entries, entries)
    pd.testing.assert_frame_equal(fast.assessments, assessments)
    assert fast.entries["missing"].isna().any() and fast.entries["missing"].notna().any()
