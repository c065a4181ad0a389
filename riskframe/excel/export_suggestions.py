"""The "Suggested measures" sheet of an export: the prevention options suggested for each exported
assessment (analytics.suggested: ranked, with the reason), the indicators they address, and whether
a measure already adopts them."""

from __future__ import annotations

from typing import Any

from riskframe.analytics.suggested import suggested
from riskframe.excel.export_data import ExportData
from riskframe.excel.export_sheets import _where
from riskframe.excel.export_table import table
from riskframe.excel.sheets import Col, Frame
from riskframe.i18n import N_, _, current_language

SUGGESTED = N_("Suggested measures")


def suggestions(wb: Any, data: ExportData, frame: Frame) -> None:
    """One row per suggested option and assessment, in rank order (the export's language)."""
    fw = data.framework
    cols = [*_where(), Col(_("Rank"), 5), Col(_("Option"), 10, wrap=True), Col(_("Title"), 24, wrap=True),
            Col(_("Reason"), 40, wrap=True), Col(_("Linked indicators"), 12, wrap=True), Col(_("Adopted"), 9)]
    rows = []
    for v in data.views:
        for r in suggested(data.scores, fw, v.id, v.measures, current_language()):
            rows.append([v.country, v.period, r.rank, r.option_id, r.title, r.reason, ", ".join(r.linked_ids),
                         _("yes") if r.adopted else _("no")])
    title = _("Suggested prevention measures: {what}").format(what=data.description)
    note = _("Options of the prevention catalogue linked to what is high in each assessment, ranked by how much of "
             "its risk they address; “Adopted”: a recommended measure keeps the option.")
    table(wb, SUGGESTED, title, frame, cols, rows, freeze_cols=3, note=note)
