"""Time the Excel layer on a portfolio: 193 countries × 8 quarters, every indicator filled.

    .venv/bin/python bench/excel_portfolio.py [--db /tmp/riskframe-bench.db]

Builds the database once (through the Store API, a few minutes), then times: one assessment
exported, the 193-country comparison export (trend over 8 periods), a template, and the import
of a filled template. Prints seconds; asserts nothing (timings vary by machine).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import time
from pathlib import Path

import openpyxl
import pycountry

from riskframe.domain import EntryIn
from riskframe.excel import layout
from riskframe.excel.export import export_workbook
from riskframe.excel.export_data import Selection
from riskframe.excel.importer import apply_import, plan_import
from riskframe.excel.reader import read_template
from riskframe.excel.template import template_bytes
from riskframe.framework import load_framework
from riskframe.store import Actor, open_store

PERIODS = [f"{y}-Q{q}" for y in (2025, 2026) for q in (1, 2, 3, 4)]


def _score(*parts: str) -> int:
    return hashlib.sha256("|".join(parts).encode()).digest()[0] % 4


def build(url: str, fw, actor: Actor) -> None:
    store = open_store(url)
    store.upgrade()
    if store.list_assessments(actor):
        return
    codes = sorted(c.alpha_2 for c in pycountry.countries)[:193]
    t = time.perf_counter()
    for code in codes:
        store.ensure_country(actor, code)
        for period in PERIODS:
            a = store.create_assessment(actor, code, period, fw.id, fw.version)
            entries = {iid: EntryIn(score=_score(code, period, iid), confidence="medium",
                                    evidence=f"Bench evidence for {iid} in {period}.") for iid in fw.indicators}
            store.save_entries(actor, a.id, a.revision, entries, fw)
    print(f"built {len(codes)} × {len(PERIODS)} assessments in {time.perf_counter() - t:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/riskframe-bench.db")
    args = parser.parse_args()
    fw = load_framework()
    actor = Actor.system("bench")
    url = f"sqlite:///{Path(args.db)}"
    build(url, fw, actor)
    store = open_store(url)
    first = store.list_assessments(actor, period=PERIODS[-1])[0]
    for label, sel in (("one assessment", Selection(assessment_id=first.id)),
                       ("193 countries, trend over 8 periods", Selection(period=PERIODS[-1]))):
        t = time.perf_counter()
        data = export_workbook(store, actor, fw, sel)
        print(f"export {label}: {time.perf_counter() - t:.2f} s, {len(data) / 1e6:.1f} MB")
    t = time.perf_counter()
    view = store.get_assessment(actor, first.id)
    raw = template_bytes(fw, first.country, first.period, view, prefill=True)
    print(f"template (prefilled): {time.perf_counter() - t:.2f} s")
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    ws = wb[layout.SHEET]
    for row in range(layout.FIRST_ROW, layout.FIRST_ROW + len(fw.indicators)):
        ws.cell(row, 5).value = (ws.cell(row, 5).value + 1) % 4
    out = io.BytesIO()
    wb.save(out)
    t = time.perf_counter()
    parsed = read_template(out.getvalue(), fw, max_mb=10)
    plan = plan_import(store, actor, fw, parsed)
    result = apply_import(store, actor, fw, plan)
    print(f"import of {len(parsed.entries)} rows ({len(plan.changes)} changes): {time.perf_counter() - t:.2f} s, "
          f"revision {result.revision}")


if __name__ == "__main__":
    main()
