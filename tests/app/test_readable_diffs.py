"""Readable diffs (issue 16, item 6): indicator id and text, labels for codes, score changes first,
sources as lines, no reprs, field paths or internal ids."""

import datetime as dt

from riskframe.app.diff_view import readable
from riskframe.domain import EntryIn, SourceRef
from riskframe.store import Change, ConsultationIn
from tests.app.conftest import open_app
from tests.app.test_review_framework import no_exception, submitted


def test_changes_read_as_words(fw):
    changes = [
        Change(field="entries.1.2.sources", old=[], new=[{"title": "UN report", "url": "https://x.org", "date": None},
                                                        {"title": "Radio log", "url": None, "date": "2026-05"}]),
        Change(field="entries.1.2.score", old=None, new=2, changed_by="amina"),
        Change(field="entries.1.2.missing", old="not_assessed", new=None, changed_by="amina"),
        Change(field="consultations.abc123.category", old="civil_society", new="womens_organisations"),
        Change(field="status", old="draft", new="submitted"),
    ]
    table = readable(changes, fw, {"abc123": "Women's network"})
    assert list(table["Field"])[:2] == ["Score", "Sources"]  # the score first
    first = table.iloc[0]
    assert first["What"].startswith("1.2 · ") and first["Before"] == "Not assessed yet"
    assert first["After"].startswith("2 · ")
    assert table.iloc[1]["After"] == "UN report | https://x.org\nRadio log |  | 2026-05"
    consult = table[table["What"] == "Consultation “Women's network”"].iloc[0]
    assert (consult["Before"], consult["After"]) == ("Civil society", "Women's organisations")
    text = table.to_string()
    for bad in ("entries.", "not_assessed", "womens_organisations", "[{", "abc123", "None"):
        assert bad not in text, bad


def test_review_shows_the_changes_since_last_period_readably(store, fw, actor):
    old = submitted(store, fw, actor, period="2026-Q1")
    store.transition(actor, old.id, "validated", store.get_assessment(actor, old.id).revision)
    a = store.create_assessment(actor, "XB", "2026-Q2", fw.id, fw.version)
    entries = {i: EntryIn(score=2, evidence="Reported by the ombudsperson.") for i in fw.indicators}
    entries["1.1"] = EntryIn(score=3, evidence="Reported by the ombudsperson.",
                             sources=[SourceRef(title="Ombudsperson report", url="https://example.org/r")])
    head = store.save_entries(actor, a.id, a.revision, entries, fw.indicator_ids()).revision
    head = store.save_consultations(actor, a.id, head, [ConsultationIn(category="womens_organisations",
                                                                         name="Women's network",
                                                                         date=dt.date(2026, 5, 2))]).revision
    store.transition(actor, a.id, "submitted", head)
    at = open_app("review")
    no_exception(at)
    table = at.dataframe[0].value
    text = table.to_string()
    assert table.iloc[0]["Field"] == "Score" and table.iloc[0]["What"].startswith("1.1 · ")
    assert table.iloc[0]["Before"].startswith("2 · ") and table.iloc[0]["After"].startswith("3 · ")
    assert "Ombudsperson report | https://example.org/r" in text
    for bad in ("entries.", "womens_organisations", "[{", "None"):
        assert bad not in text, bad
