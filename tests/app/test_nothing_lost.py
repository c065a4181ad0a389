"""Nothing typed is lost (issue 16, item 3): limits shown while typing, sentences instead of
tracebacks, forms that keep their content after a refusal, a Save that always takes the click."""

from riskframe.app.limits import limit
from riskframe.domain import EntryIn
from riskframe.store import ConsultationIn, MeasureIn, VulnerableGroupIn
from tests.app.conftest import open_app
from tests.app.test_assess_flow import new_assessment, no_exception


def add_box(at, label):
    """A box of the add form (edit forms of existing items have the same labels)."""
    return next(t for t in [*at.text_input, *at.text_area] if t.label == label and t.key.startswith("add_"))


def area(at, ind, field):
    return next(t for t in at.text_area if t.key.endswith(f":{ind}:{field}"))


def test_limits_come_from_the_schemas():
    assert limit("entry", "evidence") == EntryIn.model_fields["evidence"].metadata[0].max_length == 20000
    assert limit("group", "name") == 300 and limit("measure", "title") == 500
    assert limit("consultation", "summary") == ConsultationIn.model_fields["summary"].metadata[0].max_length
    assert limit("group", "description") == VulnerableGroupIn.model_fields["description"].metadata[0].max_length
    assert limit("measure", "owner") == MeasureIn.model_fields["owner"].metadata[0].max_length


