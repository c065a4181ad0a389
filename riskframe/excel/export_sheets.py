"""The summary sheets of an export: Summary (with the explanation sentences), Drivers, Per crime, Record.

One wide table per assessment used to hold all of this; it is split so that each sheet prints on
A4 at 100 % (export_print): Summary portrait, Drivers landscape, Per crime and Record portrait.
"""

from __future__ import annotations

import math
from typing import Any

from openpyxl.utils import get_column_letter

from riskframe.excel import export_labels as labels
from riskframe.excel import export_print, styles
from riskframe.excel.export_data import ExportData
from riskframe.excel.export_table import table, tier_label_rules
from riskframe.excel.sheets import Col, Frame, cell, tier_rules
from riskframe.i18n import N_, _, current_language
from riskframe.scoring.explain import contributions, explain

EXPLAIN_MAX = 12  # explanations below the summary table for up to this many assessments
NUM, PCT, WHEN = styles.NUMBER_FORMAT, styles.PERCENT_FORMAT, styles.DATE_FORMAT
SUMMARY, DRIVERS, PER_CRIME, RECORD = N_("Summary"), N_("Drivers"), N_("Per crime"), N_("Record")


def _num(x: Any) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 2)


def _top(points: Any, assessment_id: int, order: dict[str, int], n: int = 3) -> list[tuple[str, float]]:
    """The indicators adding most to the risk index (as scoring.top_contributors, computed once for all)."""
    row = points.loc[assessment_id].dropna()
    row = row[row > 0]
    return sorted(((str(i), float(x)) for i, x in row.items()), key=lambda t: (-t[1], order[t[0]]))[:n]


def _where() -> list[Col]:
    return [Col(_("Country"), 8), Col(_("Period"), 9)]


def summary(wb: Any, data: ExportData, frame: Frame) -> None:
    """One row per assessment with the headline numbers; the explanation sentences below (portrait)."""
    fw, a = data.framework, data.scores.assessments
    cols = [*_where()[:1], Col(_("Country name"), 13, wrap=True), *_where()[1:],
            Col(_("Status"), 11, wrap=True), Col(_("Composite"), 10, NUM), Col(_("Band low"), 7, NUM),
            Col(_("Band high"), 7, NUM), Col(_("Tier"), 10), Col(_("Coverage"), 9, PCT)]
    rows = []
    for v in data.views:
        r = a.loc[v.id]
        rows.append([v.country, v.country_name, v.period, labels.status(v.status), _num(r["composite"]),
                     _num(r["band_low"]), _num(r["band_high"]), labels.tier(fw, r["tier"]), _num(r["coverage"])])
    title = _("riskframe export: {what}").format(what=data.description)
    ws, last = table(wb, SUMMARY, title, frame, cols, rows, freeze_cols=3)
    tier_rules(ws, 5, last, fw.manifest.scoring.tiers, by_value=True)
    tier_label_rules(ws, 8, last, fw)
    width = sum(c.width for c in cols)
    lines = [_("Exported {when} UTC by {who}; framework {framework} {version}. How the numbers are made: the Method "
               "sheet and docs/methodology.md. Drivers, red flags, the per-crime method and the validation record "
               "are on the next sheets.").format(when=f"{data.exported_at:%Y-%m-%d %H:%M}", who=data.exported_by,
                                                  framework=fw.id, version=fw.version), *data.notes]
    _sentences(ws, last + 1, [("", None)] + [(t, styles.PRINT_NOTE_FONT) for t in lines], width, len(cols))
    if len(data.views) <= EXPLAIN_MAX:
        row = last + 2 + len(lines)
        for v in data.views:
            heading = _("Why {country} {period} scores as it does").format(country=v.country, period=v.period)
            said = [("", None), (heading, styles.PRINT_SUBTITLE_FONT),
                    *[(s, None) for s in explain(data.scores, fw, v.id, current_language())]]
            _sentences(ws, row, said, width, len(cols))
            row += len(said)


def _sentences(ws: Any, first: int, texts: list[tuple[str, Any]], width: float, ncols: int) -> None:
    """Rows of one text each, merged across the table and as tall as their wrapped text."""
    for n, (text, font) in enumerate(texts, start=first):
        if not text:
            ws.append([])
            continue
        size = font.sz if font is not None and font.sz else export_print.BODY_PT
        ws.row_dimensions[n].height = export_print.spanning_height(text, width, size=size)
        ws.merged_cells.add(f"A{n}:{get_column_letter(ncols)}{n}")
        c = cell(ws, text, font=font, wrap=True)
        ws.append([c])


def drivers(wb: Any, data: ExportData, frame: Frame) -> None:
    """Why each composite is where it is: indices, red flags, the themes and indicators that weigh most."""
    fw, a = data.framework, data.scores.assessments
    points, order = contributions(data.scores, fw), {iid: n for n, iid in enumerate(fw.indicators)}
    cols = [*_where(), Col(_("Risk index"), 9, NUM), Col(_("Resilience index"), 10, NUM),
            Col(_("Tier before red flags"), 11), Col(_("Red flags (indicators)"), 16, wrap=True),
            Col(_("Top drivers (themes, 0-100)"), 32, wrap=True),
            Col(_("Top indicators (points of the risk index)"), 26, wrap=True)]
    rows = []
    for v in data.views:
        r = a.loc[v.id]
        top_drivers = data.scores.drivers.loc[v.id].dropna().sort_values(ascending=False).head(3)
        rows.append([v.country, v.period, _num(r["risk_index"]), _num(r["resilience_index"]),
                     labels.tier(fw, r["tier_before_flags"]), ", ".join(r["red_flags"]),
                     "; ".join(f"{labels.tag(fw, k)} {x:.1f}" for k, x in top_drivers.items()),
                     "; ".join(f"{iid} (+{x:.1f})" for iid, x in _top(points, v.id, order))])
    title = _("What drives the scores: {what}").format(what=data.description)
    ws, last = table(wb, DRIVERS, title, frame, cols, rows, freeze_cols=2)
    tier_label_rules(ws, 5, last, fw)


def per_crime(wb: Any, data: ExportData, frame: Frame) -> None:
    """The per-crime method's headline and status, rescored with the current method."""
    a = data.scores.assessments
    if "headline" not in a.columns:
        return
    cols = [*_where(), Col(_("Highest risk per crime (method)"), 32, wrap=True),
            Col(_("Status (method)"), 26, wrap=True), Col(_("Provisional"), 9, wrap=True)]
    rows = [[v.country, v.period, a.at[v.id, "headline"], a.at[v.id, "status_text"],
             labels.yes_no(a.at[v.id, "provisional"])] for v in data.views]
    title = _("Risk of each atrocity crime (method {version}): {what}").format(
        version=a["method_version"].iloc[0] if len(a) else "", what=data.description)
    table(wb, PER_CRIME, title, frame, cols, rows, freeze_cols=2)


def record(wb: Any, data: ExportData, frame: Frame) -> None:
    """Who validated what, when, under which framework version."""
    cols = [*_where(), Col(_("Status"), 12, wrap=True), Col(_("Revision"), 8, wrap=True),
            Col(_("Validated by"), 14, wrap=True), Col(_("Validated at (UTC)"), 16, WHEN, wrap=True),
            Col(_("Framework version"), 11, wrap=True)]
    rows = [[v.country, v.period, labels.status(v.status), v.revision, v.validated_by, v.validated_at,
             v.framework_version] for v in data.views]
    table(wb, RECORD, _("Validation record: {what}").format(what=data.description), frame, cols, rows, freeze_cols=2)
