"""The context sheets of an export: Trend (with a native line chart), Measures, Vulnerable groups,
Consultations and Method (how the numbers were made)."""

from __future__ import annotations

from typing import Any

from openpyxl.chart import LineChart, Reference
from openpyxl.utils import get_column_letter

from riskframe.excel import styles
from riskframe.excel.export_data import ExportData
from riskframe.excel.export_sheets import _num
from riskframe.excel.sheets import FIRST_ROW, HEADER_ROW, Col, Frame, table_sheet, tier_rules
from riskframe.framework.models import tr

MAX_SERIES = 20
NUM, WHEN = styles.NUMBER_FORMAT, styles.DATE_FORMAT
WHO = [Col("Last changed by", 16), Col("Last changed at (UTC)", 17, WHEN)]


def trend(wb: Any, data: ExportData, frame: Frame) -> None:
    t = data.trend
    if data.mode == "comparison":
        wide = t.set_index(["period_start", "period", "country"])["composite"].unstack("country").sort_index()
        countries = list(wide.columns)
        cols = [Col("Period", 11)] + [Col(c, 9, NUM) for c in countries]
        rows = [[period] + [_num(x) for x in values] for (_, period), values in zip(wide.index, wide.to_numpy())]
        note = None if len(countries) <= MAX_SERIES else (
            f"The chart shows the first {MAX_SERIES} of {len(countries)} countries; the table has them all.")
        ws, last = table_sheet(wb, "Trend", f"Composite score by period: {data.description}", frame, cols, rows,
                               freeze_cols=1, note=note)
        tier_rules(ws, 2, last, data.framework.manifest.scoring.tiers, by_value=True)
        series = min(len(countries), MAX_SERIES)
        title = "Composite score by country"
    else:
        cols = [Col("Period", 11), Col("Composite", 11, NUM), Col("Band low", 10, NUM), Col("Band high", 10, NUM),
                Col("Risk index", 10, NUM), Col("Resilience index", 11, NUM),
                Col("Coverage", 10, styles.PERCENT_FORMAT),
                Col("Tier", 11), Col("Status", 11)]
        rows = [[r.period, _num(r.composite), _num(r.band_low), _num(r.band_high), _num(r.risk_index),
                 _num(r.resilience_index), _num(r.coverage), r.tier, r.status] for r in t.itertuples()]
        ws, last = table_sheet(wb, "Trend", f"Scores over time: {data.description}", frame, cols, rows, freeze_cols=1)
        tier_rules(ws, 2, last, data.framework.manifest.scoring.tiers, by_value=True)
        tier_rules(ws, 8, last, data.framework.manifest.scoring.tiers, by_value=False)
        series, title = 5, "Composite, band and indices over time"
    if last >= FIRST_ROW and series:
        _chart(ws, title, series, last, anchor=f"{_letter(len(cols) + 2)}{HEADER_ROW}")


def _letter(n: int) -> str:
    return get_column_letter(n)


def _chart(ws: Any, title: str, series: int, last: int, anchor: str) -> None:
    chart = LineChart()
    chart.title = title
    chart.y_axis.title = "0-100"
    chart.x_axis.title = "Period"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes otherwise
    chart.height, chart.width = 10, 22
    data = Reference(ws, min_col=2, max_col=1 + series, min_row=HEADER_ROW, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=FIRST_ROW, max_row=last))
    ws.add_chart(chart, anchor)


def _lists(data: ExportData, attr: str):
    for v in data.views:
        for item in getattr(v, attr):
            yield v, item


def measures(wb: Any, data: ExportData, frame: Frame) -> None:
    cols = [Col("Country", 9), Col("Period", 11), Col("Measure", 36, wrap=True), Col("Type", 12), Col("Status", 12),
            Col("Owner", 20), Col("Due date", 11, "yyyy-mm-dd"), Col("Linked factors / indicators", 16, wrap=True),
            Col("Description", 50, wrap=True), Col("Follow-up", 40, wrap=True), Col("Follows up measure", 14), *WHO]
    rows = ([v.country, v.period, m.title, m.type.value, m.status.value, m.owner, m.due_date, ", ".join(m.linked_ids),
             m.description, m.follow_up, m.previous_measure_id, m.changed_by, m.changed_at]
            for v, m in _lists(data, "measures"))
    table_sheet(wb, "Measures", f"Prevention measures: {data.description}", frame, cols, rows, freeze_cols=3)


