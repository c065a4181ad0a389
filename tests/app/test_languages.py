"""The app in French and Spanish (issue 19): every page shows none of a list of known English
interface strings, the sidebar switch changes the Assess page, and an account's language
preference is the session's language after every sign-in."""

from __future__ import annotations

import json
import time

import pytest
from google.protobuf.descriptor import FieldDescriptor
from streamlit.testing.v1 import AppTest

from riskframe.accounts import Accounts
from riskframe.app import auth, language
from riskframe.demo import load_demo
from riskframe.framework import load_framework
from riskframe.i18n import catalogues
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store
from tests.app.conftest import APP, START_LANGUAGE, page_script

# Interface strings of the app catalogue, as they read in English. Short ones count when a label or
# a text is exactly the string; longer ones also inside a sentence.
ENGLISH = [
    "Sign out", "Language", "Country", "Period", "Score", "Confidence", "Evidence", "Coverage",
    "Composite", "Tier", "Review", "Framework", "Assessment", "Rank", "Username", "Password", "Validate",
    "Save section", "Submit for validation", "Guidance and sources", "Country dashboard",
    "Compare countries", "Portfolio alerts", "My assessments", "Recently changed", "Open an assessment",
    "Download data (CSV)", "Include drafts (submitted, returned, draft)", "Red flags currently raised",
    "What changed since the previous period", "Search text", "Red flags only", "Import / Export",
    "Download workbook", "Audit log", "Add an account", "Uncertainty band", "Risk factors", "Resilience sections",
    "Rating rounds", "Open a rating round", "Reports", "Prepare the document", "My account", "Preferred language",
    "Save language",
    "Composite score by period", "Risk index", "Resilience index",
]
PAGES = [("home", "page"), ("assess", "page"), ("review", "page"), ("framework", "page"),
         ("import_export", "page"), ("dashboards", "country_page"), ("dashboards", "comparison_page"),
         ("dashboards", "alerts_page"), ("admin", "page"), ("account", "page"), ("rounds", "page"), ("reports", "page")]
PASSWORD = "correct horse battery"


def _strings(value: str, out: list[str]) -> None:
    """A proto string, and the strings inside it when it holds JSON (column headers, chart titles)."""
    out.append(value)
    if value[:1] in "{[":
        try:
            _json_strings(json.loads(value), out)
        except ValueError:
            pass


