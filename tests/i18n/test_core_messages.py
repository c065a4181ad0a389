"""Core and CLI messages in French and Spanish (issue 19): validation sentences, code labels, CLI refusals."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from riskframe.cli import cli
from riskframe.domain import EntryIn
from riskframe.domain.labels import (
    consultation_category_label,
    field_label,
    measure_status_label,
    measure_type_label,
    missing_label,
    revision_kind_label,
)
from riskframe.domain.sentences import problems
from riskframe.domain.status import status_label
from riskframe.framework import load_framework
from riskframe.i18n import use_language
from riskframe.settings import REPO_ROOT


def _sentences(**values) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        EntryIn(**values)
    return {p.field: p.sentence for p in problems(caught.value, "entries.1.1")}


def test_a_validation_error_in_french_names_the_field_and_the_limit():
    with use_language("fr"):
        said = _sentences(score=1, evidence="x" * 20_001)
    sentence = said["entries.1.1.evidence"].replace("\u202f", " ").replace("\xa0", " ")
    assert sentence == ("Éléments d'information dépasse la limite de 20 000 caractères (il en compte 20 001) ; "
                        "raccourcissez-le"), sentence


def test_a_validation_error_in_spanish_and_english():
    with use_language("es"):
        assert _sentences(score=7)["entries.1.1.score"] == "Puntuación debe ser como máximo 3; 7 no lo es"
    assert _sentences(score=7)["entries.1.1.score"] == "Score must be at most 3; 7 is not"


def test_code_labels_follow_the_language():
    fw = load_framework(REPO_ROOT / "indicators")
    assert status_label("submitted") == "submitted"
    with use_language("fr"):
        assert (status_label("validated"), consultation_category_label("womens_organisations"),
                measure_type_label("structural"), measure_status_label("in_progress"),
                revision_kind_label("copy_forward"), field_label("vulnerable_groups.0.basis"),
                missing_label(fw.manifest.scale, "not_applicable")) == \
            ("validée", "Organisations de femmes", "Structurelle", "En cours", "reportée", "Fondement", "Sans objet")
    with use_language("es"):
        assert (status_label("returned"), consultation_category_label("nhri")) == \
            ("devuelta", "Institución nacional de derechos humanos")
    assert status_label("unknown_code") == "unknown_code"  # a code without a label shows as itself


def _run(*args: str, stdin: str | None = None):
    result = CliRunner().invoke(cli, list(args), input=stdin, prog_name="riskframe")
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize("lang, expected", [
    ("fr", "erreur : scores.1.1.score: Note doit être d'au plus 3 ; 9 ne convient pas"),
    ("es", "error: scores.1.1.score: Puntuación debe ser como máximo 3; 9 no lo es"),
])
def test_bad_input_on_the_command_line_is_one_sentence_in_the_language_asked(lang, expected):
    payload = json.dumps({"country": "XA", "period": "2026-Q3", "scores": {"1.1": {"score": 9}}})
    done = _run("--lang", lang, "score", "--input", "-", stdin=payload)
    assert done.exit_code == 2 and done.stdout == ""
    assert done.stderr.strip() == expected, done.stderr


@pytest.mark.parametrize("lang, expected", [
    ("fr", "erreur : impossible de lire --input /no/such/file.csv"),
    ("es", "error: no se puede leer --input /no/such/file.csv"),
])
def test_an_unreadable_file_is_refused_in_the_language_asked(lang, expected):
    done = _run("--lang", lang, "agreement", "--input", "/no/such/file.csv")
    assert done.exit_code == 2 and done.stderr.startswith(expected), done.stderr


def test_a_subcommand_without_its_own_lang_follows_the_global_one():
    french = _run("--lang", "fr", "framework", "show", "1.1")
    english = _run("framework", "show", "1.1")
    assert french.exit_code == english.exit_code == 0
    assert "Orientations :" in french.stdout and "Guidance:" in english.stdout
    assert french.stdout.splitlines()[0] != english.stdout.splitlines()[0]  # the framework text is French too
    own = _run("--lang", "fr", "framework", "show", "1.1", "--lang", "es")
    assert "Orientaciones:" in own.stdout  # the subcommand's own --lang wins


def test_help_is_shown_in_the_language_of_the_call_and_stays_english_in_the_reference():
    from riskframe.cli.docs_cmd import render_markdown

    spanish = _run("--lang", "es", "assessments", "submit", "--help")
    assert spanish.exit_code == 0
    assert "Uso:" in spanish.stdout and "Presentar para validación" in spanish.stdout
    assert "la revisión que usted consultó" in spanish.stdout and "Mostrar este mensaje y salir." in spanish.stdout
    assert "Submit for validation" not in spanish.stdout
    french_root = _run("--lang", "fr", "--help")
    assert "Cadre d'analyse des atrocités criminelles" in french_root.stdout
    english = _run("assessments", "submit", "--help")
    assert "Submit for validation" in english.stdout and "Usage:" in english.stdout
    assert "Submit for validation" in render_markdown(cli)  # docs/cli.md stays English


def test_the_help_catalogue_module_is_current():
    from riskframe.cli.help_i18n import CATALOGUE, render_catalogue

    assert CATALOGUE.read_text(encoding="utf-8") == render_catalogue(cli), (
        "riskframe/cli/help_catalogue.py is stale: run python -c 'from riskframe.cli.help_i18n import "
        "write_catalogue; write_catalogue()', then riskframe i18n update and translate the new help texts")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("args, expected", [
    (("--lang", "fr", "template"), "fr"),                 # the global language reaches the template
    (("template", "--lang", "es"), "es"),                 # the subcommand's own --lang
    (("--lang", "fr", "template", "--lang", "es"), "es"),  # … wins over the global one
    (("template",), "en"),
])
def test_the_template_is_made_in_the_language_of_the_call(database_url, monkeypatch, tmp_path, args, expected):
    from riskframe.excel import service
    from tests.cli_support import cli_invoker

    asked: list[str] = []

    def fake_template(*_args, lang, **_kwargs):
        asked.append(lang)
        return type("Made", (), {"ok": False, "message": "stopped by the test"})()

    monkeypatch.setattr(service, "template_file", fake_template)
    run = cli_invoker(monkeypatch, database_url, tmp_path, actor="ops")
    done = run(*args, "--country", "XA", "--period", "2026-Q3", "--out", str(tmp_path / "t.xlsx"))
    assert asked == [expected] and done.exit_code == 2, done.stderr
