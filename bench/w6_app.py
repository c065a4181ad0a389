"""W6: the app — AppTest render time of Assess and the comparison dashboard; cold start to healthy.

Baselines in the same run: an AppTest of a one-line page; `streamlit run` of the floor page
(bench/floor_app.py) to healthy beside `riskframe app` to healthy.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.timing import best_of
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store


_COMPONENTS: dict[str, object] = {}


def _apptest(script: str) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(script, default_timeout=120)
    # Set-up only: each new AppTest scans every installed package's metadata for Streamlit components
    # (~0.4 s, in its untimed first run); the three AppTests here share the first one's registry.
    if _COMPONENTS and hasattr(at, "_bidi_component_manager"):
        at._bidi_component_manager = _COMPONENTS["manager"]
    at.run()  # warm: imports, caches
    assert not at.exception, [e.value for e in at.exception]
    if getattr(at, "_bidi_component_manager", None) is not None:
        _COMPONENTS.setdefault("manager", at._bidi_component_manager)
    return best_of(lambda: at.run(), repeat=3)


def cold_start(db_url: str, tmp: Path, script: Path | None = None) -> float:
    """Seconds from starting `riskframe app` (or `streamlit run SCRIPT`) to /_stcore/health answering:
    bench/browser_harness.py's Server, the command and flags people run, on a database at head."""
    from bench import browser_harness as h

    server = h.Server(h.app_env(db_url, tmp), tmp / f"cold-{'floor' if script else 'app'}.log", script=script)
    t = time.perf_counter()
    try:
        server.start()
        return time.perf_counter() - t
    finally:
        server.stop()


def run(fw, quick: bool) -> list[dict]:
    from bench.demo_db import load_demo_fast

    tmp = Path(tempfile.mkdtemp(prefix="rf-bench-app-"))
    url = f"sqlite:///{tmp / 'app.db'}"
    os.environ["RISKFRAME_DATABASE_URL"] = url
    os.environ["RISKFRAME_AUTH"] = "off"  # no account in the bench database: pages run as the local admin
    store = open_store(url)
    store.upgrade()
    if quick:  # one fully scored assessment is enough to render Assess
        from riskframe.domain import EntryIn

        actor = Actor.system("bench")
        store.ensure_country(actor, "XA")
        draft = store.create_assessment(actor, "XA", "2026-Q3", fw.id, fw.version)
        store.save_entries(actor, draft.id, draft.revision, {i: EntryIn(score=n % 4, evidence="bench")
                                                             for n, i in enumerate(fw.indicators)}, fw.indicator_ids())
    else:
        load_demo_fast(store, fw, REPO_ROOT / "seeds" / "demo", Actor.system("bench"))  # bench/demo_db.py
        draft = next(a for a in store.list_assessments(Actor.system("bench")) if a.status == "draft")
    baseline = _apptest("import streamlit as st\nst.write('hello')\n")
    assess = _apptest(
        "import streamlit as st\n"
        f"st.query_params.update(country={draft.country!r}, period={draft.period!r})\n"
        "from riskframe.app.pages import assess\nassess.page()\n")
    results = [{
        "workload": f"W6 AppTest Assess ({len(fw.indicators)} indicators, one section shown)", "seconds": assess,
        "baseline": "AppTest of a one-line page", "baseline_seconds": baseline, "ratio": assess / baseline,
        "target": "< 1 s", "met": assess < 1.0,
    }]
    comparison = _apptest("from riskframe.app.pages import dashboards\ndashboards.comparison_page()\n")
    results.append({"workload": f"W6 AppTest comparison dashboard ({'one assessment' if quick else 'demo data'})",
                    "seconds": comparison, "baseline": "AppTest of a one-line page", "baseline_seconds": baseline,
                    "ratio": comparison / baseline, "target": "< 1 s", "met": comparison < 1.0})
    floor = cold_start(f"sqlite:///{tmp / 'floor.db'}", tmp, REPO_ROOT / "bench" / "floor_app.py")
    start = cold_start(url, tmp)
    results.append({"workload": "W6 `riskframe app` cold start, process start to healthy (Home drawn: "
                                "python -m bench.cold_start)", "seconds": start,
                    "baseline": "`streamlit run` of the one-button floor page, to healthy", "baseline_seconds": floor,
                    "ratio": start / floor, "target": "", "met": None})
    store.close()
    return results
