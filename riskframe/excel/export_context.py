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
from riskframe.scoring.method_summary import method_rows

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
    """How the numbers were made: the method's own summary (riskframe.scoring.method_summary)."""
    rows = [*method_rows(data.framework, data.lang),
            ("This export", f"{data.description}; exported {data.exported_at:%Y-%m-%d %H:%M} UTC by "
                            f"{data.exported_by}. Times are UTC.")]
    table_sheet(wb, "Method", "How the numbers in this workbook were made", frame,
                [Col("Topic", 24, wrap=True), Col("Explanation", 110, wrap=True)], rows)
