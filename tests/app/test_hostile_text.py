"""Text people type is shown as typed on every page: no Markdown link, image, HTML or directive in
it is interpreted. A page that put such text into st.markdown/caption/alerts/labels unescaped would
let a crafted entry or upload show a link or make the browser fetch an image from another host."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from riskframe.domain import EntryIn, SourceRef
from riskframe.store import ConsultationIn, MeasureIn, VulnerableGroupIn

HOSTILE = ["[click me](http://evil.invalid/a)", "![pic](http://evil.invalid/b.png)",
           "<img src=http://evil.invalid/c.png>", ":red[ALARM]", "**loud**"]
TEXT = " ".join(HOSTILE)
PAGES = [("assess", "page", {}), ("assess", "page", {"section": "1"}), ("assess", "page", {"section": "groups"}),
         ("assess", "page", {"section": "consultations"}), ("assess", "page", {"section": "measures"}),
         ("assess", "page", {"section": "submit"}), ("review", "page", {}), ("import_export", "page", {}),
         ("dashboards", "country_page", {}), ("dashboards", "comparison_page", {}),
         ("dashboards", "alerts_page", {}), ("home", "page", {})]
_MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "title", "header",
                      "subheader", "expander", "toast", "exception")


@pytest.fixture
def hostile_db(store, actor, fw):
    a = store.create_assessment(actor, "XA", "2026-Q2", fw.id, fw.version)
    rev = store.save_entries(actor, a.id, a.revision, {
        "1.1": EntryIn(score=3, evidence=TEXT, sources=[SourceRef(title=TEXT, url="http://evil.invalid/d")]),
        "1.2": EntryIn(score=2, evidence=TEXT, comment=TEXT),
    }, fw.indicator_ids()).revision
    rev = store.save_vulnerable_groups(actor, a.id, rev, [VulnerableGroupIn(name=TEXT, basis=TEXT,
                                                                           description=TEXT)]).revision
    rev = store.save_consultations(actor, a.id, rev, [ConsultationIn(name=TEXT, summary=TEXT)]).revision
    store.save_measures(actor, a.id, rev, [MeasureIn(title=TEXT, description=TEXT, owner=TEXT)])
    return a


def _markdown_bodies(at: AppTest) -> list[tuple[str, str]]:
    out = []
    for kind in _MARKDOWN_ELEMENTS:
        for element in getattr(at, kind, []):
            for attr in ("value", "label", "body"):
                value = getattr(element, attr, None)
                if isinstance(value, str):
                    out.append((kind, value))
    for kind in ("selectbox", "radio", "checkbox", "text_area", "text_input", "button", "toggle", "multiselect"):
        for element in getattr(at, kind, []):
            label = getattr(element, "label", None)  # widget labels are Markdown too
            if isinstance(label, str):
                out.append((f"{kind} label", label))
    return out


@pytest.mark.parametrize("module,function,query", PAGES)
def test_hostile_text_is_never_interpreted(hostile_db, module, function, query):
    at = AppTest.from_string(f"from riskframe.app.pages import {module}\n{module}.{function}()\n",
                             default_timeout=90)
    for k, v in {"country": "XA", "period": "2026-Q2", **query}.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    leaks = [(kind, body[:120]) for kind, body in _markdown_bodies(at) if any(h in body for h in HOSTILE)]
    assert not leaks, f"user text interpreted as Markdown on {module}.{function} {query}: {leaks}"


def _shown_anywhere(at: AppTest) -> bool:
    bodies = " ".join(body for _, body in _markdown_bodies(at))
    values = " ".join(str(getattr(w, "value", "")) for kind in ("text_area", "text_input") for w in getattr(at, kind, []))
    frames = " ".join(e.value.to_csv() for e in getattr(at, "dataframe", []) if hasattr(e.value, "to_csv"))
    return "evil" in bodies or "evil" in values or "evil" in frames


@pytest.mark.parametrize("section", ["1", "groups", "measures"])
def test_the_hostile_text_is_really_on_those_pages(hostile_db, section):
    """The test above would pass on a page that shows nothing: check the text is there, escaped."""
    at = AppTest.from_string("from riskframe.app.pages import assess\nassess.page()\n", default_timeout=90)
    for k, v in {"country": "XA", "period": "2026-Q2", "section": section}.items():
        at.query_params[k] = v
    at.run()
    assert _shown_anywhere(at)
