"""App tests: each gets its own SQLite database through RISKFRAME_DATABASE_URL.

These tests check the pages, not signing in: RISKFRAME_AUTH=off makes the app act as the local
admin `focal.test` while the database has no account (as it has none here). Signing in, roles and
scopes in the app are tested in tests/accounts/test_app_auth.py, with auth on.
"""

import pytest
from streamlit.testing.v1 import AppTest

from riskframe.app.language import LANG_KEY
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store

APP = str(REPO_ROOT / "app.py")


@pytest.fixture(autouse=True)
def auth_off_without_accounts(monkeypatch):
    monkeypatch.setenv("RISKFRAME_AUTH", "off")


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", url)
    monkeypatch.setenv("RISKFRAME_ACTOR", "focal.test")
    return url


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    s.upgrade()
    yield s
    s.close()


@pytest.fixture(scope="session")
def fw():
    return load_framework(REPO_ROOT / "indicators")


@pytest.fixture
def actor():
    return Actor(username="focal.test", role="admin")


# What app.py does before any page: start the run in the session's language (riskframe.app.main).
START_LANGUAGE = "from riskframe.app.main import start_language\nstart_language()\n"


def page_script(module: str, function: str = "page") -> str:
    """A page run on its own, as app.py would run it: in the session's language, then the page."""
    return f"{START_LANGUAGE}from riskframe.app.pages import {module}\n{module}.{function}()\n"


def open_app(page: str | None = None, lang: str | None = None, **query) -> AppTest:
    """The real app.py (Home), or one page run on its own with query parameters; `lang` is the
    session's language (as if chosen in the sidebar).

    AppTest cannot switch to pages defined by callables (st.Page(function)), so a page is run as a
    short script calling its `page()`; app.py's navigation is tested separately.
    """
    if page is None:
        at = AppTest.from_file(APP, default_timeout=60)
    else:
        at = AppTest.from_string(page_script(page), default_timeout=60)
    if lang:
        at.session_state[LANG_KEY] = lang
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()
