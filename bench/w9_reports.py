"""W9: one assessment report as A4 PDF and as Word (demo data, XA 2025-Q4) vs reading and scoring it alone.

The baseline is `Assessments.score_report` on the same assessment (what `riskframe assessments score`
does): the floor of any report, which must read and score the assessment too. The report adds the
country's history, the sensitivity run for the tier's robustness, the chart and the rendering.
In --quick only XA's seed file is loaded (`_seeds`; tests/bench checks the report is the same).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bench.demo_db import load_demo_fast
from bench.timing import best_of, peak_rss_mb
from riskframe.assessments import Assessments
from riskframe.reports import assessment_report
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store

TARGETS = {"pdf": 2.0, "docx": 1.0}
QUICK_SEED = "xa-arvenia.yaml"  # the country of the reported assessment


def _seeds(quick: bool) -> Path:
    """The demo seeds; in --quick only the reported country's file (XA): a report reads its own
    country's assessments only, so the document is the same, and the set-up takes a sixth of the time."""
    seeds = REPO_ROOT / "seeds" / "demo"
    if not quick:
        return seeds
    subset = Path(tempfile.mkdtemp(prefix="rf-bench-reports-seeds-"))
    shutil.copy(seeds / QUICK_SEED, subset / QUICK_SEED)
    return subset


def run(fw, quick: bool) -> list[dict]:
    actor = Actor.system("bench")
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='rf-bench-reports-')) / 'demo.db'}"
    results = []
    with open_store(url) as store:
        store.upgrade()
        load_demo_fast(store, fw, _seeds(quick), actor)  # derived scores computed once (bench/demo_db.py)
        target = store.find_assessment(actor, "XA", "2025-Q4")
        assert target is not None
        service = Assessments(store, fw)
        repeat = 1 if quick else 3
        assessment_report(store, actor, fw, target.id, "pdf", lang="en")  # fonts, matplotlib: loaded once
        baseline = best_of(lambda: service.score_report(actor, target.id), repeat=repeat)
        for fmt, limit in TARGETS.items():
            sizes = {}

            def one(fmt: str = fmt, sizes: dict = sizes) -> None:
                outcome = assessment_report(store, actor, fw, target.id, fmt, lang="en")
                assert outcome.ok, outcome.message
                sizes["kb"] = len(outcome.data) / 1024

            seconds = best_of(one, repeat=repeat)
            results.append({
                "workload": f"W9 report one assessment, {fmt.upper()} ({sizes['kb']:.0f} KB)", "seconds": seconds,
                "baseline": "read and score the assessment alone", "baseline_seconds": baseline,
                "ratio": seconds / baseline, "target": f"≤ {limit:g} s", "met": seconds <= limit,
                "peak_rss_mb": peak_rss_mb()})
    return results
