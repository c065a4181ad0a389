"""Test databases for the dashboards, built through the Store API only (fictional XA–XF codes).

`scenario_db` holds a few hand-made assessments whose alerts are known in advance; `demo_db`
holds the demo seeds. Each is built once per test process and copied for every test that needs it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from functools import cache
from pathlib import Path

from riskframe.domain import EntryIn
from riskframe.framework import Framework, load_framework
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store
from riskframe.demo import load_demo

ADMIN = Actor.system("test")
TODAY = dt.date(2026, 1, 15)  # 2025-Q4 ended 15 days before; 2024-Q1 long before


@cache
def framework() -> Framework:
    return load_framework(REPO_ROOT / "indicators")


def risk_entries(fw: Framework, level: int, overrides: dict[str, int] | None = None,
                 flags_at: int | None = None) -> dict[str, EntryIn]:
    """Every risk indicator at `level` (red flags at `flags_at` if given), evidence naming the value."""
    table = fw.indicator_table
    out = {}
    for iid, row in table[table["kind"] == "risk"].iterrows():
        score = flags_at if (flags_at is not None and row["red_flag"]) else level
        score = (overrides or {}).get(iid, score)
        out[iid] = EntryIn(score=score, confidence="medium", evidence=f"{iid} scored {score}.")
    return out


def add(store, fw, country: str, period: str, entries: dict[str, EntryIn], status: str = "validated") -> int:
    a = store.create_assessment(ADMIN, country, period, fw.id, fw.version)
    rev = store.save_entries(ADMIN, a.id, a.revision, entries, fw.indicator_ids()).revision
    if status in ("submitted", "validated", "returned"):
        rev = store.transition(ADMIN, a.id, "submitted", rev).revision
    if status == "validated":
        store.transition(ADMIN, a.id, "validated", rev)
    if status == "returned":
        store.transition(ADMIN, a.id, "returned", rev, "Please complete the evidence.")
    return a.id


def build_scenario(store, fw) -> None:
    """XA: tier rises and jumps (+ a newer draft); XB: only a new red flag; XC: overdue; XD: steady."""
    for code, name in (("XA", "Arvenia (fictional)"), ("XB", "Belmarra (fictional)"),
                       ("XC", "Calvoria (fictional)"), ("XD", "Doravia (fictional)"), ("XE", "Estrovia (fictional)")):
        store.ensure_country(ADMIN, code, name)
    add(store, fw, "XA", "2025-Q3", risk_entries(fw, 1))
    add(store, fw, "XA", "2025-Q4", risk_entries(fw, 2))
    add(store, fw, "XA", "2026-Q1", risk_entries(fw, 3), status="draft")
    add(store, fw, "XB", "2025-Q3", risk_entries(fw, 2, flags_at=1))
    add(store, fw, "XB", "2025-Q4", risk_entries(fw, 2, flags_at=1, overrides={"7.14": 3}))
    add(store, fw, "XC", "2024-Q1", risk_entries(fw, 1))
    add(store, fw, "XD", "2025-Q3", risk_entries(fw, 0))
    add(store, fw, "XD", "2025-Q4", risk_entries(fw, 0))
    add(store, fw, "XE", "2025-Q4", risk_entries(fw, 1), status="submitted")  # no validated assessment


def _template(name: str, fill) -> Path:
    path = Path(tempfile.mkdtemp(prefix=f"riskframe-{name}-")) / "template.db"
    with open_store(f"sqlite:///{path}") as store:
        store.upgrade()
        fill(store, framework())
    return path


@cache
def scenario_template() -> Path:
    return _template("scenario", build_scenario)


@cache
def demo_template() -> Path:
    return _template("demo", lambda store, fw: load_demo(store, fw, REPO_ROOT / "seeds" / "demo", ADMIN))


def copy_to(template: Path, target: Path) -> str:
    """Copy a template database to `target`; returns its SQLAlchemy URL."""
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"
