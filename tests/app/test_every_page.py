"""Every page renders without an exception, on an empty database and with the demo data loaded."""

import pytest
from streamlit.testing.v1 import AppTest

from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store
from riskframe.demo import load_demo

PAGES = [("home", "page"), ("assess", "page"), ("review", "page"), ("framework", "page"),
         ("import_export", "page"), ("dashboards", "country_page"), ("dashboards", "comparison_page"),
         ("dashboards", "alerts_page")]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    store = open_store(url)
    store.upgrade()
    load_demo(store, load_framework(REPO_ROOT / "indicators"), REPO_ROOT / "seeds" / "demo", Actor.system("test"))
    store.close()
    return url


def render(module: str, function: str, **query) -> AppTest:
    at = AppTest.from_string(f"from riskframe.app.pages import {module}\n{module}.{function}()\n", default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


@pytest.mark.parametrize("module,function", PAGES)
def test_page_renders_on_an_empty_database(db_url, module, function):
    at = render(module, function)
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("module,function", PAGES)
def test_page_renders_with_demo_data(demo_url, monkeypatch, module, function):
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", demo_url)
    at = render(module, function, country="XA", period="2026-Q2")
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(str(w.value) for w in at.warning)
    if module not in ("framework",):
        assert "Fictional data" in shown, f"{module}.{function} shows demo data without the fictional banner"
