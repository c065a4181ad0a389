"""Derived scores (riskframe/store/derived.py): written with every kind of write, equal to a full rescore,
stale after a method change, and the dashboards' panel read from them equals the panel of every entry."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from sqlalchemy import select, update

from riskframe.analytics import build_panel
from riskframe.analytics.panel import panel_from_summary
from riskframe.domain import EntryIn
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT
from riskframe.store import open_store
from riskframe.store import models as m
from riskframe.store.derived_models import DerivedScore
from tests.charts.data import ADMIN, copy_to, demo_template, framework

FW = framework()


def _random_entries(fw, rng: np.random.Generator, share: float = 1.0) -> dict[str, EntryIn]:
    out: dict[str, EntryIn] = {}
    for iid in fw.indicators:
        draw = rng.random()
        if draw > share:
            continue
        if draw < 0.06:
            out[iid] = EntryIn(missing="unknown")
        elif draw < 0.09:
            out[iid] = EntryIn(missing="not_applicable", evidence="Not relevant here." if draw < 0.075 else "")
        else:
            out[iid] = EntryIn(score=int(rng.integers(0, 4)), confidence=str(rng.choice(["low", "medium", "high"])),
                               evidence="Synthetic.")
    return out


def _rows(store) -> dict[int, tuple[int, int]]:
    """assessment id -> (derived row revision or -1, head revision)."""
    with store.db.read() as session:
        heads = dict(session.execute(select(m.Assessment.id, m.Assessment.revision)).all())
        rows = dict(session.execute(select(DerivedScore.assessment_id, DerivedScore.revision)).all())
    return {aid: (rows.get(aid, -1), head) for aid, head in heads.items()}


def _current_and_equal(store, fw=FW) -> None:
    assert all(row == head for row, head in _rows(store).values()), _rows(store)
    report = store.check_scores(ADMIN, fw)
    assert report.checked == len(_rows(store)) and report.problems == []


def _panels_equal(store, fw, statuses) -> None:
    full = build_panel(store.entries_frame(ADMIN, statuses), fw, statuses)
    found = store.derived_scores(ADMIN, fw, statuses)
    derived = panel_from_summary(found.header, found.summary, fw, statuses)
    assert len(full.assessments) > 0
    # to the last bits: a batch's matrix products may round differently from one assessment's (~1e-15)
    pd.testing.assert_frame_equal(full.assessments, derived.assessments, rtol=1e-12, atol=1e-12)
    pd.testing.assert_frame_equal(full.factors.reset_index(drop=True), derived.factors, rtol=1e-12, atol=1e-12)


def test_every_kind_of_write_keeps_the_derived_row_at_the_head(store):
    store.use_framework(FW)
    rng = np.random.default_rng(7)
    ids = FW.indicator_ids()
    a = store.create_assessment(ADMIN, "XA", "2026-Q1", FW.id, FW.version, entries=_random_entries(FW, rng),
                                indicator_ids=ids)  # create + import, one transaction
    _current_and_equal(store)
    rev = store.save_entries(ADMIN, a.id, a.revision, {"1.1": EntryIn(score=3, confidence="high")}, ids).revision
    _current_and_equal(store)
    rev = store.save_import(ADMIN, a.id, rev, {"1.2": EntryIn(missing="unknown")}, ids).revision
    _current_and_equal(store)
    rev = store.revert_to_revision(ADMIN, a.id, 2, rev).revision
    _current_and_equal(store)
    for status in ("submitted", "validated"):
        rev = store.transition(ADMIN, a.id, status, rev).revision
        _current_and_equal(store)
    copied = store.copy_forward(ADMIN, "XA", "2026-Q2", FW.id, FW.version, indicator_ids=ids)
    _current_and_equal(store)
    empty = store.create_assessment(ADMIN, "XB", "2026-Q1", FW.id, FW.version)
    _current_and_equal(store)
    with store.db.read() as session:  # an assessment without entries is summarised as nothing
        assert session.scalar(select(DerivedScore.summary).where(DerivedScore.assessment_id == empty.id)) is None
        carried = session.scalar(select(DerivedScore.summary).where(DerivedScore.assessment_id == copied.id))
        source = session.scalar(select(DerivedScore.summary).where(DerivedScore.assessment_id == a.id))
    carried_values, source_values = json.loads(carried), json.loads(source)
    assert carried_values.pop("at") > source_values.pop("at")  # the entries were copied later …
    assert carried_values == source_values  # … with the same values: the same numbers
    _panels_equal(store, FW, ("draft", "submitted", "returned", "validated"))


def test_without_the_framework_rows_go_stale_and_a_read_recomputes_them(store):
    rng = np.random.default_rng(8)
    a = store.create_assessment(ADMIN, "XA", "2026-Q1", FW.id, FW.version, entries=_random_entries(FW, rng),
                                indicator_ids=FW.indicator_ids())
    assert _rows(store)[a.id][0] == -1  # nobody told the store the framework: nothing derived yet
    assert [p.reason for p in store.check_scores(ADMIN, FW).problems] == ["missing"]
    found = store.derived_scores(ADMIN, FW)
    assert found.recomputed == (a.id,) and list(found.header.index) == [a.id]
    _current_and_equal(store)
    store.save_entries(ADMIN, a.id, a.revision, {"1.1": EntryIn(score=0)}, FW.indicator_ids())
    assert [p.reason for p in store.check_scores(ADMIN, FW).problems] == ["stale_revision"]
    assert store.derived_scores(ADMIN, FW).recomputed == (a.id,)
    assert store.derived_scores(ADMIN, FW).recomputed == ()


def _demo_store(tmp_path: Path):
    return open_store(copy_to(demo_template(), tmp_path / "demo.db"))


@pytest.mark.parametrize("statuses", [("validated",), ("draft", "submitted", "returned", "validated")])
def test_panel_from_derived_scores_equals_the_full_rescore_on_the_demo_data(tmp_path, statuses):
    with _demo_store(tmp_path) as store:
        _panels_equal(store, FW, statuses)
        if len(statuses) == 4:  # every assessment was read: every row is now there and current
            _current_and_equal(store)


def test_panel_from_derived_scores_equals_the_full_rescore_on_a_random_portfolio(store):
    store.use_framework(FW)
    rng = np.random.default_rng(20261203)
    for code in ("XA", "XB", "XC"):
        for q in range(1, 5):
            a = store.create_assessment(ADMIN, code, f"2025-Q{q}", FW.id, FW.version,
                                        entries=_random_entries(FW, rng, share=float(rng.uniform(0.2, 1.0))),
                                        indicator_ids=FW.indicator_ids())
            if rng.random() < 0.7:
                rev = store.transition(ADMIN, a.id, "submitted", a.revision).revision
                store.transition(ADMIN, a.id, "validated", rev)
    for statuses in (("validated",), ("draft", "submitted", "returned", "validated")):
        _panels_equal(store, FW, statuses)


def _changed_method(tmp_path: Path) -> Path:
    dst = tmp_path / "indicators"
    shutil.copytree(REPO_ROOT / "indicators", dst)
    path = dst / "manifest.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["scoring"]["resilience_dampening"] = 0.5
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dst


def test_a_manifest_parameter_change_makes_every_row_stale(tmp_path):
    changed = load_framework(_changed_method(tmp_path))
    with _demo_store(tmp_path) as store:
        store.rebuild_scores(ADMIN, FW)
        _current_and_equal(store)
        problems = store.check_scores(ADMIN, changed).problems
        assert problems and {p.reason for p in problems} == {"other_method"}
        found = store.derived_scores(ADMIN, changed)
        assert set(found.recomputed) == {p.assessment_id for p in problems}
        _current_and_equal(store, changed)
        _panels_equal(store, changed, ("validated",))
        assert store.rebuild_scores(ADMIN, FW) == len(_rows(store))
        _current_and_equal(store)


def test_check_finds_a_row_that_differs_from_a_rescore(tmp_path):
    with _demo_store(tmp_path) as store:
        store.rebuild_scores(ADMIN, FW)
        with store.db.write() as session:
            first = session.scalar(select(DerivedScore.assessment_id).where(DerivedScore.summary.is_not(None)).limit(1))
            session.execute(update(DerivedScore).where(DerivedScore.assessment_id == first)
                            .values(summary=DerivedScore.summary + " "))
        assert [(p.assessment_id, p.reason) for p in store.check_scores(ADMIN, FW).problems] == [(first, "differs")]


def test_bulk_load_writes_what_the_workflow_would_with_derived_scores(store):
    from riskframe.store.bulk import BulkAssessment

    rng = np.random.default_rng(11)
    items = [BulkAssessment(code, f"2025-Q{q}", status, _random_entries(FW, rng))
             for code in ("XA", "xb") for q, status in ((1, "validated"), (2, "submitted"), (3, "draft"))]
    ids = store.bulk_load(ADMIN, FW, items)
    listed = {a.id: a for a in store.list_assessments(ADMIN)}
    assert [(listed[i].country, listed[i].status, listed[i].revision) for i in ids] == [
        ("XA", "validated", 4), ("XA", "submitted", 3), ("XA", "draft", 2),
        ("XB", "validated", 4), ("XB", "submitted", 3), ("XB", "draft", 2)]
    assert [r.kind for r in store.list_revisions(ADMIN, ids[0])] == ["create", "import", "status", "status"]
    assert store.get_assessment(ADMIN, ids[3]).entries.keys() == items[3].entries.keys()
    assert store.derived_scores(ADMIN, FW).recomputed == ()  # written with the load
    _current_and_equal(store)
    _panels_equal(store, FW, ("draft", "submitted", "returned", "validated"))
    # the next save of a bulk-loaded draft goes through the usual path
    store.use_framework(FW)
    store.save_entries(ADMIN, ids[2], 2, {"1.1": EntryIn(score=1)}, FW.indicator_ids())
    _current_and_equal(store)


def test_a_save_of_lists_only_moves_the_row_without_scoring_again(store, monkeypatch):
    """Groups, consultations and measures do not enter the scores: such a save (or an import of lists
    only) moves the derived row to the new revision without recomputing it; an entry change recomputes."""
    from riskframe.store import ConsultationIn, MeasureIn
    from riskframe.store import derived

    store.use_framework(FW)
    ids = FW.indicator_ids()
    entries = _random_entries(FW, np.random.default_rng(9))
    a = store.create_assessment(ADMIN, "XA", "2026-Q1", FW.id, FW.version, entries=entries, indicator_ids=ids)
    computed: list[list[int]] = []
    real = derived.compute
    monkeypatch.setattr(derived, "compute", lambda s, fw, aids: computed.append(list(aids)) or real(s, fw, aids))
    rev = store.save_consultations(ADMIN, a.id, a.revision, [ConsultationIn(category="youth", name="Youth council")])
    rev = store.save_import(ADMIN, a.id, rev.revision, {"1.1": entries["1.1"]}, ids,
                            lists={"measures": [MeasureIn(title="Train the police on hate speech")]})
    assert computed == []  # the import's entry equals the stored one: lists only
    _current_and_equal(store)  # (its check rescores every row: not a save's work)
    computed.clear()
    store.save_entries(ADMIN, a.id, rev.revision, {"1.1": EntryIn(score=0 if entries["1.1"].score else 1,
                                                                 confidence="high")}, ids)
    assert computed == [[a.id]]
    _current_and_equal(store)


def test_instants_of_one_assessment_convert_as_pandas_does():
    """A save's derived row converts the driver's instants without pandas: exactly pandas' nanoseconds,
    for SQLite's text (with and without fractions, naive = UTC), PostgreSQL's aware datetimes, offsets."""
    import datetime as dt

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from riskframe.store.derived import _instants_ns

    def reference(values):
        return pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601").astype(
            "datetime64[ns, UTC]").array.asi8.tolist()

    zones = st.sampled_from([None, dt.UTC, dt.timezone(dt.timedelta(hours=2)), dt.timezone(dt.timedelta(hours=-5))])
    moments = st.datetimes(min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2199, 1, 1), timezones=zones)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(moments, st.sampled_from(["text", "sqlite", "datetime"])), min_size=1, max_size=6))
    def check(drawn):
        values = [d.isoformat() if how == "text" else d.strftime("%Y-%m-%d %H:%M:%S.%f") if how == "sqlite"
                  and d.tzinfo is None else d for d, how in drawn]
        assert _instants_ns(values) == reference(values)

    check()
    with pytest.raises(ValueError):  # anything else goes to pandas, which decides (here: refuses) as before
        _instants_ns(["not a date"])
