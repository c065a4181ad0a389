"""The context sheets of an export: Trend (with a native line chart), Measures, Measure details,
Vulnerable groups, Consultations and Method (how the numbers were made).

The trend holds validated assessments and the exported ones (export_data); an assessment that is
not validated is a draft for the trend: its status says so in the table, its numbers read
"41.2 (draft)", and the chart draws it as a separate, unconnected mark named "draft" — the lines
join validated periods only, straight (never smoothed). The chart reads a block of columns to the
right of the printed table ("Chart data"), outside the print area.
"""

from __future__ import annotations

from typing import Any

from openpyxl.chart import LineChart, Reference
from openpyxl.chart.marker import Marker
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.drawing.line import LineProperties
from openpyxl.utils import get_column_letter

from riskframe.excel import export_labels as labels
from riskframe.excel import styles
from riskframe.excel.export_data import ExportData
from riskframe.excel.export_sheets import _num, _where
from riskframe.excel.export_table import Styled, table, tier_label_rules
from riskframe.excel.sheets import FIRST_ROW, HEADER_ROW, Col, Frame, tier_rules
from riskframe.i18n import N_, _, current_language
from riskframe.scoring.method_summary import method_rows

MAX_SERIES = 20
CHART_ROWS = 22  # rows below the table the chart covers (10 cm at the default row height)
NUM, WHEN = styles.NUMBER_FORMAT, styles.DATE_FORMAT
TREND, MEASURES, MEASURE_DETAILS = N_("Trend"), N_("Measures"), N_("Measure details")
GROUPS, CONSULTATIONS, METHOD = N_("Vulnerable groups"), N_("Consultations"), N_("Method")


def _who() -> list[Col]:
    return [Col(_("Last changed by"), 9, wrap=True), Col(_("Last changed at (UTC)"), 16, WHEN, wrap=True)]


def _draft_format() -> str:
    """A number format that shows a draft's value as "41.2 (draft)" and keeps it a number."""
    return '0.0" ({draft})"'.format(draft=_("draft").replace('"', ""))


def trend(wb: Any, data: ExportData, frame: Frame) -> None:
    if data.mode == "comparison":
        _comparison_trend(wb, data, frame)
    else:
        _country_trend(wb, data, frame)


def _country_trend(wb: Any, data: ExportData, frame: Frame) -> None:
    t = data.trend
    fw = data.framework
    draft = _draft_format()
    cols = [Col(_("Period"), 9), Col(_("Status"), 12, wrap=True), Col(_("Composite"), 14, NUM),
            Col(_("Band low"), 7, NUM), Col(_("Band high"), 7, NUM),
            Col(_("Risk index"), 8, NUM), Col(_("Resilience index"), 9, NUM),
            Col(_("Coverage"), 8, styles.PERCENT_FORMAT), Col(_("Tier"), 10)]
    series = [_("Composite"), _("Band low"), _("Band high"), _("Risk index"), _("Resilience index"),
              _("Composite: draft (not validated)")]
    chart_cols = [Col(_("Chart data"), 10)] + [Col(s, 11, NUM) for s in series]
    rows = []
    for r in t.itertuples():
        values = [_num(r.composite), _num(r.band_low), _num(r.band_high), _num(r.risk_index),
                  _num(r.resilience_index)]
        validated = r.status == "validated"
        shown = [r.period, labels.status(r.status), *values, _num(r.coverage), labels.tier(fw, r.tier)]
        chart = [r.period, *(values if validated else [None] * 5), None if validated else values[0]]
        rows.append((shown, chart, validated))
    title = _("Scores over time: {what}").format(what=data.description)
    ws, last = table(wb, TREND, title, frame, cols + chart_cols, _marked(rows, len(cols), draft),
                     freeze_cols=1, print_cols=len(cols), orientation="portrait")
    tier_rules(ws, 3, last, fw.manifest.scoring.tiers, by_value=True)
    tier_label_rules(ws, 9, last, fw)
    if last >= FIRST_ROW:
        chart = _chart(ws, _("Composite, band and indices over time"), len(cols) + 1, len(series), last)
        for s in chart.series[1:3]:
            s.graphicalProperties.line.dashStyle = "dash"
        _as_marks(chart.series[-1])
    _print_area(ws, len(cols), last)


