"""The summary says whether women and young people were consulted (HRC panel report para. 42), by the checklist's rule."""

from __future__ import annotations

from riskframe.i18n import use_language
from riskframe.reports.assemble import assemble
from tests.reports.conftest import ADMIN, pdftotext
from tests.reports.helpers import make_assessment


def _with(store, fw, country: str, categories: list[str]):
    view = make_assessment(store, fw, country)
    if categories:
        store.save_consultations(ADMIN, view.id, view.revision,
                                 [{"category": c, "name": f"Heard {c}"} for c in categories])
    return view


def test_summary_says_women_and_youth_were_not_consulted(small_store, fw):
    view = _with(small_store, fw, "XB", ["civil_society"])
    with use_language("en"):
        s = assemble(small_store, ADMIN, fw, view.id, with_robustness=False).summary
    assert s.heard is not None
    assert "No consultation with women's organisations or youth" in s.heard and "para. 42" in s.heard


def test_summary_names_the_group_not_heard(small_store, fw):
    view = _with(small_store, fw, "XC", ["womens_organisations"])
    with use_language("en"):
        s = assemble(small_store, ADMIN, fw, view.id, with_robustness=False).summary
    assert "No consultation with youth is recorded" in (s.heard or "")
    assert "consulted: women's organisations" in (s.heard or "")


def test_summary_says_both_were_consulted_in_french(small_store, fw):
    view = _with(small_store, fw, "XD", ["womens_organisations", "youth"])
    with use_language("fr"):
        s = assemble(small_store, ADMIN, fw, view.id, with_robustness=False).summary
    assert s.heard is not None and "42" in s.heard and "No consultation" not in s.heard
    assert "consult" in s.heard.lower()


def test_the_sentence_is_printed_in_the_pdf(demo_pdf):
    text = " ".join(pdftotext(demo_pdf).split())
    assert "HRC panel report" in text and "para. 42" in text