def test_every_text_box_of_a_section_shows_its_limit(store, fw, actor):
    new_assessment(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3")
    evidence = [t for t in at.text_area if t.key.endswith(":evidence")]
    assert evidence and all(t.proto.max_chars == 20000 for t in evidence)
    for section in ("groups", "consultations", "measures"):
        at = open_app("assess", country="XA", period="2026-Q3", section=section)
        boxes = [*at.text_input, *at.text_area]
        boxes = [b for b in boxes if b.label not in ("Period", "Country code")]
        assert boxes and all(b.proto.max_chars > 0 for b in boxes), section


def test_fifty_thousand_characters_of_evidence_give_a_sentence_naming_the_limit(store, fw, actor):
    a = new_assessment(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3")
    pasted = "Reports of militia drills near the border. " * 1200  # ~51,600 characters
    area(at, "1.1", "evidence").set_value(pasted).run()
    no_exception(at)  # the widget takes 20,000 (max_chars), the page says so
    assert len(area(at, "1.1", "evidence").value) == 20000
    assert any("Evidence has reached its limit of 20,000 characters" in w.value for w in at.warning)
    at.button(key=f"save:{a.id}:1").click().run()
    no_exception(at)
    assert len(store.get_assessment(actor, a.id).entries["1.1"].evidence) == 20000


def test_over_long_evidence_from_elsewhere_is_a_sentence_not_an_exception():
    """Values that bypass the browser's limit (a draft, a test) are refused with a sentence."""
    from riskframe.app.entry_widgets import is_dirty, widget_problems

    values = {"score": "2", "confidence": "", "trend": "", "evidence": "x" * 50000, "sources": ""}
    sentences = widget_problems(values)
    assert sentences == ["Evidence is longer than the limit of 20,000 characters (it has 50,000); shorten it."]
    assert is_dirty(values, None)


def test_an_over_long_source_title_names_the_line(store, fw, actor):
    new_assessment(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3")
    area(at, "1.2", "sources").set_value("Fine source | https://example.org\n" + "T" * 600).run()
    no_exception(at)
    assert any("Sources, line 2: Title is longer than the limit of 500 characters" in e.value for e in at.error)


def test_evidence_at_its_limit_says_the_rest_was_not_taken(store, fw, actor):
    new_assessment(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3")
    area(at, "1.1", "evidence").set_value("x" * 20000).run()
    no_exception(at)
    assert any("reached its limit of 20,000 characters" in w.value for w in at.warning)


def test_save_is_never_disabled_and_says_when_there_is_nothing_to_save(store, fw, actor):
    a = new_assessment(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3")
    assert not at.button(key=f"save:{a.id}:1").disabled
    at.button(key=f"save:{a.id}:1").click().run()
    assert any("Nothing to save" in i.value for i in at.info)
    # Typing into a text area and clicking Save in one go (the click carries the value) saves it.
    area(at, "1.3", "evidence").set_value("Hate speech on radio.")
    at.button(key=f"save:{a.id}:1").click().run()
    no_exception(at)
    assert store.get_assessment(actor, a.id).entries["1.3"].evidence == "Hate speech on radio."


def test_a_group_without_a_name_says_so_and_the_form_keeps_its_content(store, fw, actor):
    a = new_assessment(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3", section="groups")
    add_box(at, "Basis").input("ethnic")
    add_box(at, "Why this group is at risk").input("Targeted in speeches.")
    next(b for b in at.button if b.label == "Add group").click().run()
    no_exception(at)
    assert any("vulnerable group needs a name" in e.value for e in at.error)
    assert not any("pydantic" in e.value for e in at.error)
    assert add_box(at, "Basis").value == "ethnic"
    assert add_box(at, "Why this group is at risk").value == "Targeted in speeches."
    add_box(at, "Group").input("Herders")
    next(b for b in at.button if b.label == "Add group").click().run()
    no_exception(at)
    assert [g.name for g in store.get_assessment(actor, a.id).vulnerable_groups] == ["Herders"]
    assert add_box(at, "Basis").value == ""  # emptied after the save


def test_a_consultation_needs_an_organisation_or_a_person(store, fw, actor):
    a = new_assessment(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3", section="consultations")
    add_box(at, "Summary").input("Round table on hate speech.")
    next(b for b in at.button if b.label == "Add consultation").click().run()
    no_exception(at)
    assert any("needs the organisation or the person" in e.value for e in at.error)
    assert add_box(at, "Summary").value == "Round table on hate speech."
    assert store.get_assessment(actor, a.id).consultations == []


def test_typed_text_is_a_draft_that_comes_back_in_a_new_session_until_saved(store, fw, actor):
    a = new_assessment(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3")
    area(at, "1.4", "evidence").set_value("Curfew announced for the northern districts.").run()
    no_exception(at)
    assert store.list_drafts(actor, a.id)["1.4"].values["evidence"] == "Curfew announced for the northern districts."
    assert not any("unsaved drafts" in i.value for i in at.info)  # announced only when brought back
    again = open_app("assess", country="XA", period="2026-Q3")  # a reload, or the next sign-in
    no_exception(again)
    assert area(again, "1.4", "evidence").value == "Curfew announced for the northern districts."
    assert any("You have unsaved drafts from" in i.value and "1.4" in i.value for i in again.info)
    again.button(key=f"save:{a.id}:1").click().run()
    no_exception(again)
    assert store.get_assessment(actor, a.id).entries["1.4"].evidence.startswith("Curfew")
    assert store.list_drafts(actor, a.id) == {}


def test_discarding_changes_forgets_the_drafts(store, fw, actor):
    a = new_assessment(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3")
    area(at, "1.4", "evidence").set_value("Not sure yet.").run()
    at.button(key=f"discard:{a.id}:1").click().run()
    no_exception(at)
    assert store.list_drafts(actor, a.id) == {}
    assert area(at, "1.4", "evidence").value == ""


def test_drafts_are_private_to_their_author(store, fw, actor):
    from riskframe.store import Actor
    a = new_assessment(store, fw, actor)
    store.save_draft(actor, a.id, "1.1", {"evidence": "mine"})
    other = Actor(username="someone.else", role="admin")
    assert store.list_drafts(other, a.id) == {}
    viewer = Actor(username="viewer.v", role="viewer")
    import pytest
    from riskframe.store import PermissionDenied
    with pytest.raises(PermissionDenied):
        store.save_draft(viewer, a.id, "1.1", {"evidence": "x"})
