"""A problem found in an uploaded workbook, located like pyxform does: sheet, row, column, expected."""

from __future__ import annotations

from dataclasses import dataclass

from riskframe.i18n import _, ngettext


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None  # Excel letter
    message: str
    field: str | None = None  # the template column's key (score, evidence…), when the cell is an input

    def __str__(self) -> str:
        return located(self.sheet, self.row, self.column, self.message)


def located(sheet: str, row: int | None, column: str | None, message: str) -> str:
    """“[sheet “Measures”, row 7, column C] message”, in the current language."""
    where = [_("sheet “{sheet}”").format(sheet=sheet)]
    if row is not None:
        where.append(_("row {row}").format(row=row))
    if column:
        where.append(_("column {column}").format(column=column))
    return f"[{', '.join(where)}] {message}"


class TemplateInvalid(ValueError):
    """The workbook was read but cannot be imported; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        head = ngettext("the workbook cannot be imported; {n} problem, nothing was written:",
                        "the workbook cannot be imported; {n} problems, nothing was written:",
                        len(problems)).format(n=len(problems))
        super().__init__(f"{head}\n{lines}")