def _marked(rows: list[tuple[list[Any], list[Any], bool]], width: int, draft: str):
    """Table rows with a draft's numbers formatted "(draft)", then the chart block's cells."""
    for shown, chart, validated in rows:
        out: list[Any] = list(shown)
        if not validated:
            if isinstance(out[2], float):  # the composite; the status column says the rest is a draft too
                out[2] = Styled(out[2], draft)
        yield out + chart


def _comparison_trend(wb: Any, data: ExportData, frame: Frame) -> None:
    """Countries down, periods across (a few periods fit a page; 193 countries run down the pages)."""
    t = data.trend
    draft = _draft_format()
    periods = t[["period_start", "period"]].drop_duplicates().sort_values("period_start")["period"].tolist()
    countries = sorted(t["country"].unique())
    by = {(r.country, r.period): (r.composite, r.status) for r in t.itertuples()}
    cols = [Col(_("Country"), 9)] + [Col(p, 14, NUM) for p in periods]
    chart_cols = [Col(_("Chart data"), 10)] + [Col(c, 8, NUM) for c in countries[:MAX_SERIES]]
    rows: list[list[Any]] = []
    for c in countries:
        row: list[Any] = [c]
        for p in periods:
            value, status = by.get((c, p), (None, None))
            value = _num(value)
            row.append(Styled(value, draft) if value is not None and status != "validated" else value)
        rows.append(row)
    # the chart block: periods down, countries across, validated values only
    for n, p in enumerate(periods):
        block = [p] + [_num(by[(c, p)][0]) if by.get((c, p), (None, ""))[1] == "validated" else None
                       for c in countries[:MAX_SERIES]]
        if n < len(rows):
            rows[n] = rows[n] + [None] * (len(cols) - len(rows[n])) + block
        else:
            rows.append([None] * len(cols) + block)
    note = _("Numbers marked (draft) are not validated; the chart shows validated assessments only.")
    if len(countries) > MAX_SERIES:
        note += " " + _("The chart shows the first {shown} of {total} countries; the table has them all.").format(
            shown=MAX_SERIES, total=len(countries))
    title = _("Composite score by period: {what}").format(what=data.description)
    ws, last = table(wb, TREND, title, frame, cols + chart_cols, rows, freeze_cols=1, note=note,
                     print_cols=len(cols))
    last_country = HEADER_ROW + len(countries)
    for j in range(2, len(cols) + 1):
        tier_rules(ws, j, last_country, data.framework.manifest.scoring.tiers, by_value=True)
    series = min(len(countries), MAX_SERIES)
    if periods and series:
        _chart(ws, _("Composite score by country"), len(cols) + 1, series, HEADER_ROW + len(periods),
               below=last_country)
    _print_area(ws, len(cols), last_country)


def _chart(ws: Any, title: str, first_col: int, series: int, last: int, below: int | None = None) -> LineChart:
    """A line chart of `series` columns after `first_col` (categories), placed under the table."""
    chart = LineChart()
    chart.title = _title(title)
    chart.y_axis.title = _("0-100")
    chart.x_axis.title = _("Period")
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes otherwise
    chart.height, chart.width = 9.5, 17
    chart.legend.position = "b"
    data = Reference(ws, min_col=first_col + 1, max_col=first_col + series, min_row=HEADER_ROW, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=first_col, min_row=FIRST_ROW, max_row=last))
    for s in chart.series:
        s.smooth = False  # straight segments: a curve would invent values between periods
        s.marker = Marker(symbol="circle", size=5)
    ws.add_chart(chart, f"A{(below or last) + 2}")
    return chart


def _as_marks(s: Any) -> None:
    """A series drawn as unconnected triangles: the drafts."""
    s.marker = Marker(symbol="triangle", size=9)
    s.marker.graphicalProperties = GraphicalProperties(solidFill="C00000", ln=LineProperties(solidFill="C00000"))
    s.graphicalProperties = GraphicalProperties(ln=LineProperties(noFill=True))


def _title(text: str) -> Title:
    """A chart title in 11 pt bold (the default is 18 pt)."""
    run = CharacterProperties(sz=1100, b=True)
    return Title(tx=Text(rich=RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=run),
                                                     r=[RegularTextRun(rPr=run, t=text)])])), overlay=False)


