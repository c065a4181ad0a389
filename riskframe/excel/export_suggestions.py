"""The "Suggested measures" sheet of an export: the prevention options suggested for each exported
assessment (analytics.suggested: ranked, with the reason), the indicators they address, and whether
a measure already adopts them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from riskframe.analytics.suggested import suggested
from riskframe.excel.export_data import ExportData
from riskframe.excel.export_sheets import _where
from riskframe.excel.export_table import table
from riskframe.excel.sheets import Col, Frame
from riskframe.i18n import N_, _, current_language
from riskframe.prevention import suggest_many
from riskframe.scoring import Scores

SUGGESTED = N_("Suggested measures")


def suggestions(wb: Any, data: ExportData, frame: Frame) -> None:
    """One row per suggested option and assessment, in rank order (the export's language)."""
    fw = data.framework
    cols = [*_where(), Col(_("Rank"), 5), Col(_("Option"), 10, wrap=True), Col(_("Title"), 24, wrap=True),
            Col(_("Reason"), 40, wrap=True), Col(_("Linked indicators"), 12, wrap=True), Col(_("Adopted"), 9)]
    rows = []
    lang = current_language()
    reports = suggest_many(data.scores, fw, [v.id for v in data.views], lang)
    for v in data.views:
        for r in suggested(data.scores, fw, v.id, v.measures, lang, report=reports[v.id]):
            rows.append([v.country, v.period, r.rank, r.option_id, r.title, r.reason, ", ".join(r.linked_ids),
                         _("yes") if r.adopted else _("no")])
    title = _("Suggested prevention measures: {what}").format(what=data.description)
    note = _("Options of the prevention catalogue linked to what is high in each assessment, ranked by how much of "
             "its risk they address; “Adopted”: a recommended measure keeps the option.")
    table(wb, SUGGESTED, title, frame, cols, rows, freeze_cols=3, note=note)


def each_assessment(scores: Scores) -> Iterator[tuple[Any, Scores]]:
    """(id, the Scores of that assessment alone) for every assessment scored. Suggestions read one
    assessment's rows only, but prevention.suggest computes the contributions of every assessment it is
    given: handing it all 193 of a portfolio for each of them made the sheet quadratic (~5 s)."""
    a = scores.assessments
    factors = scores.factors.groupby("assessment_id", sort=False).indices
    crimes = scores.crimes.groupby("assessment_id", sort=False).indices if scores.crimes is not None else {}
    none = np.array([], dtype=np.intp)
    for pos, aid in enumerate(a.index):
        rows = slice(pos, pos + 1)
        yield aid, Scores(assessments=a.iloc[rows], factors=scores.factors.iloc[factors.get(aid, none)],
                          drivers=scores.drivers.iloc[rows], indicator_scores=scores.indicator_scores.iloc[rows],
                          _codes=scores._codes[rows], _code_names=scores._code_names,
                          crimes=None if scores.crimes is None else scores.crimes.iloc[crimes.get(aid, none)])
