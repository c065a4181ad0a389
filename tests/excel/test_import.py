"""Import: round trip, every problem located, diff, all-or-nothing, stale templates, fallbacks."""

from __future__ import annotations

import io

import openpyxl
import pytest

from riskframe.excel import layout
from riskframe.excel.entries import as_entry_in
from riskframe.excel.importer import ImportRefused, apply_import, plan_import
from riskframe.excel.problems import TemplateInvalid
from riskframe.excel.reader import read_template
from riskframe.excel.template import template_bytes
from riskframe.store import Actor
from tests.excel.helpers import ACTOR, OTHER, RISKY, cells_of, create, fill, sample_entries


def parse(data, fw, **kw):
    return read_template(data, fw, max_mb=10, **kw)


def do_import(store, fw, data, actor=ACTOR, **kw):
    plan = plan_import(store, actor, fw, parse(data, fw, **kw))
    return plan, apply_import(store, actor, fw, plan)


def test_round_trip_template_filled_by_code_equals_database(fw, store):
    wanted = sample_entries(fw, "round")
    wanted["1.1"] = wanted["1.1"].model_copy(update={"evidence": RISKY[0]})
    wanted["1.2"] = wanted["1.2"].model_copy(update={"evidence": "line one\nline two", "comment": RISKY[1]})
    data = fill(template_bytes(fw, "XA", "2026-Q3"), {iid: cells_of(e) for iid, e in wanted.items()})
    plan, result = do_import(store, fw, data)
    assert plan.assessment is None and len(plan.entries) == len(fw.indicators)
    a = store.find_assessment(ACTOR, "XA", "2026-Q3")
    stored = {iid: as_entry_in(e) for iid, e in store.get_assessment(ACTOR, a.id).entries.items()}
    assert stored == wanted
    assert result.revision == a.revision
    assert store.list_revisions(ACTOR, a.id)[-1].kind == "import"


def test_importing_the_same_file_twice_changes_nothing_the_second_time(fw, store):
    view = create(store, fw, entries=sample_entries(fw, every=2))
    data = fill(template_bytes(fw, "XA", "2026-Q3", view, prefill=True), {"1.1": {"score": 3, "missing": None},
                                                                       "2.1": {"evidence": "new"}})
    plan, first = do_import(store, fw, data)
    assert {c.indicator_id for c in plan.changes} == {"1.1", "2.1"}
    assert first.revision == view.revision + 1
    again = parse(data, fw)
    # The file's base revision is now stale, but nothing in it differs from the database: no conflict.
    plan2, second = do_import(store, fw, data)
    assert plan2.entries == {} and plan2.conflicts == [] and second.revision == first.revision
    assert store.get_assessment(ACTOR, view.id).revision == first.revision
    assert again.base_revision == view.revision


def test_store_writes_no_revision_for_identical_values(fw, store):
    view = create(store, fw, entries=sample_entries(fw, every=4))
    same = {iid: as_entry_in(e) for iid, e in view.entries.items()}
    result = store.save_entries(ACTOR, view.id, view.revision, same, fw, kind="import")
    assert result.revision == view.revision and result.changed_fields == []


def test_a_blank_row_keeps_the_database_value(fw, store):
    view = create(store, fw, entries=sample_entries(fw))
    data = fill(template_bytes(fw, "XA", "2026-Q3", view), {"3.1": {"score": 1}})
    plan = plan_import(store, ACTOR, fw, parse(data, fw))
    assert set(plan.entries) == {"3.1"}


def test_every_problem_is_reported_with_sheet_row_and_column(fw, store):
    data = fill(template_bytes(fw, "XA", "2026-Q3"), {
        "1.1": {"score": 5}, "1.2": {"score": 2, "missing": "unknown"}, "1.3": {"confidence": "very"},
        "1.4": {"missing": "maybe"}, "1.5": {"sources": " | https://no-title.example"},
        "1.6": {"evidence": "x" * 20001},
    })
    with pytest.raises(TemplateInvalid) as err:
        parse(data, fw)
    text = [str(p) for p in err.value.problems]
    assert text[0] == "[sheet “Indicators”, row 5, column E] the score must be one of 0, 1, 2, 3 (or empty); found “5”"
    assert any(t.startswith("[sheet “Indicators”, row 6, column F] give either a score") for t in text)
    assert any(t.startswith("[sheet “Indicators”, row 7, column G] Confidence must be one of Low") for t in text)
    assert any(t.startswith("[sheet “Indicators”, row 8, column F] Missing reason must be one of") for t in text)
    assert any(t.startswith("[sheet “Indicators”, row 9, column I] the source line") for t in text)
    assert any(t.startswith("[sheet “Indicators”, row 10, column H]") and "20000" in t for t in text)
    assert len(text) == 6
    assert store.list_assessments(ACTOR) == []


def test_added_renamed_or_duplicated_rows_are_refused(fw):
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(fw, "XA", "2026-Q3")))
    ws = wb[layout.SHEET]
    ws.cell(layout.FIRST_ROW, 1).value = "99.1"
    ws.cell(layout.FIRST_ROW + 2, 1).value = "1.2"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(TemplateInvalid) as err:
        parse(out.getvalue(), fw)
    text = " ".join(str(p) for p in err.value.problems)
    assert "row 5, column A] unknown indicator id “99.1”" in text
    assert "row 7, column A] indicator 1.2 appears twice (also row 6)" in text
    assert "differ from those the template was made with" in text