def _print_area(ws: Any, ncols: int, last: int) -> None:
    ws.print_area = f"A1:{get_column_letter(ncols)}{last + 2 + CHART_ROWS}"


def _lists(data: ExportData, attr: str):
    for v in data.views:
        for item in getattr(v, attr):
            yield v, item


def measures(wb: Any, data: ExportData, frame: Frame) -> None:
    cols = [*_where(), Col(_("Measure"), 18, wrap=True), Col(_("Type"), 8, wrap=True),
            Col(_("Status"), 10, wrap=True), Col(_("Owner"), 10, wrap=True), Col(_("Due date"), 10, "yyyy-mm-dd"),
            Col(_("Due quarter"), 8, wrap=True), Col(_("Prevention option"), 10, wrap=True),
            Col(_("UPR no."), 9, wrap=True), Col(_("Linked factors / indicators"), 9, wrap=True),
            Col(_("Follows up measure"), 7, wrap=True), *_who()]
    rows = ([v.country, v.period, m.title, labels.measure_type(m.type), labels.measure_status(m.status), m.owner,
             m.due_date, m.due_period, m.option_id, m.upr_recommendation_id, ", ".join(m.linked_ids),
             m.previous_measure_id, m.changed_by, m.changed_at]
            for v, m in _lists(data, "measures"))
    title = _("Prevention measures: {what}").format(what=data.description)
    table(wb, MEASURES, title, frame, cols, rows, freeze_cols=3)


def measure_details(wb: Any, data: ExportData, frame: Frame) -> None:
    cols = [*_where(), Col(_("Measure"), 18, wrap=True), Col(_("Description"), 34, wrap=True),
            Col(_("Reason for the status"), 18, wrap=True), Col(_("Follow-up"), 28, wrap=True),
            Col(_("UPR recommendation"), 24, wrap=True)]
    rows = ([v.country, v.period, m.title, m.description, m.status_reason, m.follow_up,
             _upr(m.upr_recommendation_id, m.upr_recommendation_text)] for v, m in _lists(data, "measures"))
    title = _("Prevention measures, described: {what}").format(what=data.description)
    table(wb, MEASURE_DETAILS, title, frame, cols, rows, freeze_cols=3)


def _upr(number: str, text: str) -> str:
    """'150.12: Adopt a national plan' (either part alone when the other is empty)."""
    return ": ".join(p for p in (number.strip(), text.strip()) if p)


def groups(wb: Any, data: ExportData, frame: Frame) -> None:
    cols = [*_where(), Col(_("Group"), 22, wrap=True), Col(_("Basis"), 14, wrap=True),
            Col(_("Description"), 48, wrap=True), *_who()]
    rows = ([v.country, v.period, g.name, g.basis, g.description, g.changed_by, g.changed_at]
            for v, g in _lists(data, "vulnerable_groups"))
    title = _("Groups at risk: {what}").format(what=data.description)
    table(wb, GROUPS, title, frame, cols, rows, freeze_cols=3)


def consultations(wb: Any, data: ExportData, frame: Frame) -> None:
    cols = [*_where(), Col(_("Category"), 14, wrap=True), Col(_("Who was consulted"), 22, wrap=True),
            Col(_("Date"), 11, "yyyy-mm-dd"), Col(_("Summary"), 37, wrap=True), *_who()]
    rows = ([v.country, v.period, labels.category(c.category), c.name, c.date, c.summary, c.changed_by,
             c.changed_at] for v, c in _lists(data, "consultations"))
    title = _("Consultations: {what}").format(what=data.description)
    table(wb, CONSULTATIONS, title, frame, cols, rows, freeze_cols=3)


def method(wb: Any, data: ExportData, frame: Frame) -> None:
    """How the numbers were made: the method's own summary (riskframe.scoring.method_summary)."""
    rows = [*method_rows(data.framework, current_language()),
            (_("This export"), _("{what}; exported {when} UTC by {who}. Times are UTC.").format(
                what=data.description, when=f"{data.exported_at:%Y-%m-%d %H:%M}", who=data.exported_by))]
    table(wb, METHOD, _("How the numbers in this workbook were made"), frame,
          [Col(_("Topic"), 18, wrap=True), Col(_("Explanation"), 66, wrap=True)], rows)
