"""The command line in French and Spanish (issue 19): refusals, the submit checklist, tables."""

from __future__ import annotations

import pytest

from tests.assessments.conftest import counts, fill
from tests.cli_support import cli_invoker

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
# Lines the English submit refusal prints; none may survive in another language.
ENGLISH = ("error:", "cannot be submitted", "nothing was written", "Coverage at least", "coverage is",
           "consultation recorded", "indicators not assessed")


@pytest.fixture
def run(database_url, monkeypatch, tmp_path):
    return cli_invoker(monkeypatch, database_url, tmp_path, actor="ops")


@SQLITE
def test_the_submit_checklist_in_spanish_has_no_english_line(run, service, store):
    aid, head = fill(service, 0.4, consult=False)
    before = counts(store, aid)
    english = run("assessments", "submit", aid, "--seen-revision", head)
    done = run("--lang", "es", "assessments", "submit", aid, "--seen-revision", head)
    assert done.exit_code == 2 and done.stdout == "" and counts(store, aid) == before
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == len([x for x in english.stderr.splitlines() if x.strip()]) == 3, done.stderr
    assert lines[0].startswith("error: la evaluación") and "no se ha guardado nada" in lines[0]
    assert "Cobertura de al menos el 80" in done.stderr and "la cobertura es del 40" in done.stderr
    assert "Al menos una consulta registrada: no se ha registrado ninguna consulta" in done.stderr
    for line in lines:
        assert line not in english.stderr
        assert not any(word in line for word in ENGLISH[1:]), line


@SQLITE
def test_the_checklist_table_in_french(run, service):
    aid, _head = fill(service, 0.4, consult=False)
    table = run("--lang", "fr", "assessments", "checklist", aid)
    assert table.exit_code == 0, table.stderr
    header = table.stdout.splitlines()[0].split()
    assert header == ["ok", "élément", "détail"], header
    assert "Couverture d'au moins 80" in table.stdout and "NON" in table.stdout


@SQLITE
@pytest.mark.parametrize("lang, sentence", [
    ("fr", "erreur : period='2026-Q9': la période '2026-Q9' n'a pas une forme connue"),
    ("es", "error: period='2026-Q9': el período '2026-Q9' no tiene una forma conocida"),
])
def test_a_bad_period_is_refused_in_the_language_asked(run, lang, sentence):
    done = run("--lang", lang, "assessments", "create", "XA", "2026-Q9")
    assert done.exit_code == 2 and done.stdout == ""
    assert sentence in done.stderr.replace("“", "'").replace("”", "'"), done.stderr


@SQLITE
def test_riskframe_language_setting_is_the_default(run, monkeypatch):
    monkeypatch.setenv("RISKFRAME_LANGUAGE", "es")
    done = run("assessments", "show", 999)
    assert done.exit_code == 2 and "la evaluación 999 no existe" in done.stderr, done.stderr