def test_stale_template_conflicts_only_where_both_changed_and_writes_nothing(fw, store):
    view = create(store, fw, entries=sample_entries(fw, every=2))
    template = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    # Someone else changes 1.1 after the template was downloaded.
    their_score = next(x for x in (0, 1, 2) if x != view.entries["1.1"].score)
    theirs = store.save_entries(OTHER, view.id, view.revision,
                                {"1.1": {"score": their_score, "evidence": "theirs"}}, fw)
    data = fill(template, {"1.1": {"score": 3, "missing": None, "evidence": "mine"}, "2.1": {"score": 1}})
    plan = plan_import(store, ACTOR, fw, parse(data, fw))
    assert {c.path for c in plan.open_conflicts} >= {"entries.1.1.score", "entries.1.1.evidence"}
    assert all(c.indicator_id == "1.1" for c in plan.conflicts)
    score = next(c for c in plan.conflicts if c.field == "score")
    assert (score.database, score.file, score.changed_by) == (their_score, 3, "analyst.b")
    assert score.base == view.entries["1.1"].score
    with pytest.raises(ImportRefused):
        apply_import(store, ACTOR, fw, plan)
    assert store.get_assessment(ACTOR, view.id).revision == theirs.revision
    # A row someone changed but the file leaves as it was at its base keeps their value: no conflict.
    untouched = fill(template, {"2.1": {"score": 1}})
    merged = plan_import(store, ACTOR, fw, parse(untouched, fw))
    assert merged.conflicts == [] and "1.1" not in merged.entries and set(merged.entries) == {"2.1"}
    assert {(k.indicator_id, k.field, k.value, k.changed_by) for k in merged.kept} >= {
        ("1.1", "score", their_score, "analyst.b"), ("1.1", "evidence", "theirs", "analyst.b")}


def test_prefer_and_choices_settle_conflicts(fw, store):
    view = create(store, fw, entries=sample_entries(fw, every=2))
    template = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    their_score = next(x for x in (0, 1, 2) if x != view.entries["1.1"].score)
    store.save_entries(OTHER, view.id, view.revision, {"1.1": {"score": their_score, "evidence": "theirs"}}, fw)
    data = parse(fill(template, {"1.1": {"score": 3, "missing": None, "evidence": "mine"}}), fw)
    mine = plan_import(store, ACTOR, fw, data, prefer="mine")
    assert mine.can_apply and mine.entries["1.1"].score == 3 and mine.entries["1.1"].evidence == "mine"
    theirs = plan_import(store, ACTOR, fw, data, prefer="theirs")
    assert theirs.can_apply and theirs.entries == {}
    mixed = plan_import(store, ACTOR, fw, data, choices={"1.1:missing+score": "theirs", "1.1:evidence": "mine"})
    assert mixed.can_apply and (mixed.entries["1.1"].score, mixed.entries["1.1"].evidence) == (their_score, "mine")
    apply_import(store, ACTOR, fw, mixed)
    entry = store.get_assessment(ACTOR, view.id).entries["1.1"]
    assert (entry.score, entry.evidence) == (their_score, "mine")


def test_stale_template_without_overlap_imports(fw, store):
    view = create(store, fw, entries=sample_entries(fw, every=2))
    template = template_bytes(fw, "XA", "2026-Q3", view)  # not prefilled: only the rows I fill count
    store.save_entries(OTHER, view.id, view.revision, {"1.1": {"score": 0}}, fw)
    plan, result = do_import(store, fw, fill(template, {"2.2": {"score": 2}}))
    assert not plan.conflicts and result.changed_fields
    entries = store.get_assessment(ACTOR, view.id).entries
    assert entries["1.1"].score == 0 and entries["2.2"].score == 2


def test_a_validated_assessment_refuses_the_import(fw, store):
    view = create(store, fw, entries=sample_entries(fw))
    rev = store.transition(ACTOR, view.id, "submitted", view.revision).revision
    store.transition(Actor(username="rev", role="analyst", countries={"XA"}), view.id, "validated", rev)
    data = fill(template_bytes(fw, "XA", "2026-Q3", view), {"1.1": {"score": 1, "missing": None}})
    plan = plan_import(store, ACTOR, fw, parse(data, fw))
    assert "validated" in plan.refusal
    with pytest.raises(ImportRefused):
        apply_import(store, ACTOR, fw, plan)


def _drop_meta(data: bytes, title: str | None = None) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    del wb[layout.META_SHEET]
    if title is not None:
        wb[layout.SHEET]["A1"].value = title
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_without_the_hidden_sheet_the_title_gives_country_and_period_with_a_warning(fw, store):
    view = create(store, fw)
    data = _drop_meta(fill(template_bytes(fw, "XA", "2026-Q3", view), {"1.1": {"score": 2}}))
    parsed = parse(data, fw)
    assert (parsed.country, parsed.period, parsed.base_revision) == ("XA", "2026-Q3", None)
    assert any("hidden sheet" in w for w in parsed.warnings)
    plan, result = do_import(store, fw, data)
    assert result.revision == view.revision + 1


def test_without_hidden_sheet_or_title_the_options_are_needed(fw):
    data = _drop_meta(template_bytes(fw, "XA", "2026-Q3"), title="my notes")
    with pytest.raises(TemplateInvalid) as err:
        parse(data, fw)
    assert "--country and --period" in str(err.value)
    assert parse(data, fw, country="xb", period="2026-Q4").country == "XB"


def test_options_that_contradict_the_metadata_are_refused(fw):
    with pytest.raises(TemplateInvalid, match="is for country XA"):
        parse(template_bytes(fw, "XA", "2026-Q3"), fw, country="XB")


def test_a_template_for_another_framework_version_is_refused(fw):
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(fw, "XA", "2026-Q3")))
    meta = wb[layout.META_SHEET]
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "framework_version")
    meta.cell(row, 2).value = "0.9.0"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(TemplateInvalid, match="made for framework un-foa-2014 0.9.0.*download a new template"):
        parse(out.getvalue(), fw)
