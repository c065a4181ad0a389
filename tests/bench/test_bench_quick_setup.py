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


def _without_at(summary: str | None) -> object:
    import json

    return None if summary is None else {k: v for k, v in json.loads(summary).items() if k != "at"}


def _derived_rows(url: str) -> dict:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as c:
        rows = c.execute(sa.text("SELECT assessment_id, revision, fingerprint, summary, numbers "
                                 "FROM derived_scores ORDER BY assessment_id")).all()
    engine.dispose()
    return {r[0]: (r[1], r[2], r[3], bytes(r[4]) if r[4] is not None else None) for r in rows}


def test_demo_loaded_fast_has_the_rows_of_a_plain_load(tmp_path, sqlite_template):
    import numpy as np

    from bench.demo_db import load_demo_fast

    fw = load_framework(REPO_ROOT / "indicators")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(REPO_ROOT / "seeds" / "demo" / "xa-arvenia.yaml", seeds)
    urls = {}
    for name, loader in (("plain", load_demo), ("fast", load_demo_fast)):
        db = tmp_path / f"{name}.db"
        shutil.copyfile(sqlite_template, db)
        urls[name] = f"sqlite:///{db}"
        with open_store(urls[name]) as store:
            report = loader(store, fw, seeds, ADMIN)
            assert report.added > 0
            assert not store.check_scores(ADMIN, fw).problems
            views = [store.get_assessment(ADMIN, a.id) for a in store.list_assessments(ADMIN)]
            urls[name + "_views"] = [(v.country, v.period, v.status, v.revision,
                                      {k: e.model_dump(exclude={"changed_at"}) for k, e in v.entries.items()}) for v in views]
    assert urls["plain_views"] == urls["fast_views"]
    plain, fast = _derived_rows(urls["plain"]), _derived_rows(urls["fast"])
    assert plain.keys() == fast.keys() and plain
    for aid, (rev, fp, summary, numbers) in plain.items():
        f_rev, f_fp, f_summary, f_numbers = fast[aid]
        # "at" is the time of the last change: each load saved at its own moment (check_scores above
        # compares every stored row with a full rescore of its entries)
        assert (rev, fp, _without_at(summary)) == (f_rev, f_fp, _without_at(f_summary)), aid
        assert (numbers is None) == (f_numbers is None)
        if numbers is not None:
            assert np.allclose(np.frombuffer(numbers), np.frombuffer(f_numbers), rtol=1e-12, atol=1e-12,
                               equal_nan=True)
