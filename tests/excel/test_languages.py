"""A template in French (issue 19): `riskframe --lang fr template …` writes French sheet names, headers,
instructions and drop-downs; a French spreadsheet user's file imports (the reader goes by the hidden
key row and accepts labels in any language); problems come back in French."""

from __future__ import annotations

import io

import openpyxl
import pytest

from riskframe.excel import layout
from riskframe.store import ConsultationIn
from tests.cli_support import cli_invoker
from tests.excel.helpers import ACTOR, create
from tests.excel.list_helpers import edit, first_empty_row, key_columns, put, row_of


@pytest.fixture
def riskframe(monkeypatch, db_url, tmp_path):
    return cli_invoker(monkeypatch, db_url, tmp_path / "data", actor="focal.cli")


def _french_template(riskframe, store, fw, tmp_path):
    view = create(store, fw)
    store.save_consultations(ACTOR, view.id, view.revision, [ConsultationIn(category="youth", name="Conseil")])
    path = tmp_path / "modele.xlsx"
    made = riskframe("--lang", "fr", "template", "--country", "XA", "--period", "2026-Q3", "--prefill",
                     "--out", path)
    assert made.exit_code == 0, made.stderr
    return view, path


def test_a_french_template_has_french_headers_instructions_and_drop_downs(fw, store, riskframe, tmp_path):
    _view, path = _french_template(riskframe, store, fw, tmp_path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:4] == ["Indicateurs", "Groupes vulnérables", "Consultations", "Mesures"]
    ws = wb["Indicateurs"]
    headers = [c.value for c in ws[layout.HEADER_ROW]]
    assert headers[:3] == ["Identifiant de l'indicateur", "Facteur", "Indicateur"]
    assert "Éléments d'information" in headers and "Note (0-3)" in headers
    note = ws.cell(layout.NOTE_ROW, 1).value
    assert note.startswith("DONNÉES FICTIVES") and "Remplissez les colonnes jaunes" in note
    assert [c.value for c in ws[layout.KEY_ROW]][:2] == ["id", "factor"]  # the neutral keys the reader uses
    assert '"Faible,Moyenne,Élevée"' in {dv.formula1 for dv in ws.data_validations.dataValidation}
    measures = wb["Mesures"]
    assert "Mesure recommandée" in [c.value for c in measures[layout.HEADER_ROW]]
    assert "Une ligne par élément" in measures.cell(layout.NOTE_ROW, 1).value
    lists = {dv.formula1 for dv in measures.data_validations.dataValidation}
    assert '"Proposée,Convenue,En cours,Mise en œuvre,Abandonnée"' in lists and '"Oui,Non"' in lists
    consultations = wb["Consultations"]
    assert consultations.cell(row_of(consultations, "name", "Conseil"), 3).value == "Jeunes"


def test_a_french_template_filled_by_a_spreadsheet_user_imports(fw, store, riskframe, tmp_path):
    view, path = _french_template(riskframe, store, fw, tmp_path)
    data = path.read_bytes()

    def indicators(ws, cols):
        put(ws, cols, row_of(ws, "id", "1.1"), {"score": 2, "confidence": "Élevée", "evidence": "Rapport du HCDH"})

    def measures(ws, cols):
        put(ws, cols, first_empty_row(ws), {"title": "Former des observateurs", "type": "Structurelle",
                                            "status": "En cours", "due_date": "2027-01-15"})

    data = edit(data, "Indicateurs", indicators)
    data = edit(data, "Mesures", measures)
    data = edit(data, "Consultations", lambda ws, cols: put(ws, cols, row_of(ws, "name", "Conseil"),
                                                            {"category": "Société civile"}))
    path.write_bytes(data)
    preview = riskframe("--lang", "fr", "import", path)
    assert preview.exit_code == 0, preview.stderr
    assert "Mesures, ligne" in preview.stdout
    assert "ajoute “Former des observateurs”" in preview.stdout
    assert "Catégorie : Jeunes → Société civile" in preview.stdout
    assert "relancez avec --yes" in preview.stdout
    done = riskframe("import", path, "--yes")  # the English interface reads the French file too
    assert done.exit_code == 0, done.stderr
    after = store.get_assessment(ACTOR, view.id)
    entry = after.entries["1.1"]
    assert (entry.score, entry.confidence.value, entry.evidence) == (2, "high", "Rapport du HCDH")
    measure = next(m for m in after.measures if m.title == "Former des observateurs")
    assert (measure.type.value, measure.status.value, str(measure.due_date)) == ("structural", "in_progress",
                                                                                 "2027-01-15")
    assert [c.category.value for c in after.consultations] == ["civil_society"]
    again = riskframe("--lang", "fr", "import", path, "--yes")
    assert again.exit_code == 0 and "rien à modifier" in again.stdout, again.stdout


def test_problems_in_a_french_file_are_told_in_french(fw, store, riskframe, tmp_path):
    _view, path = _french_template(riskframe, store, fw, tmp_path)
    rows = {}

    def change(ws, cols):
        rows["new"] = first_empty_row(ws)
        put(ws, cols, rows["new"], {"category": "Jeunes", "summary": "Réunion"})

    path.write_bytes(edit(path.read_bytes(), "Consultations", change))
    refused = riskframe("--lang", "fr", "import", path, "--yes")
    assert refused.exit_code == 2
    assert (f"[feuille « Consultations », ligne {rows['new']}, colonne D] une consultation doit indiquer "
            "l'organisation ou la personne consultée") in refused.stderr
    assert "rien n'a été enregistré" in refused.stderr


def test_the_key_row_not_the_header_text_finds_the_columns(fw, store, riskframe, tmp_path):
    """A user who renames every visible header (or a Spanish template) still imports."""
    _view, path = _french_template(riskframe, store, fw, tmp_path)

    def rename(ws, cols):
        for j in cols.values():
            ws.cell(layout.HEADER_ROW, j).value = f"colonne {j}"
        put(ws, cols, row_of(ws, "id", "1.2"), {"score": 1})

    path.write_bytes(edit(path.read_bytes(), "Indicateurs", rename))
    done = riskframe("import", path, "--yes")
    assert done.exit_code == 0, done.stderr
    assert store.get_assessment(ACTOR, _view.id).entries["1.2"].score == 1
    assert key_columns(openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["Indicateurs"])["score"] == 5


def test_a_spanish_template_reads_back_unchanged(fw, store):
    from riskframe.excel.service import import_file
    from riskframe.excel.template import template_bytes
    from riskframe.i18n import use_language

    view = create(store, fw)
    store.save_consultations(ACTOR, view.id, view.revision, [ConsultationIn(category="nhri", name="Defensoría")])
    view = store.get_assessment(ACTOR, view.id)
    with use_language("es"):
        data = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[:4] == ["Indicadores", "Grupos vulnerables", "Consultas", "Medidas"]
    ws = wb["Consultas"]
    assert ws.cell(row_of(ws, "name", "Defensoría"), 3).value == "Institución nacional de derechos humanos"
    outcome = import_file(store, ACTOR, fw, data, "plantilla.xlsx", channel="test", max_mb=10)
    assert outcome.status == "nothing", outcome.message
