"""A prefilled template re-imported unchanged changes nothing: every value survives exactly (issue 16),
including 30 long sources on one indicator and text with control characters."""

from __future__ import annotations

from riskframe.domain import SourceRef
from riskframe.excel.importer import plan_import
from riskframe.excel.reader import read_template
from riskframe.excel.service import import_file
from riskframe.excel.template import template_bytes
from tests.excel.helpers import ACTOR, RISKY, create, fill, sample_entries

CONTROL = "bell\x07 escape\x1b vertical\x0b form\x0c nul-less \x01\x1f; CR\r and CRLF\r\n; tab\tend; _x0041_ literal"


def _hard_entries(fw):
    entries = sample_entries(fw, "hard")
    long_sources = [SourceRef(title=f"Source {n}: " + "t" * 480, url=f"https://example.org/{n}/" + "u" * 1900,
                              date="2026-06-30") for n in range(30)]
    entries["1.1"] = entries["1.1"].model_copy(update={"sources": long_sources, "evidence": "e" * 20000})
    entries["1.2"] = entries["1.2"].model_copy(update={"evidence": CONTROL, "comment": RISKY[0] + CONTROL})
    entries["1.3"] = entries["1.3"].model_copy(update={"sources": [
        SourceRef(title="Title with \x02 control"), SourceRef(title=" A | B  ", url="https://x.example/a|b"),
        SourceRef(title="two\nlines", date="2026")]})
    entries["1.4"] = entries["1.4"].model_copy(update={"evidence": "  padded  ", "comment": "\n\nblank lines\n"})
    return entries


def test_a_prefilled_template_reimported_unchanged_changes_nothing(fw, store):
    view = create(store, fw, entries=_hard_entries(fw))
    assert len(view.entries["1.1"].sources) == 30
    data = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    plan = plan_import(store, ACTOR, fw, read_template(data, fw, max_mb=10))
    assert plan.changes == [] and plan.entries == {}
    outcome = import_file(store, ACTOR, fw, data, "same.xlsx", channel="test", max_mb=10, apply=True)
    assert outcome.status == "nothing", outcome
    assert "nothing to change" in outcome.message
    assert store.get_assessment(ACTOR, view.id).revision == view.revision


def test_editing_one_cell_of_the_hard_template_changes_only_that(fw, store):
    view = create(store, fw, entries=_hard_entries(fw))
    data = fill(template_bytes(fw, "XA", "2026-Q3", view, prefill=True), {"2.1": {"comment": "edited"}})
    plan = plan_import(store, ACTOR, fw, read_template(data, fw, max_mb=10))
    assert [(c.indicator_id, c.field) for c in plan.changes] == [("2.1", "comment")]


def test_long_sources_continue_in_extra_columns_whole_lines(fw, store):
    import io

    import openpyxl

    from riskframe.excel import layout
    view = create(store, fw, entries=_hard_entries(fw))
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(fw, "XA", "2026-Q3", view, prefill=True)))
    ws = wb[layout.SHEET]
    headers = [c.value for c in ws[layout.HEADER_ROW]]
    assert "Sources, continued (2)" in headers
    row = next(r for r in ws.iter_rows(min_row=layout.FIRST_ROW) if r[0].value == "1.1")
    cells = [c.value for c in row[headers.index(layout.BY_KEY["sources"].header):] if c.value]
    cells = [v for v in cells if isinstance(v, str) and v.startswith("Source ")]
    assert len(cells) >= 2 and all(len(v) <= 32767 for v in cells)
    assert sum(v.count("\n") + 1 for v in cells) == 30  # whole lines, none cut


def test_a_value_that_cannot_fit_a_cell_is_refused_at_template_time(fw, store):
    from riskframe.excel.service import template_file
    entries = sample_entries(fw, "cut")
    entries["2.1"] = entries["2.1"].model_copy(update={"evidence": "\x01" * 5000})
    create(store, fw, entries=entries)
    made = template_file(store, ACTOR, fw, "XA", "2026-Q3", prefill=True, lang="en", file_name="t.xlsx",
                         channel="test")
    assert not made.ok and made.data == b""
    assert "indicator 2.1, Evidence" in made.message and "32767" in made.message