def _json_strings(value, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            _json_strings(v, out)
    elif isinstance(value, list):
        for v in value:
            _json_strings(v, out)


def _proto_strings(message, out: list[str]) -> None:
    for field, value in message.ListFields():
        values = value if isinstance(value, (list, tuple)) or hasattr(value, "extend") else [value]
        for v in values:
            if field.type == FieldDescriptor.TYPE_STRING:
                _strings(v, out)
            elif field.type == FieldDescriptor.TYPE_MESSAGE:
                _proto_strings(v, out)


def shown_text(at: AppTest) -> list[str]:
    """Every string the run sent to the browser: labels, help, texts, column headers, chart text."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            _proto_strings(proto, out)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return out


def english_in(at: AppTest) -> set[str]:
    found = set()
    for text in shown_text(at):
        plain = text.replace("*", "").strip()
        for english in ENGLISH:
            if plain == english or (len(english) > 12 and english in text):
                found.add(english)
    return found


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('demo_lang') / 'demo.db'}"
    store = open_store(url)
    store.upgrade()
    load_demo(store, load_framework(REPO_ROOT / "indicators"), REPO_ROOT / "seeds" / "demo", Actor.system("test"))
    store.close()
    return url


def run_page(module: str, function: str, lang: str, **query) -> AppTest:
    at = AppTest.from_string(page_script(module, function), default_timeout=120)
    at.session_state[language.LANG_KEY] = lang
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def test_the_list_is_interface_text_of_the_app():
    """The strings looked for are messages of the app catalogue (so a translation can remove them)."""
    app = catalogues.extract_domain("app")
    assert not [s for s in ENGLISH if s not in app]


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("module,function", PAGES)
def test_every_page_shows_no_english_interface_text(demo_url, monkeypatch, module, function, lang):
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", demo_url)
    query = {"country": "XA", "period": "2026-Q2"}
    at = run_page(module, function, lang, **query)
    assert not at.exception, [e.value for e in at.exception]
    english = english_in(at)
    assert not english, f"{module}.{function} in {lang} shows English: {sorted(english)}"
    assert english_in(run_page(module, function, "en", **query)), "the English page shows none of the list"


@pytest.fixture
def auth_on(db_url, monkeypatch):
    monkeypatch.setenv("RISKFRAME_AUTH", "on")
    store = open_store(db_url)
    store.upgrade()
    Accounts(store).add(Actor.system("test"), "amina.admin", PASSWORD, "admin")
    yield store
    store.close()


def _sign_in(at: AppTest, name: str = "amina.admin") -> AppTest:
    at.text_input(key="sign_in_username").input(name)
    at.text_input(key="sign_in_password").input(PASSWORD)
    return at.button[-1].click().run()


def test_the_account_language_is_the_session_language_after_every_sign_in(auth_on):
    account = AppTest.from_string(page_script("account"), default_timeout=90)
    account.session_state[auth.USER_KEY] = "amina.admin"
    account.session_state[auth.ACTIVITY_KEY] = time.time()
    account.run()
    assert not account.exception, [e.value for e in account.exception]
    account.selectbox(key="account_language_choice").set_value("es")
    account.button[-1].click().run()
    assert Accounts(auth_on).language("amina.admin") == "es"
    assert account.title[0].value == "Mi cuenta"  # this session follows at once
    assert "Preferencia de idioma guardada." in [s.value for s in account.success]

    at = AppTest.from_file(APP, default_timeout=90).run()
    assert at.title[0].value == "Sign in to riskframe"  # nobody signed in: the installation's default
    _sign_in(at)
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.button(key="sign_out").label == "Cerrar sesión"
    assert at.sidebar.selectbox(key=language.SWITCH_KEY).value == "es"
    assert "Mis evaluaciones" in [s.value for s in at.subheader] or "Bienvenida" in [s.value for s in at.subheader]
    at.sidebar.selectbox(key=language.SWITCH_KEY).set_value("fr").run()  # the switch: this session only
    assert at.sidebar.button(key="sign_out").label == "Se déconnecter"
    assert Accounts(auth_on).language("amina.admin") == "es"
    at.sidebar.button(key="sign_out").click().run()
    assert auth.USER_KEY not in at.session_state
    _sign_in(at)
    assert at.sidebar.button(key="sign_out").label == "Cerrar sesión"  # the preference again


def test_the_sidebar_switch_changes_the_assess_page(demo_url, monkeypatch):
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", demo_url)
    script = (START_LANGUAGE + "import streamlit as st\nfrom riskframe.app import language\n"
              "from riskframe.app.main import start_language\nfrom riskframe.app.pages import assess\n"
              "with st.sidebar:\n    language.language_switch(start_language())\nassess.page()\n")
    at = AppTest.from_string(script, default_timeout=120)
    at.query_params["country"], at.query_params["period"] = "XA", "2026-Q2"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    labels = {w.label for w in at.selectbox} | {w.label for w in at.text_input}
    assert {"Country", "Period", "Section"} <= labels and at.title[0].value == "Assess"
    at.sidebar.selectbox(key=language.SWITCH_KEY).set_value("es").run()
    labels = {w.label for w in at.selectbox} | {w.label for w in at.text_input}
    assert {"País", "Período", "Sección"} <= labels and at.title[0].value == "Evaluar"
    assert not {"Country", "Period", "Section"} & labels


def test_a_person_sets_their_own_language_and_only_an_admin_sets_another_s(store):
    from riskframe.store import InvalidInput
    from riskframe.store.errors import PermissionDenied

    accounts = Accounts(store)
    admin = Actor(username="amina.admin", role="admin")
    accounts.add(Actor.system("test"), admin.username, PASSWORD, "admin")
    accounts.add(admin, "focal.xa", PASSWORD, "focal_point", ["XA"])
    accounts.add(admin, "viewer.xa", PASSWORD, "viewer", ["XA"])
    focal, viewer = accounts.actor_of("focal.xa"), accounts.actor_of("viewer.xa")
    offered = ["en", "fr", "es"]
    assert accounts.language("focal.xa") is None
    assert accounts.set_language(focal, "focal.xa", "FR", offered).language == "fr"
    with pytest.raises(PermissionDenied):
        accounts.set_language(viewer, "focal.xa", "es", offered)
    with pytest.raises(InvalidInput, match="languages are en, fr, es"):
        accounts.set_language(focal, "focal.xa", "xx", offered)
    assert accounts.set_language(admin, "focal.xa", None, offered).language is None
    assert accounts.language("focal.xa") is None
    log = [(r.actor, r.action, r.detail.get("after")) for r in store.audit_log(admin, action="account.language")]
    assert ("focal.xa", "account.language", "fr") in log and ("amina.admin", "account.language", None) in log
    assert ("viewer.xa", "access.denied") in [(r.actor, r.action) for r in store.audit_log(admin, action="access.denied")]
