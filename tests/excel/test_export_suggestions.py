"""The "Suggested measures" export sheet: ranked options with their reason and linked indicators, and
whether a measure already adopts them."""

from __future__ import annotations

import io

import openpyxl

from riskframe.assessments import Assessments
from riskframe.excel.export import SHEETS, export_workbook
from riskframe.excel.export_data import Selection
from riskframe.excel.export_suggestions import SUGGESTED
from riskframe.i18n import use_language
from riskframe.prevention import suggest
from tests.excel.helpers import ACTOR, EXPORT_TIME
from tests.excel.test_export import rich_assessment

HEADER = 3


def _rows(data: bytes, sheet: str) -> list[list]:
    ws = openpyxl.load_workbook(io.BytesIO(data))[sheet]
    return [list(r) for r in ws.iter_rows(min_row=HEADER, values_only=True)]


def test_the_sheet_lists_the_suggestions_and_says_which_are_adopted(store, fw):
    view = rich_assessment(store, fw)
    svc = Assessments(store, fw)
    first = suggest(svc.scores(view), fw, view.id, "en").suggestions[0]
    svc.adopt_option(ACTOR, view.id, view.revision, first.option_id, [i.id for i in first.indicators], lang="en")
    rows = _rows(export_workbook(store, ACTOR, fw, Selection(assessment_id=view.id), now=EXPORT_TIME), SUGGESTED)
    assert rows[0] == ["Country", "Period", "Rank", "Option", "Title", "Reason", "Linked indicators", "Adopted"]
    body = rows[1:]
    assert body and [r[2] for r in body] == list(range(1, len(body) + 1))
    top = body[0]
    assert top[:5] == ["XA", "2026-Q3", 1, first.option_id, first.title] and top[5] == first.reason[:1].upper() + first.reason[1:]
    assert top[6] == ", ".join(i.id for i in first.indicators) and top[7] == "yes"
    assert all(r[7] == "no" for r in body[1:])
    assert SUGGESTED in SHEETS


def test_the_sheet_is_in_the_export_language(store, fw):
    view = rich_assessment(store, fw)
    with use_language("fr"):
        data = export_workbook(store, ACTOR, fw, Selection(assessment_id=view.id), now=EXPORT_TIME, lang="fr")
    assert "Mesures suggérées" in openpyxl.load_workbook(io.BytesIO(data)).sheetnames
