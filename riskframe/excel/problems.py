"""A problem found in an uploaded workbook, located like pyxform does: sheet, row, column, expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None  # Excel letter
    message: str
    field: str | None = None  # the template column's key (score, evidence…), when the cell is an input

    def __str__(self) -> str:
        where = [f"sheet '{self.sheet}'"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"[{', '.join(where)}] {self.message}"


class TemplateInvalid(ValueError):
    """The workbook was read but cannot be imported; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"the workbook cannot be imported; {len(problems)} problem(s), nothing was written:\n{lines}")
