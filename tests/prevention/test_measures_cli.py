"""`riskframe measures catalogue|suggest`, in-process, on the demo data (fictional countries XA…XF)."""

import json

import pytest

from riskframe.assessments import Assessments
from tests.cli_support import cli_invoker
from riskframe.demo import load_demo
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store

ADMIN = Actor.system("test")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo data in a fresh SQLite file, and the id of an assessment with a raised hate-speech red flag."""
    fw = load_framework(REPO_ROOT / "indicators")
    directory = tmp_path_factory.mktemp("measures")
    url = f"sqlite:///{directory / 'demo.db'}"
    store = open_store(url)
    store.upgrade()
    load_demo(store, fw, REPO_ROOT / "seeds" / "demo", ADMIN)
    service = Assessments(store, fw)
    hate = {i for i, ind in fw.indicators.items() if ind.red_flag and "hate_speech" in ind.tags}
    flagged = None
    for a in store.list_assessments(ADMIN):
        raised = service.scores(service.get(ADMIN, a.id)).assessments.loc[a.id, "raised_red_flags"]
        if hate & set(raised):
            flagged = (a.id, sorted(hate & set(raised)))
            break
    store.close()
    assert flagged, "the demo data should hold an assessment with a raised hate-speech red flag"
    return url, directory, flagged


@pytest.fixture
def run(monkeypatch, demo_db):
    url, directory, _ = demo_db
    return cli_invoker(monkeypatch, url, directory, actor="ops")


def test_catalogue_json_lists_25_options_each_linked_and_cited(run):
    done = run("measures", "catalogue", "--format", "json")
    assert done.exit_code == 0, done.stderr
    options = json.loads(done.stdout)
    assert len(options) >= 25
    for o in options:
        assert o["factors"] or o["themes"], o["id"]
        assert o["sources"] and all(s.startswith("SEED-") for s in o["sources"]), o["id"]


def test_catalogue_in_french_and_as_a_table(run):
    fr = json.loads(run("measures", "catalogue", "--format", "json", "--lang", "fr").stdout)
    laws = next(o for o in fr if o["id"] == "hate_speech_laws")
    assert laws["title"].startswith("Adopter des lois contre le discours de haine")
    assert "Parlement" in laws["actor_labels"]
    table = run("measures", "catalogue").stdout
    assert "hate_speech_laws" in table and "SEED-003, para 31" in table


def test_suggest_on_a_demo_assessment_with_a_hate_speech_flag(run, demo_db):
    _, _, (aid, flags) = demo_db
    done = run("measures", "suggest", "--assessment", aid, "--format", "json")
    assert done.exit_code == 0, done.stderr
    report = json.loads(done.stdout)
    assert {f"red_flag:{f}" for f in flags} <= {t["kind"] + ":" + t["id"] for t in report["triggers"]}
    hate_options = [s for s in report["suggestions"] if s["option_id"] in
                    {"hate_speech_laws", "un_hate_speech_strategy", "media_hate_speech_dialogue"}]
    assert hate_options
    for s in hate_options:
        assert any(f in s["reason"] for f in flags), s["reason"]    # the reason names the indicator
        assert s["reason"].startswith("addresses ")
    table = run("measures", "suggest", "--assessment", aid)
    assert table.exit_code == 0 and "why: addresses" in table.stdout and flags[0] in table.stdout


def test_unknown_assessment_exits_2_with_a_sentence(run):
    done = run("measures", "suggest", "--assessment", 99999)
    assert done.exit_code == 2 and done.stdout == ""
    assert "99999" in done.stderr and "Traceback" not in done.stderr
