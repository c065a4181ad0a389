"""Issue 20 in the app: suggestions adopted in one click, a measure's status changed in one action with its
history across periods, and the measures beside risk on the country dashboard."""

from __future__ import annotations

import json

from riskframe.app.pages.assess_suggestions import may_adopt
from riskframe.assessments import Assessments
from riskframe.domain import EntryIn
from riskframe.store import Actor, MeasureIn
from tests.app.conftest import open_app
from tests.app.test_assess_flow import no_exception

ADOPT = "Adopt as a recommended measure"


def _scored(store, fw, actor, period="2026-Q3"):
    """XA with every risk indicator at 2 and the hate-speech ones at 3: red flags and high factors."""
    store.ensure_country(actor, "XA", "Arvenia (fictional)")
    a = store.create_assessment(actor, "XA", period, fw.id, fw.version)
    entries = {i: EntryIn(score=3 if i.startswith(("7.", "8.")) else 2, evidence=f"{i} seen")
               for i, ind in fw.indicators.items() if ind.kind == "risk"}
    store.save_entries(actor, a.id, a.revision, entries, fw.indicator_ids())
    return store.get_assessment(actor, a.id)


def _adopt_buttons(at):
    return [b for b in at.button if b.label == ADOPT]


def test_a_suggestion_is_adopted_in_one_click_and_not_offered_again(store, fw, actor):
    view = _scored(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3", section="measures")
    no_exception(at)
    buttons = _adopt_buttons(at)
    assert buttons, "no suggestion offered"
    option = buttons[0].key.rsplit(":", 1)[1]
    before = store.get_assessment(actor, view.id).revision
    buttons[0].click().run()
    no_exception(at)
    after = store.get_assessment(actor, view.id)
    assert [m.option_id for m in after.measures] == [option]  # one measure, keeping the option
    measure = after.measures[0]
    assert measure.status.value == "proposed" and measure.linked_ids and measure.title
    assert after.revision == before + 1  # one action, one revision
    assert len(_adopt_buttons(at)) == len(buttons) - 1
    assert option not in [b.key.rsplit(":", 1)[1] for b in _adopt_buttons(at)]
    assert any("Adopted as a recommended measure" in m.value for m in at.markdown)


def test_closed_suggestions_are_not_drawn_until_opened(store, fw, actor):
    """Issue 18: outside the measures section the suggestions' expander is closed and lazy — its
    options are not sent with every rerun of Assess; its title still counts them."""
    _scored(store, fw, actor)
    risk = next(f.id for f in fw.factors if f.kind == "risk")
    at = open_app("assess", country="XA", period="2026-Q3", section=risk)
    no_exception(at)
    [box] = [e for e in at.expander if e.label.startswith("Suggested prevention measures:")]
    assert "not adopted yet" in box.label  # the count is there, the options are not
    assert not _adopt_buttons(at)
    measures = open_app("assess", country="XA", period="2026-Q3", section="measures")
    assert _adopt_buttons(measures)  # open in the measures section: drawn at once


def test_only_those_who_may_write_may_adopt(store, fw, actor):
    view = _scored(store, fw, actor)
    assert may_adopt(type("C", (), {"actor": actor})(), view)
    viewer = Actor(username="v", role="viewer", countries=frozenset({"XA"}))
    assert not may_adopt(type("C", (), {"actor": viewer})(), view)


def test_a_status_changes_in_one_action_and_dropping_needs_a_reason(store, fw, actor):
    view = _scored(store, fw, actor)
    store.save_measures(actor, view.id, view.revision, [MeasureIn(title="Hate-speech law", owner="Parliament")])
    m = store.get_assessment(actor, view.id).measures[0]
    at = open_app("assess", country="XA", period="2026-Q3", section="measures")
    no_exception(at)
    at.selectbox(key=f"st:{m.key}").set_value("dropped")
    next(b for b in at.button if b.label == "Change status").click().run()
    no_exception(at)
    assert any("say why the measure is dropped" in e.value for e in at.error)
    assert store.get_assessment(actor, view.id).measures[0].status.value == "proposed"
    at.selectbox(key=f"st:{m.key}").set_value("agreed")
    next(b for b in at.button if b.label == "Change status").click().run()
    no_exception(at)
    after = store.get_assessment(actor, view.id)
    assert [(x.key, x.status.value, x.owner) for x in after.measures] == [(m.key, "agreed", "Parliament")]
    assert after.revision == store.get_assessment(actor, view.id).revision


def test_the_status_history_across_periods_is_shown_after_copy_forward(store, fw, actor):
    old = _scored(store, fw, actor, "2026-Q2")
    svc = Assessments(store, fw)
    rev = store.save_measures(actor, old.id, old.revision, [MeasureIn(title="Early-warning radio")]).revision
    key = store.get_assessment(actor, old.id).measures[0].key
    rev = svc.set_measure_status(actor, old.id, rev, key, "agreed").revision
    rev = store.transition(actor, old.id, "submitted", rev).revision
    store.transition(actor, old.id, "validated", rev)
    new = svc.copy_forward(actor, "XA", "2026-Q3")
    at = open_app("assess", country="XA", period="2026-Q3", section="measures")
    no_exception(at)
    text = " ".join(m.value for m in at.markdown)
    assert "Status across periods" in text
    assert "2026-Q2" in text and "2026-Q3" in text and "Agreed" in text
    assert store.get_assessment(actor, new.id).measures[0].previous_measure_id == key


def test_the_country_trend_marks_when_a_measure_was_agreed(store, fw, actor):
    view = _scored(store, fw, actor)
    svc = Assessments(store, fw)
    rev = store.save_measures(actor, view.id, view.revision,
                              [MeasureIn(title="National action plan", linked_ids=["8.7"])]).revision
    key = store.get_assessment(actor, view.id).measures[0].key
    svc.set_measure_status(actor, view.id, rev, key, "agreed")
    at = open_app("dash_country", country="XA")
    at.toggle(key="dash_include_drafts").set_value(True).run()
    no_exception(at)
    trend = json.loads(at.get("plotly_chart")[0].proto.spec)
    marks = [t for t in trend["data"] if t.get("meta") == "agreed"]
    assert marks and "National action plan" in marks[0]["hovertext"][0]
    table = next(d.value for d in at.dataframe if "addresses" in d.value.columns)
    assert list(table["title"]) == ["National action plan"] and table.iloc[0]["addresses"] == "8.7 (3)"


def test_the_alerts_page_counts_measures_by_status_and_country_with_overdue(store, fw, actor):
    view = _scored(store, fw, actor)
    svc = Assessments(store, fw)
    rev = store.save_measures(actor, view.id, view.revision, [
        MeasureIn(title="Old promise", due_period="2020-Q1"), MeasureIn(title="Radio", due_period="2099-Q4"),
        MeasureIn(title="Law", status="implemented")]).revision
    key = next(m.key for m in store.get_assessment(actor, view.id).measures if m.title == "Radio")
    svc.set_measure_status(actor, view.id, rev, key, "agreed")
    at = open_app("dash_alerts")
    no_exception(at)
    table = next(d.value for d in at.dataframe if "overdue" in d.value.columns)
    row = table[table["country"] == "XA"].iloc[0]
    assert (row["proposed"], row["agreed"], row["implemented"], row["open"], row["overdue"]) == (1, 1, 1, 2, 1)
    assert {m.label: m.value for m in at.metric}["Overdue"] == "1"
