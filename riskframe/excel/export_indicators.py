"""The score sheets of an export: Factors, Resilience, Indicators and Evidence.

An indicator's scoring (Indicators) and what backs it (Evidence: evidence, sources, comment, who
changed it) are two sheets with the same keys (country, period, indicator id), so that each prints
on landscape A4 at 100 %. Big tables (a portfolio) go through bulk.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from riskframe.excel import bulk, sheets, styles
from riskframe.excel import export_labels as labels
from riskframe.excel.entries import sources_text
from riskframe.excel.export_data import ExportData
from riskframe.excel.export_sheets import _num, _where
from riskframe.excel.export_table import bulk_table, table
from riskframe.excel.sheets import Col, Frame, tier_rules
from riskframe.framework.models import tr
from riskframe.i18n import N_, _

NUM, PCT, WHEN = styles.NUMBER_FORMAT, styles.PERCENT_FORMAT, styles.DATE_FORMAT
FACTORS, RESILIENCE, INDICATORS, EVIDENCE = N_("Factors"), N_("Resilience"), N_("Indicators"), N_("Evidence")


def factors(wb: Any, data: ExportData, frame: Frame, kind: str) -> bulk.Pending | None:
    fw = data.framework
    by_id = {v.id: v for v in data.views}
    fac = data.scores.factors
    fac = fac[fac["kind"] == kind]
    titles = {f.id: tr(f.title, data.lang) for f in fw.factors}
    rows = [[by_id[r.assessment_id].country, by_id[r.assessment_id].period, r.factor_id, titles[r.factor_id],
             _num(r.score), _num(r.coverage), _num(r.low), _num(r.high), int(r.n_scored), int(r.n_applicable)]
            for r in fac.itertuples()]
    cols = [*_where(), Col(_("Factor") if kind == "risk" else _("Section"), 8, wrap=True),
            Col(_("Title"), 40, wrap=True), Col(_("Score"), 8, NUM), Col(_("Coverage"), 9, PCT),
            Col(_("Band low"), 8, NUM), Col(_("Band high"), 8, NUM),
            Col(_("Scored"), 8), Col(_("Applicable"), 10)]
    if kind == "risk":
        name = FACTORS
        title = _("Risk factors (0-100; higher is more risk): {what}").format(what=data.description)
    else:
        name = RESILIENCE
        title = _("Sources of resilience (0-100; higher is more resilience): {what}").format(what=data.description)
    pending = None
    if len(rows) >= bulk.BULK_MIN_ROWS:
        pending = bulk_table(wb, name, title, frame, cols, rows, freeze_cols=3)
        ws, last = pending.ws, sheets.HEADER_ROW + len(rows)
    else:
        ws, last = table(wb, name, title, frame, cols, rows, freeze_cols=3)
    if kind == "risk":
        tier_rules(ws, 5, last, fw.manifest.scoring.tiers, by_value=True)
    return pending


def _entries(data: ExportData) -> Iterator[tuple[Any, str, Any, Any]]:
    """(view, indicator id, framework indicator or None, entry or None), in the framework's order and
    then any ids kept from an older framework version."""
    fw = data.framework
    for v in data.views:
        for iid in list(fw.indicators) + [i for i in v.entries if i not in fw.indicators]:
            yield v, iid, fw.indicators.get(iid), v.entries.get(iid)


def _write(wb: Any, data: ExportData, frame: Frame, name: str, title: str, cols: list[Col],
           rows: list[list[Any]]) -> bulk.Pending | None:
    if len(rows) >= bulk.BULK_MIN_ROWS:
        return bulk_table(wb, name, title, frame, cols, rows, freeze_cols=3)
    table(wb, name, title, frame, cols, rows, freeze_cols=3)
    return None


def indicators(wb: Any, data: ExportData, frame: Frame) -> bulk.Pending | None:
    """One row per assessment × indicator: its text and how it was scored."""
    fw = data.framework
    absent = _("(not in this framework version)")
    rows = []
    for v, iid, ind, e in _entries(data):
        missing = (e.missing.value if e.missing else None) if e else "not_assessed"
        rows.append([v.country, v.period, iid, labels.kind(ind.kind) if ind else "", ind.factor_id if ind else "",
                     tr(ind.text, data.lang) if ind else absent,
                     labels.yes_no(True) if ind is not None and ind.red_flag else "", e.score if e else None,
                     labels.missing(fw, missing), labels.confidence(fw, e.confidence.value if e and e.confidence
                                                                   else None),
                     labels.yes_no(True) if e and e.carried_over else ""])
    cols = [*_where(), Col(_("Indicator id"), 8, wrap=True), Col(_("Kind"), 9, wrap=True),
            Col(_("Factor"), 7, wrap=True), Col(_("Indicator"), 38, wrap=True), Col(_("Red flag"), 7, wrap=True),
            Col(_("Score"), 6, wrap=True), Col(_("Missing reason"), 14, wrap=True), Col(_("Confidence"), 10, wrap=True),
            Col(_("Carried over"), 8, wrap=True)]
    title = _("Indicators (score {low}-{high} or the reason it is missing): {what}").format(
        low=fw.scale.min, high=fw.scale.max, what=data.description)
    return _write(wb, data, frame, INDICATORS, title, cols, rows)


def evidence(wb: Any, data: ExportData, frame: Frame) -> bulk.Pending | None:
    """One row per assessment × indicator: the evidence, sources and comment behind its score."""
    rows = [[v.country, v.period, iid, e.evidence if e else None, sources_text(e.sources) if e else None,
             e.comment if e else None, e.changed_by if e else None, e.changed_at if e else None]
            for v, iid, _ind, e in _entries(data)]
    cols = [*_where(), Col(_("Indicator id"), 8, wrap=True), Col(_("Evidence"), 36, wrap=True),
            Col(_("Sources"), 24, wrap=True), Col(_("Comment"), 14, wrap=True),
            Col(_("Last changed by"), 9, wrap=True), Col(_("Last changed at (UTC)"), 16, WHEN, wrap=True)]
    title = _("Evidence behind each indicator: {what}").format(what=data.description)
    return _write(wb, data, frame, EVIDENCE, title, cols, rows)
