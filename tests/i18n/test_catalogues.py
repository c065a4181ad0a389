"""The interface catalogues are complete and current for every manifest language (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskframe.framework import load_framework
from riskframe.i18n import _, current_language, format_decimal, ngettext, use_language
from riskframe.i18n import catalogues, core


def _languages() -> list[str]:
    return [lang for lang in load_framework().languages if lang != "en"]


def test_every_message_has_a_current_translation_in_every_language():
    problems = catalogues.check(_languages())
    assert not problems, "\n".join(p.sentence() for p in problems[:40]) + f"\n({len(problems)} in all)"


def test_every_manifest_language_has_catalogues():
    for lang in _languages():
        for domain in catalogues.domains():
            assert catalogues.po_path(lang, domain).is_file(), (lang, domain)


@pytest.fixture()
def one_catalogue(tmp_path: Path, monkeypatch):
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "core.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "Save"\nmsgstr "Enregistrer"\n\n'
        'msgid "{n} indicator"\nmsgid_plural "{n} indicators"\nmsgstr[0] "{n} indicateur"\nmsgstr[1] "{n} indicateurs"\n\n'
        '#, fuzzy\nmsgid "Submit"\nmsgstr "Soumettre?"\n',
        encoding="utf-8")
    monkeypatch.setattr(core, "LOCALE_DIR", tmp_path)
    core._catalogue.cache_clear()
    core._plural_rule.cache_clear()
    yield
    core._catalogue.cache_clear()
    core._plural_rule.cache_clear()


def test_lookup_in_the_current_language_and_back(one_catalogue):
    assert _("Save") == "Save"
    with use_language("xx"):
        assert current_language() == "xx"
        assert _("Save") == "Enregistrer"
        assert _("Submit") == "Submit"  # fuzzy entries are not used
        assert _("Unknown") == "Unknown"
        assert ngettext("{n} indicator", "{n} indicators", 0) == "{n} indicateur"  # French: 0 is singular
        assert ngettext("{n} indicator", "{n} indicators", 2) == "{n} indicateurs"
    assert current_language() == "en"


def test_numbers_follow_the_locale():
    with use_language("fr"):
        assert format_decimal(1234.5).replace("\u202f", " ") == "1 234,5"
    assert format_decimal(1234.5) == "1,234.5"


def test_a_translation_with_other_placeholders_is_a_problem(tmp_path, monkeypatch):
    src = tmp_path / "pkg"
    (src / "scoring").mkdir(parents=True)
    (src / "scoring" / "x.py").write_text('from riskframe.i18n import _\n_("Coverage is {pct}%")\n', encoding="utf-8")
    monkeypatch.setattr(catalogues, "PACKAGE_DIR", src)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path / "locale")
    monkeypatch.setattr(core, "LOCALE_DIR", tmp_path / "locale")
    catalogues.update(["fr"])
    assert [p.problem for p in catalogues.check(["fr"])] == ["no fr translation"]
    po = catalogues.po_path("fr", "core")
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr ""\n\n', 'msgstr ""\n\n', 1)
                  .rstrip().rsplit("\n", 1)[0] + '\nmsgstr "La couverture est de {pourcentage} %"\n', encoding="utf-8")
    problems = catalogues.check(["fr"])
    assert len(problems) == 1 and "placeholders" in problems[0].problem
