"""The score sheets of an export: Summary, Factors, Resilience and Indicators."""

from __future__ import annotations

import math
from typing import Any

from riskframe.excel import bulk, sheets, styles
from riskframe.excel.entries import sources_text
from riskframe.excel.export_data import ExportData
from riskframe.excel.sheets import Col, Frame, cell, table_sheet, tier_rules
from riskframe.framework.models import tr
from riskframe.scoring.explain import contributions, explain

EXPLAIN_MAX = 12  # explanations below the summary table for up to this many assessments
NUM, PCT, WHEN = styles.NUMBER_FORMAT, styles.PERCENT_FORMAT, styles.DATE_FORMAT

SUMMARY_COLS = [
    Col("Country", 9), Col("Country name", 22), Col("Period", 11), Col("Status", 11), Col("Revision", 9),
    Col("Validated by", 16), Col("Validated at (UTC)", 17, WHEN), Col("Composite", 11, NUM),
    Col("Band low", 10, NUM), Col("Band high", 10, NUM), Col("Tier", 11), Col("Tier before red flags", 13),
    Col("Risk index", 10, NUM), Col("Resilience index", 11, NUM), Col("Coverage", 10, PCT),
    Col("Red flags", 16, wrap=True), Col("Top drivers (themes, 0-100)", 34, wrap=True),
    Col("Top indicators (points of the risk index)", 34, wrap=True), Col("Framework version", 12),
    Col("Highest risk per crime (method)", 30, wrap=True), Col("Status (method)", 24, wrap=True),
    Col("Provisional", 11), Col("Method version", 10),
]
FACTOR_COLS = [
    Col("Country", 9), Col("Period", 11), Col("{kind}", 9), Col("Title", 44, wrap=True), Col("Score", 9, NUM),
    Col("Coverage", 10, PCT), Col("Band low", 10, NUM), Col("Band high", 10, NUM), Col("Scored", 8),
    Col("Applicable", 10),
]
INDICATOR_COLS = [
    Col("Country", 9), Col("Period", 11), Col("Indicator id", 10), Col("Kind", 10), Col("Factor", 8),
    Col("Indicator", 50, wrap=True), Col("Red flag", 8), Col("Score", 7), Col("Missing reason", 15),
    Col("Confidence", 11), Col("Evidence", 60, wrap=True), Col("Sources", 40, wrap=True), Col("Comment", 30, wrap=True),
    Col("Carried over", 9), Col("Last changed by", 16), Col("Last changed at (UTC)", 17, WHEN),
]


def _num(x: Any) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 2)


def _top(points: Any, assessment_id: int, order: dict[str, int], n: int = 3) -> list[tuple[str, float]]:
    """The indicators adding most to the risk index (as scoring.top_contributors, computed once for all)."""
    row = points.loc[assessment_id].dropna()
    row = row[row > 0]
    return sorted(((str(i), float(x)) for i, x in row.items()), key=lambda t: (-t[1], order[t[0]]))[:n]


def _method_cells(r: Any) -> list[Any]:
    """The per-crime method's headline, status, provisional mark and version (rescored with the current
    method, whatever framework version the assessment was entered under)."""
    if "headline" not in r.index:
        return [None, None, None, None]
    return [r["headline"], r["status_text"], "yes" if r["provisional"] else "no", r["method_version"]]


