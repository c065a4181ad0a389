"""Keep the .po catalogues in step with the code: extract, update, check.

One catalogue per *domain* (a part of the package), so that work on the app, the Excel pipeline,
the CLI and the reports never edits the same file. ``check`` is what the test suite runs: a
message in the code that a catalogue lacks, a catalogue entry no code uses, a message without a
translation, or a translation whose ``{placeholders}`` differ from the English is a problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

from riskframe.i18n.core import LOCALE_DIR

PACKAGE_DIR = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}
# domain → path prefixes (relative to the package, "/"-separated) whose messages it holds; the first
# domain with a matching prefix wins, "core" takes the rest.
DOMAINS: dict[str, tuple[str, ...]] = {
    "export": ("excel/export",),
    "excel": ("excel/",),
    "app": ("app/", "charts/", "streamlit_app.py"),
    "cli": ("cli/",),
    "reports": ("reports/",),
}
CORE = "core"
_SKIP = ("i18n", "_data")
_STABLE_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # headers do not change on every update
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)?(?:[:!][^{}]*)?\}")


@dataclass(frozen=True)
class CatalogueProblem:
    """One thing wrong with a catalogue, as a sentence naming the file and the message."""

    path: str
    message: str
    problem: str

    def sentence(self) -> str:
        return f"{self.path}: {self.problem}: {self.message!r}"


def domain_of(path: Path) -> str | None:
    """The catalogue a source file's messages belong to (``None``: not extracted)."""
    rel = path.relative_to(PACKAGE_DIR)
    if rel.parts[0] in _SKIP:
        return None
    for domain, prefixes in DOMAINS.items():
        if rel.as_posix().startswith(prefixes):
            return domain
    return CORE


def domains() -> list[str]:
    return [*DOMAINS, CORE]


def extract_domain(domain: str) -> dict[str, str | tuple[str, str]]:
    """Every message the code of ``domain`` marks: msgid → msgid (plural: (singular, plural))."""
    found: dict[str, str | tuple[str, str]] = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if domain_of(path) != domain:
            continue
        with path.open("rb") as handle:
            for _lineno, message, _comments, _context in extract("python", handle, keywords=KEYWORDS):
                if isinstance(message, tuple):
                    if message[0]:
                        found[message[0]] = (message[0], message[1])
                elif message:
                    found[message] = message
    return found


def po_path(lang: str, domain: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def _read(path: Path, lang: str) -> Catalog:
    if not path.is_file():
        return Catalog(locale=lang, domain=path.stem)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def update(langs: Iterable[str]) -> list[Path]:
    """Rewrite every catalogue from the code: new messages added untranslated, unused ones dropped,
    existing translations kept. Returns the files written."""
    written = []
    for lang in langs:
        for domain in domains():
            messages = extract_domain(domain)
            path = po_path(lang, domain)
            old = _read(path, lang)
            new = Catalog(locale=lang, domain=domain, project="riskframe", fuzzy=False, creation_date=_STABLE_DATE,
                          revision_date=_STABLE_DATE)
            for key, msgid in sorted(messages.items()):
                previous = old.get(key)
                string = previous.string if previous is not None else ("", "") if isinstance(msgid, tuple) else ""
                new.add(msgid, string=string)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                write_po(handle, new, width=100, no_location=True, omit_header=False, sort_output=True)
            written.append(path)
    return written


def _placeholders(text: str) -> list[str]:
    return sorted(m.group(1) or "" for m in _PLACEHOLDER.finditer(text))


def check(langs: Iterable[str]) -> list[CatalogueProblem]:
    """Every problem of every catalogue of ``langs``; empty when all are complete and current."""
    problems: list[CatalogueProblem] = []
    for lang in langs:
        for domain in domains():
            messages = extract_domain(domain)
            path = po_path(lang, domain)
            rel = str(path.relative_to(PACKAGE_DIR.parent))
            catalog = _read(path, lang)
            ids = {m.id[0] if isinstance(m.id, (list, tuple)) else m.id: m for m in catalog if m.id}
            for key in sorted(set(messages) - set(ids)):
                problems.append(CatalogueProblem(rel, key, "not in the catalogue (run `riskframe i18n update`)"))
            for key in sorted(set(ids) - set(messages)):
                problems.append(CatalogueProblem(rel, key, "no longer in the code (run `riskframe i18n update`)"))
            for key, entry in sorted(ids.items()):
                if key not in messages:
                    continue
                strings = [str(x or "") for x in entry.string] if isinstance(entry.string, (list, tuple)) \
                    else [str(entry.string or "")]
                if entry.fuzzy or not all(strings):
                    problems.append(CatalogueProblem(rel, key, f"no {lang} translation"))
                    continue
                english = _placeholders(key)
                for string in strings:
                    if _placeholders(string) != english:
                        problems.append(CatalogueProblem(rel, key, f"the {lang} translation's placeholders "
                                                                    f"{_placeholders(string)} differ from {english}"))
    return problems
