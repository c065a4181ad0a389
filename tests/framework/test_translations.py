"""Framework text in French and Spanish: none missing, and a missing one is listed with its place."""

import shutil

import pytest
from click.testing import CliRunner

from riskframe.cli import cli
from riskframe.framework import FrameworkInvalid, check_translations, load_framework
from riskframe.framework.models import RedFlag
from riskframe.settings import REPO_ROOT

INDICATORS = REPO_ROOT / "indicators"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_no_framework_text_is_missing_in_french_or_spanish(lang):
    missing = check_translations(INDICATORS, lang)
    assert not missing, f"{len(missing)} texts missing in {lang}:\n" + "\n".join(map(str, missing[:40]))


def _copy(tmp_path):
    root = tmp_path / "indicators"
    shutil.copytree(INDICATORS, root)
    return root


def _places(issues) -> set[tuple[str, str]]:
    return {(i.file, i.field) for i in issues}


def _drop_line(path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(line + "\n") == 1, line
    path.write_text(text.replace(line + "\n", ""), encoding="utf-8")


def test_a_removed_french_title_is_listed_with_file_line_field_and_factor(tmp_path):
    root = _copy(tmp_path)
    rf01 = root / "risk" / "rf01.yaml"
    line = '    fr: "Situations de conflit armé ou autres formes d\'instabilité"'
    before = _places(check_translations(root, "fr"))
    _drop_line(rf01, line)
    new = [i for i in check_translations(root, "fr") if (i.file, i.field) not in before]
    assert len(new) == 1, new
    issue = new[0]
    assert issue.file == "risk/rf01.yaml"
    assert issue.field == "factor.title.fr"
    assert issue.line == rf01.read_text(encoding="utf-8").splitlines().index('  title:') + 1
    assert issue.message.startswith("factor 1: title not translated into Français (fr)")
    assert not [i for i in check_translations(root, "es") if i.file == "risk/rf01.yaml" and i.field == "factor.title.es"]


def test_a_removed_french_indicator_text_is_listed_with_its_indicator(tmp_path):
    root = _copy(tmp_path)
    rf01 = root / "risk" / "rf01.yaml"
    lines = rf01.read_text(encoding="utf-8").splitlines()
    at = lines.index('  - id: "1.1"')
    french = next(ln for ln in lines[at:at + 5] if ln.startswith("      fr: "))
    before = _places(check_translations(root, "fr"))
    _drop_line(rf01, french)
    new = [i for i in check_translations(root, "fr") if (i.file, i.field) not in before]
    assert [(i.file, i.field) for i in new] == [("risk/rf01.yaml", "indicators[0].text.fr")]
    assert new[0].message.startswith("indicator 1.1: text not translated")


def test_a_missing_guidance_level_evidence_list_and_reason_are_each_listed(tmp_path):
    root = _copy(tmp_path)
    path = root / "risk" / "rf02.yaml"
    text = path.read_text(encoding="utf-8")
    # A fresh English-only indicator appended to factor 2: every text a person reads is listed.
    n = text.count('  - id: "2.')
    text += f'''  - id: "2.{n + 1}"
    text:
      en: "A test indicator."
    tags: []
    red_flag:
      reason: "A test reason."
      kind: trigger
    guidance:
      en: {{"0": "a", "1": "b", "2": "c", "3": "d"}}
    evidence_sources:
      - "A test source"
    source: {{document: UN-FOA-2014, ref: "test"}}
'''
    path.write_text(text, encoding="utf-8")
    try:
        issues = [i for i in check_translations(root, "es") if f"indicator 2.{n + 1}:" in i.message]
    except FrameworkInvalid as exc:  # the test indicator breaks another rule: show which
        raise AssertionError(exc.issues) from None
    fields = {i.field for i in issues}
    base = f"indicators[{n}]"
    assert fields == {f"{base}.text.es", f"{base}.red_flag.reason.es", f"{base}.evidence_sources.es",
                      *(f"{base}.guidance.es.{lvl}" for lvl in "0123")}


def test_check_lang_lists_the_missing_text_and_exits_2(tmp_path):
    root = _copy(tmp_path)
    _drop_line(root / "risk" / "rf01.yaml", '    es: "Situaciones de conflicto armado u otras formas de inestabilidad"')
    result = CliRunner().invoke(cli, ["framework", "check", str(root), "--lang", "es"], prog_name="riskframe")
    assert result.exit_code == 2
    assert "risk/rf01.yaml:11 [factor.title.es]: factor 1: title not translated into Español (es)" in result.stderr
    english = CliRunner().invoke(cli, ["framework", "check", str(root)], prog_name="riskframe")
    assert english.exit_code == 0, english.stderr


def test_check_lang_refuses_an_undeclared_language(tmp_path):
    result = CliRunner().invoke(cli, ["framework", "check", str(INDICATORS), "--lang", "xx"], prog_name="riskframe")
    assert result.exit_code == 2
    assert "language 'xx' is not declared" in result.stderr


def test_a_red_flag_reason_is_text_by_language_and_a_plain_string_is_english():
    flag = RedFlag.model_validate({"reason": "Why.", "kind": "intent"})
    assert flag.reason == {"en": "Why."}
    assert flag.reason_in("fr") == "Why."   # falls back to English
    both = RedFlag.model_validate({"reason": {"en": "Why.", "fr": "Pourquoi."}})
    assert both.reason_in("fr") == "Pourquoi." and both.reason_in("es") == "Why."
    with pytest.raises(ValueError, match="English"):
        RedFlag.model_validate({"reason": {"fr": "Pourquoi."}})


def test_the_manifest_says_the_translations_are_ours_and_unofficial():
    t = load_framework(INDICATORS).manifest.framework.translations
    assert t is not None and t.status == "unofficial" and set(t.languages) == {"fr", "es"}
    assert "unofficial" in t.note["en"] and "non officielles" in t.note["fr"] and "no oficiales" in t.note["es"]
    docs = (REPO_ROOT / "docs" / "framework.md").read_text(encoding="utf-8")
    assert "**Translations: Français (`fr`), Español (`es`), unofficial.**" in docs


def test_translated_languages_must_be_declared(tmp_path):
    root = _copy(tmp_path)
    manifest = root / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("languages: [fr, es]", "languages: [fr, de]"),
                        encoding="utf-8")
    with pytest.raises(FrameworkInvalid, match="not declared in framework.languages"):
        load_framework(root)


def test_what_the_cli_and_app_show_comes_in_the_language_asked():
    from riskframe.framework.catalogue import indicator_detail

    fw = load_framework(INDICATORS)
    ind = fw.indicators["4.4"]
    fr, es = indicator_detail(fw, ind, "fr"), indicator_detail(fw, ind, "es")
    assert fr["red_flag_reason"] == ind.red_flag.reason["fr"] != ind.red_flag.reason["en"]
    assert es["red_flag_reason"] == ind.red_flag.reason["es"]
    assert fr["evidence_sources"] == ind.evidence_sources["fr"] and es["text"] == ind.text["es"]
    assert fr["guidance"]["3"]["meaning"] == ind.guidance["fr"]["3"]