def summary(wb: Any, data: ExportData, frame: Frame) -> None:
    fw, a = data.framework, data.scores.assessments
    points, order = contributions(data.scores, fw), {iid: n for n, iid in enumerate(fw.indicators)}
    rows = []
    for v in data.views:
        r = a.loc[v.id]
        drivers = data.scores.drivers.loc[v.id].dropna().sort_values(ascending=False).head(3)
        top = _top(points, v.id, order)
        rows.append([
            v.country, v.country_name, v.period, v.status.value, v.revision, v.validated_by, v.validated_at,
            _num(r["composite"]), _num(r["band_low"]), _num(r["band_high"]), r["tier"], r["tier_before_flags"],
            _num(r["risk_index"]), _num(r["resilience_index"]), _num(r["coverage"]), ", ".join(r["red_flags"]),
            "; ".join(f"{tr(fw.manifest.tags.get(k, {'en': k}), data.lang)} {x:.1f}" for k, x in drivers.items()),
            "; ".join(f"{iid} (+{x:.1f})" for iid, x in top), v.framework_version,
            *_method_cells(r),
        ])
    title = f"riskframe export: {data.description}"
    ws, last = table_sheet(wb, "Summary", title, frame, SUMMARY_COLS, rows, freeze_cols=3)
    tier_rules(ws, 8, last, fw.manifest.scoring.tiers, by_value=True)
    tier_rules(ws, 11, last, fw.manifest.scoring.tiers, by_value=False)
    tier_rules(ws, 12, last, fw.manifest.scoring.tiers, by_value=False)
    ws.append([])
    ws.append([cell(ws, f"Exported {data.exported_at:%Y-%m-%d %H:%M} UTC by {data.exported_by}; framework "
                        f"{fw.id} {fw.version}. How the numbers are made: Method sheet and docs/methodology.md.",
                    font=styles.NOTE_FONT)])
    for note in data.notes:
        ws.append([cell(ws, note, font=styles.NOTE_FONT)])
    if len(data.views) <= EXPLAIN_MAX:
        for v in data.views:
            ws.append([])
            ws.append([cell(ws, f"Why {v.country} {v.period} scores as it does", font=styles.TITLE_FONT)])
            for sentence in explain(data.scores, fw, v.id, data.lang):
                ws.append([cell(ws, sentence)])


def factors(wb: Any, data: ExportData, frame: Frame, kind: str) -> bulk.Pending | None:
    fw = data.framework
    by_id = {v.id: v for v in data.views}
    fac = data.scores.factors
    fac = fac[fac["kind"] == kind]
    titles = {f.id: tr(f.title, data.lang) for f in fw.factors}
    rows = [[by_id[r.assessment_id].country, by_id[r.assessment_id].period, r.factor_id, titles[r.factor_id],
             _num(r.score), _num(r.coverage), _num(r.low), _num(r.high), int(r.n_scored), int(r.n_applicable)]
            for r in fac.itertuples()]
    name, label = ("Factors", "Factor") if kind == "risk" else ("Resilience", "Section")
    cols = [Col(label, c.width) if c.header == "{kind}" else c for c in FACTOR_COLS]
    title = (f"Risk factors (0-100; higher is more risk): {data.description}" if kind == "risk" else
             f"Sources of resilience (0-100; higher is more resilience): {data.description}")
    pending = None
    if len(rows) >= bulk.BULK_MIN_ROWS:
        pending = bulk.bulk_table_sheet(wb, name, title, frame, cols, rows, freeze_cols=3)
        ws, last = pending.ws, sheets.HEADER_ROW + len(rows)
    else:
        ws, last = table_sheet(wb, name, title, frame, cols, rows, freeze_cols=3)
    if kind == "risk":
        tier_rules(ws, 5, last, fw.manifest.scoring.tiers, by_value=True)
    return pending


def indicators(wb: Any, data: ExportData, frame: Frame) -> bulk.Pending | None:
    """Long table, one row per assessment × indicator; big ones go through bulk.py."""
    fw = data.framework

    def rows():
        for v in data.views:
            ids = list(fw.indicators) + [i for i in v.entries if i not in fw.indicators]
            for iid in ids:
                ind = fw.indicators.get(iid)
                e = v.entries.get(iid)
                missing = (e.missing.value if e.missing else None) if e else "not_assessed"
                yield [
                    v.country, v.period, iid, ind.kind if ind else "", ind.factor_id if ind else "",
                    tr(ind.text, data.lang) if ind else "(not in this framework version)",
                    "yes" if ind is not None and ind.red_flag else "", e.score if e else None, missing,
                    e.confidence.value if e and e.confidence else None, e.evidence if e else None,
                    sources_text(e.sources) if e else None, e.comment if e else None,
                    "yes" if e and e.carried_over else "", e.changed_by if e else None, e.changed_at if e else None,
                ]

    title = f"Indicators (score {fw.scale.min}-{fw.scale.max} or the reason it is missing): {data.description}"
    if len(data.views) * len(fw.indicators) >= bulk.BULK_MIN_ROWS:
        return bulk.bulk_table_sheet(wb, "Indicators", title, frame, INDICATOR_COLS, list(rows()), freeze_cols=3)
    table_sheet(wb, "Indicators", title, frame, INDICATOR_COLS, rows(), freeze_cols=3)
    return None
