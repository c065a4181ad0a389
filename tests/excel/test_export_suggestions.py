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


def test_one_assessment_at_a_time_suggests_what_the_whole_portfolio_does(fw):
    """The sheet hands prevention.suggest each assessment's scores alone (export_suggestions.each_assessment):
    the same suggestions, reasons and points as from the scores of every assessment together."""
    import numpy as np
    import pandas as pd

    from riskframe.excel.export_suggestions import each_assessment
    from riskframe.scoring import score_entries

    rng = np.random.default_rng(18)
    ids = list(fw.indicators)
    rows = []
    for aid in (7, 3, 11, 5, 9):  # not in id order
        for iid in ids:
            draw = rng.integers(0, 7)
            rows.append((aid, iid, int(draw) if draw < 4 else None,
                         "" if draw < 4 else ("unknown" if draw < 6 else "not_applicable")))
    entries = pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing"])
    entries["score"] = entries["score"].astype("Float64")
    scores = score_entries(entries, fw, assessment_ids=[7, 3, 11, 5, 9])
    alone = dict(each_assessment(scores))
    assert list(alone) == [7, 3, 11, 5, 9]
    some = 0
    for aid, one in alone.items():
        assert list(one.assessments.index) == [aid]
        expected = suggest(scores, fw, aid, "en")
        assert suggest(one, fw, aid, "en") == expected
        some += len(expected.suggestions)
    assert some  # the data raise suggestions at all
