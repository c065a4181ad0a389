"""Human labels for the codes a template shows in drop-downs (consultation category, measure type and
status, remove), in the current language, and the way back from any language's label to the code.

Codes stay language-neutral in the database; a cell shows the label, and the reader accepts the
label in any interface language, or the code itself. The labels are riskframe.domain.labels' (one
home for every code's label); only "Remove?" (Yes/No) is the template's own.
"""

from __future__ import annotations

from collections.abc import Iterable

from riskframe.domain.labels import (
    CONSULTATION_CATEGORY_LABELS,
    MEASURE_STATUS_LABELS,
    MEASURE_STATUS_OLD_LABELS,
    MEASURE_STATUS_SYNONYMS,
    MEASURE_TYPE_LABELS,
)
from riskframe.excel.layout import in_every_language
from riskframe.i18n import N_, _

CATEGORY = CONSULTATION_CATEGORY_LABELS  # the domain's labels: one place for every code's label
MEASURE_TYPE = MEASURE_TYPE_LABELS
MEASURE_STATUS = MEASURE_STATUS_LABELS
REMOVE = {"yes": N_("Yes"), "no": N_("No")}
_MORE_YES = ("x", "y", "true", "1", "si", "oui", "sí")  # what people also type to mean yes
_MORE_NO = ("n", "false", "0", "non")

CODES: dict[str, dict[str, str]] = {"category": CATEGORY, "type": MEASURE_TYPE, "status": MEASURE_STATUS,
                                    "remove": REMOVE}
"""Column key -> code -> English label (a msgid)."""


def label(column: str, code: str | None) -> str:
    """The label of `code` in the current language ('' for no code; the code itself if unknown)."""
    if not code:
        return ""
    found = CODES[column].get(code)
    return _(found) if found else code


def labels(column: str) -> tuple[str, ...]:
    """The drop-down of a column: every label, in the current language, in order."""
    return tuple(_(text) for text in CODES[column].values())


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _lookup(column: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for code in CODES[column]:
        table[_norm(code)] = code
        table[_norm(code.replace("_", " "))] = code
    for by_code in in_every_language(lambda: {code: _(text) for code, text in CODES[column].items()}).values():
        for code, text in by_code.items():
            table.setdefault(_norm(text), code)
    if column == "status":  # a template written before "done" became "implemented" still reads
        for old in MEASURE_STATUS_OLD_LABELS:
            table.setdefault(_norm(old), MEASURE_STATUS_SYNONYMS[old])
        for by_old in in_every_language(lambda: {o: _(t) for o, t in MEASURE_STATUS_OLD_LABELS.items()}).values():
            for old, text in by_old.items():
                table.setdefault(_norm(text), MEASURE_STATUS_SYNONYMS[old])
    if column == "remove":
        table.update({_norm(t): "yes" for t in _MORE_YES})
        table.update({_norm(t): "no" for t in _MORE_NO})
    return table


def code_of(column: str, text: object) -> str | None:
    """The code a cell's label (in any language) or code stands for; None when it is none of them."""
    return _lookup(column).get(_norm(str(text)))


def choices_text(column: str, extra: Iterable[str] = ()) -> str:
    """The labels as a sentence fragment for a problem: "Proposed, In progress, …"."""
    return ", ".join([*labels(column), *extra])
