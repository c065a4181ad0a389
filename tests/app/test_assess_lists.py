import datetime as dt
from tests.app.conftest import open_app

def test_bad_consultation_says_why_and_writes_nothing(store, fw, actor):
    store.ensure_country(actor, "XA")
    a = store.create_assessment(actor, "XA", "2026-Q3", fw.id, fw.version)
    at = open_app("assess", country="XA", period="2026-Q3", section="consultations")
    at.text_input[-1].input("x" * 301)
    next(b for b in at.button if b.label == "Add consultation").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Not saved" in e.value for e in at.error)
    assert store.get_assessment(actor, a.id).consultations == []
