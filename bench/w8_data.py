"""The databases the browser benchmark (W8) serves: the fictional demo data, or a synthetic portfolio.

The store takes ISO 3166-1 alpha-2 codes only, and just 42 of those are user-assigned (AA, QM–QZ,
XA–XZ, ZZ): 193 fictional countries cannot exist. The synthetic portfolio therefore has the 42
fictional codes × 92 quarters = 3,864 validated assessments (~607k entries), the same volume as
193 countries × 20 periods (3,860), with a draft and a submitted assessment for the interactions.
It is written in one transaction with bulk inserts (Store.bulk_load), derived scores included.
"""

from __future__ import annotations

import io
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from riskframe.domain import EntryIn
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store

ACTOR = Actor.system("bench")
SYNTH_CODES = ["AA", *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"), *(f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "ZZ"]
SYNTH_PERIODS = [f"{2004 + q // 4}-Q{q % 4 + 1}" for q in range(92)]  # 2004-Q1 … 2026-Q4


@dataclass
class Data:
    fw: Any
    store: Any
    url: str
    label: str
    draft_country: str
    draft_period: str
    countries: list[tuple[str, str]]  # (code, name), the first ones used by the dashboards' workloads
    compare_n: int
    build_seconds: float
    review_ids: list[int] = field(default_factory=list)

    def template(self, tmp: Path) -> Path:
        """A prefilled template of the draft with every score moved by one: its import shows a diff."""
        import openpyxl

        from riskframe.excel import layout
        from riskframe.excel.template import template_bytes

        a = self.store.list_assessments(ACTOR, country=self.draft_country, period=self.draft_period)[0]
        view = self.store.get_assessment(ACTOR, a.id)
        wb = openpyxl.load_workbook(io.BytesIO(template_bytes(self.fw, a.country, a.period, view, prefill=True)))
        ws = wb[layout.SHEET]
        for row in range(layout.FIRST_ROW, layout.FIRST_ROW + len(self.fw.indicators)):
            value = ws.cell(row, 5).value
            if isinstance(value, (int, float)):  # scored rows only: a missing reason stays as it is
                ws.cell(row, 5).value = (int(value) + 1) % 4
        path = tmp / "filled-template.xlsx"
        wb.save(path)
        return path

    def resubmit_returned(self) -> None:
        """Put the review workload's assessments that were returned back in the review queue."""
        for aid in self.review_ids:
            a = self.store.get_assessment(ACTOR, aid)
            if a.status == "returned":
                self.store.transition(ACTOR, aid, "submitted", a.revision)

    def close(self) -> None:
        self.store.close()


def _open(tmp: Path) -> tuple[Any, str]:
    tmp.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{tmp / 'app.db'}"
    store = open_store(url)
    store.upgrade()
    return store, url


def demo(fw: Any, tmp: Path, only: list[str] | None = None) -> Data:
    """The demo data; `only` (seed file names, e.g. xa-arvenia.yaml) loads just those countries."""
    from bench.demo_db import load_demo_fast

    store, url = _open(tmp)
    seeds = REPO_ROOT / "seeds" / "demo"
    if only:
        subset = tmp / "seeds"
        subset.mkdir()
        for name in only:
            shutil.copy(seeds / name, subset / name)
        seeds = subset
    t = time.perf_counter()
    load_demo_fast(store, fw, seeds, ACTOR)  # load_demo with the derived rows computed once at the end
    built = time.perf_counter() - t
    names = {c.code: c.name for c in store.list_countries(ACTOR)}
    draft = next(a for a in store.list_assessments(ACTOR) if a.status == "draft")
    review = [a.id for a in store.list_assessments(ACTOR, status="submitted")]
    return Data(fw, store, url, f"demo data ({len(names)} fictional countries"
                + (", a subset)" if only else ")"), draft.country, draft.period,
                sorted(names.items()), len(names), built, review)


def _entries(fw: Any, rng: np.random.Generator) -> dict[str, EntryIn]:
    ids = list(fw.indicators)
    draw, scores = rng.random(len(ids)), rng.integers(0, 4, len(ids))
    return {i: (EntryIn(missing="unknown") if d < 0.05 else EntryIn(missing="not_applicable") if d < 0.08
                else EntryIn(score=int(s), confidence="medium", evidence="Synthetic."))
            for i, d, s in zip(ids, draw, scores)}


def load_synthetic(store: Any, fw: Any, periods: list[str] | None = None) -> tuple[float, list[int]]:
    """Write the synthetic portfolio into `store` (one transaction, bulk inserts, derived scores included:
    Store.bulk_load); (seconds taken, ids of the assessments left submitted for Review)."""
    from riskframe.store.bulk import BulkAssessment

    periods = periods or SYNTH_PERIODS
    rng = np.random.default_rng(20261203)
    t = time.perf_counter()
    items = []
    for k, code in enumerate(SYNTH_CODES):
        for period in periods:
            last = period == periods[-1]
            status = "draft" if k == 0 and last else "submitted" if k == 1 and last else "validated"
            items.append(BulkAssessment(code, period, status, _entries(fw, rng)))
    ids = store.bulk_load(ACTOR, fw, items)
    for code in SYNTH_CODES:
        store.ensure_country(ACTOR, code, f"Fictional {code}")
    review = [i for i, item in zip(ids, items) if item.status == "submitted"]
    return time.perf_counter() - t, review


def synthetic(fw: Any, tmp: Path, periods: list[str] | None = None) -> Data:
    """42 fictional countries × 92 quarters, validated; the last quarter of the first two is left as a
    draft (for the Assess workloads) and submitted (for Review)."""
    store, url = _open(tmp)
    periods = periods or SYNTH_PERIODS
    built, review = load_synthetic(store, fw, periods)
    codes = [(c, f"Fictional {c}") for c in SYNTH_CODES]
    return Data(fw, store, url, f"synthetic {len(SYNTH_CODES)} fictional countries × {len(periods)} quarters",
                SYNTH_CODES[0], periods[-1], codes, 10, built, review)
