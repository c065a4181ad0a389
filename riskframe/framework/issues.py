"""Validation problems as data: each names the file, the line where known, and the field."""

from __future__ import annotations

from pydantic import BaseModel


class FrameworkIssue(BaseModel):
    file: str
    line: int | None = None
    field: str = ""
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.message}"
