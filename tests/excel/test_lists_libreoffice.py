"""The list sheets re-saved by LibreOffice Calc: the hidden key row, the row ids, dates and labels
survive, so a prefilled template edited in one cell changes exactly that (issue 16)."""

from __future__ import annotations

from riskframe.excel.service import import_file
from riskframe.excel.template import template_bytes
from tests.excel.helpers import ACTOR
from tests.excel.list_helpers import edit, put, row_of, with_lists
from tests.excel.test_libreoffice import convert, soffice  # noqa: F401 (a fixture)


def test_list_sheets_survive_libreoffice(fw, store, soffice, tmp_path):  # noqa: F811
    # Plain text: LibreOffice saves a literal "_x0041_" unescaped (exact characters: test_lists.py, openpyxl)
    view = with_lists(store, fw)
    data = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    data = edit(data, "Measures", lambda ws, cols: put(ws, cols, row_of(ws, "title", "Reform the police act"),
                                                       {"status": "Done"}))
    converted = convert(soffice, tmp_path, {"template.xlsx": data})["template.xlsx"]
    outcome = import_file(store, ACTOR, fw, converted, "template.xlsx", channel="test", max_mb=10, apply=True)
    assert outcome.status == "applied", (outcome.message, outcome.problems)
    assert [c.text for c in outcome.item_changes] == [
        f"Measures, row {c.row}, “Reform the police act”: Status: In progress → Implemented" for c in outcome.item_changes]
    assert len(outcome.item_changes) == 1 and outcome.indicators == 0
    after = store.get_assessment(ACTOR, view.id)
    assert {m.title: m.status.value for m in after.measures}["Reform the police act"] == "implemented"
    assert [m.model_dump(exclude={"revision", "changed_by", "changed_at", "status"}) for m in after.measures] == \
        [m.model_dump(exclude={"revision", "changed_by", "changed_at", "status"}) for m in view.measures]