def groups(wb: Any, data: ExportData, frame: Frame) -> None:
    cols = [Col("Country", 9), Col("Period", 11), Col("Group", 30, wrap=True), Col("Basis", 20, wrap=True),
            Col("Description", 70, wrap=True), *WHO]
    rows = ([v.country, v.period, g.name, g.basis, g.description, g.changed_by, g.changed_at]
            for v, g in _lists(data, "vulnerable_groups"))
    table_sheet(wb, "Vulnerable groups", f"Groups at risk: {data.description}", frame, cols, rows, freeze_cols=3)


def consultations(wb: Any, data: ExportData, frame: Frame) -> None:
    cols = [Col("Country", 9), Col("Period", 11), Col("Category", 18), Col("Who was consulted", 30, wrap=True),
            Col("Date", 11, "yyyy-mm-dd"), Col("Summary", 70, wrap=True), *WHO]
    rows = ([v.country, v.period, c.category.value, c.name, c.date, c.summary, c.changed_by, c.changed_at]
            for v, c in _lists(data, "consultations"))
    table_sheet(wb, "Consultations", f"Consultations: {data.description}", frame, cols, rows, freeze_cols=3)


def method(wb: Any, data: ExportData, frame: Frame) -> None:
    fw = data.framework
    s = fw.manifest.scoring
    tiers = ", ".join(f"{t.label(data.lang)} ≥ {t.min:g}" for t in s.tiers)
    rows = [
        ("Where the numbers come from", "Every score in this workbook was recomputed by riskframe's scoring engine "
         "(riskframe/scoring) from the revision of each assessment shown on the Summary sheet. The full method, "
         "with a worked example, is docs/methodology.md in the riskframe repository."),
        ("Indicator values", "Each indicator is scored 0-3 or carries a missing code (not_assessed, unknown, "
         "not_applicable). A missing code is never read as 0."),
        ("Factor scores", "Mean of a factor's scored indicators, rescaled to 0-100 (score / 3 × 100). Coverage = "
         "scored / applicable indicators (not_applicable leaves the denominator)."),
        ("Indices", "Risk index = unweighted mean of the risk factors that have a score; resilience index likewise "
         "for the resilience sections."),
        ("Composite", f"Risk index × (1 − {s.resilience_dampening:g} × resilience index / 100). Without any "
         "resilience information no resilience is credited."),
        ("Uncertainty band", f"The composite with every indicator coded {' or '.join(s.band_missing_codes)} at its "
         "lowest and at its highest level. A wide band means the assessment does not yet support a firm conclusion."),
        ("Tiers", f"By composite (lower bound inclusive): {tiers}."),
        ("Red flags", f"A red-flag indicator scored {s.red_flag.raised_at} or more lifts the tier to at least its "
         f"minimum tier (default {s.red_flag.min_tier}); red flags never lower a tier."),
        ("Drivers", "Mean of the scored risk indicators tagged with a theme, on 0-100, across factors."),
        ("Top indicators", "An indicator's points are its share of the risk index: score / 3 × 100, divided by the "
         "scored indicators in its factor and by the scored risk factors."),
        ("Framework", f"{tr(fw.manifest.framework.title, data.lang)}: {fw.id} version {fw.version}."),
        ("This export", f"{data.description}; exported {data.exported_at:%Y-%m-%d %H:%M} UTC by {data.exported_by}. "
         "Times are UTC."),
    ]
    table_sheet(wb, "Method", "How the numbers in this workbook were made", frame,
                [Col("Topic", 24, wrap=True), Col("Explanation", 110, wrap=True)], rows)
