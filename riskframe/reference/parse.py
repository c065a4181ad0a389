"""Reading a reference file: the Early Warning Project's forecast tables, or a generic country-year CSV.

Every problem is located by row (the header is row 1, as a spreadsheet shows it) and column, and all
are collected before anything is stored; countries that cannot be mapped to ISO 3166 are listed with
their rows (the rest can still be stored) — they are never dropped silently.

The EWP's statistical risk assessment names its forecast column `risk_1or2.from<YEAR>`: the
probability of a new onset of state- or non-state-led mass killing in the country in year YEAR+1 or
YEAR+2, estimated from data through YEAR (the 2025 assessment is `.from2024`). The rank column
`risk_rank.from<YEAR>` is optional; the fuller table adds the Correlates of War code `ccode` and the
predictors, which are ignored here.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from riskframe.i18n import _
from riskframe.reference.crosswalk import Crosswalk, iso2_of

KINDS = ("ewp", "csv")
MAX_ROWS = 20_000
EWP_RISK = re.compile(r"^risk_1or2\.from(\d{4})$")
EWP_RANK = re.compile(r"^risk_rank\.from(\d{4})$")
EWP_WINDOW = 2  # years after the base year that the forecast covers
_NA = {"", "na", "n/a", "nan", "null"}


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("row {row}, column {column}: {message}").format(row=self.row, column=self.column,
                                                                      message=self.message)
        if self.row is not None:
            return _("row {row}: {message}").format(row=self.row, message=self.message)
        return self.message


@dataclass(frozen=True)
class Unmapped:
    row: int
    name: str
    ccode: str = ""

    def __str__(self) -> str:
        what = self.name + (f" (ccode {self.ccode})" if self.ccode else "")
        return _("row {row}: {what}").format(row=self.row, what=what)


@dataclass(frozen=True)
class ReferenceRow:
    row: int
    country: str      # ISO alpha-2 (or XK / a user-assigned code)
    year: int         # the data year (EWP: the base year)
    covers_from: int  # first year the value speaks about
    covers_to: int    # last year the value speaks about
    value: float
    rank: int | None = None
    label: str = ""   # the name or code as the file gives it


@dataclass
class ParsedSeries:
    kind: str
    rows: list[ReferenceRow] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    base_year: int | None = None
    measure: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def _table(path: Path, out: ParsedSeries) -> tuple[list[str], list[list[str]]] | None:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        out.problems.append(Problem(None, None, _("the file is not UTF-8 text; save it as CSV (UTF-8) and try "
                                                  "again")))
        return None
    except OSError as exc:
        out.problems.append(Problem(None, None, _("the file cannot be read: {reason}").format(
            reason=exc.strerror or type(exc).__name__)))
        return None
    try:
        lines = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        out.problems.append(Problem(None, None, _("the file is not valid CSV: {reason}").format(reason=str(exc))))
        return None
    if not lines:
        out.problems.append(Problem(None, None, _("the file is empty")))
        return None
    if len(lines) - 1 > MAX_ROWS:
        out.problems.append(Problem(None, None, _("the file has more than {n} rows").format(n=MAX_ROWS)))
        return None
    return [h.strip() for h in lines[0]], lines[1:]


def _number(raw: str, row: int, column: str, out: ParsedSeries) -> float | None:
    text = raw.strip()
    try:
        value = float(text)
    except ValueError:
        what = _("it is empty") if text.lower() in _NA else _("{raw} is not a number").format(raw=repr(text[:40]))
        out.problems.append(Problem(row, column, _("{what}; give a number").format(what=what)))
        return None
    if not math.isfinite(value):
        out.problems.append(Problem(row, column, _("{raw} is not a finite number").format(raw=repr(text[:40]))))
        return None
    return value


def _rank(raw: str, row: int, column: str, out: ParsedSeries) -> int | None:
    value = _number(raw, row, column, out)
    if value is None:
        return None
    if value < 1 or value != int(value):
        out.problems.append(Problem(row, column, _("a rank must be a whole number from 1")))
        return None
    return int(value)


def _duplicate(out: ParsedSeries, seen: dict[tuple[str, int], int], key: tuple[str, int], row: int,
               column: str) -> bool:
    if key in seen:
        out.problems.append(Problem(row, column, _("{country} appears twice (also row {other}); keep one "
                                                   "line per country{year}").format(
            country=key[0], other=seen[key], year="" if out.kind == "ewp" else _(" and year"))))
        return True
    seen[key] = row
    return False


def _cell(cells: list[str], i: int | None) -> str:
    return cells[i].strip() if i is not None and i < len(cells) else ""


def read_ewp(path: str | Path, crosswalk: Crosswalk) -> ParsedSeries:
    """The EWP's forecast table (small or full); see the module docstring for its columns."""
    out = ParsedSeries(kind="ewp")
    found = _table(Path(path), out)
    if found is None:
        return out
    header, lines = found
    risks = [(i, int(m.group(1))) for i, h in enumerate(header) if (m := EWP_RISK.match(h))]
    if "ewp_name" not in header:
        out.problems.append(Problem(1, "ewp_name", _("no column ewp_name: is this an Early Warning Project "
                                                     "file?")))
    if len(risks) != 1:
        out.problems.append(Problem(1, None, _("expected one column risk_1or2.from<YEAR> (e.g. "
                                               "risk_1or2.from2024), found {n}").format(n=len(risks))))
    if out.problems:
        return out
    risk_i, year = risks[0]
    rank_i = next((i for i, h in enumerate(header) if EWP_RANK.match(h) and h.endswith(str(year))), None)
    name_i = header.index("ewp_name")
    code_i = header.index("ccode") if "ccode" in header else None
    out.base_year = year
    out.measure = _("probability of a new mass killing beginning in {first} or {last} (EWP statistical risk "
                    "assessment, data through {year})").format(first=year + 1, last=year + EWP_WINDOW, year=year)
    seen: dict[tuple[str, int], int] = {}
    for n, cells in enumerate(lines, start=2):
        if not any(c.strip() for c in cells):
            continue
        name, code = _cell(cells, name_i), _cell(cells, code_i)
        value = _number(_cell(cells, risk_i), n, header[risk_i], out)
        if value is not None and not 0 <= value <= 1:
            out.problems.append(Problem(n, header[risk_i], _("{value} is not a probability (0 to 1)").format(
                value=value)))
            value = None
        rank = _rank(_cell(cells, rank_i), n, header[rank_i], out) if rank_i is not None else None
        iso = None
        if code:
            try:
                iso = crosswalk.from_ccode(int(float(code)))
            except ValueError:
                out.problems.append(Problem(n, "ccode", _("{raw} is not a Correlates of War code (a whole "
                                                          "number)").format(raw=repr(code[:40]))))
                continue
        iso = iso or crosswalk.from_name(name)
        if iso is None:
            out.unmapped.append(Unmapped(n, name, code))
            continue
        if _duplicate(out, seen, (iso, year), n, "ccode" if code else "ewp_name") or value is None:
            continue
        out.rows.append(ReferenceRow(n, iso, year, year + 1, year + EWP_WINDOW, value, rank, name or code))
    return out


def read_csv(path: str | Path) -> ParsedSeries:
    """A generic series: columns country (ISO alpha-2 or alpha-3), year, value; higher means more risk."""
    out = ParsedSeries(kind="csv")
    found = _table(Path(path), out)
    if found is None:
        return out
    header, lines = found
    missing = [c for c in ("country", "year", "value") if c not in header]
    if missing:
        out.problems.append(Problem(1, None, _("missing column(s) {columns}: a reference CSV has the columns "
                                               "country, year, value").format(columns=", ".join(missing))))
        return out
    ci, yi, vi = header.index("country"), header.index("year"), header.index("value")
    seen: dict[tuple[str, int], int] = {}
    for n, cells in enumerate(lines, start=2):
        if not any(c.strip() for c in cells):
            continue
        raw = _cell(cells, ci)
        year_f = _number(_cell(cells, yi), n, "year", out)
        year = None
        if year_f is not None:
            if year_f != int(year_f) or not 1900 <= year_f <= 2200:
                out.problems.append(Problem(n, "year", _("a year is a whole number such as 2025")))
            else:
                year = int(year_f)
        value = _number(_cell(cells, vi), n, "value", out)
        iso = iso2_of(raw)
        if iso is None:
            out.unmapped.append(Unmapped(n, raw))
            continue
        if year is None or _duplicate(out, seen, (iso, year), n, "country") or value is None:
            continue
        out.rows.append(ReferenceRow(n, iso, year, year, year, value, None, raw))
    if out.rows:
        out.base_year = max(r.year for r in out.rows)
    return out


def read_series(path: str | Path, kind: str, crosswalk: Crosswalk) -> ParsedSeries:
    if kind == "ewp":
        return read_ewp(path, crosswalk)
    if kind == "csv":
        return read_csv(path)
    raise ValueError(f"unknown reference format {kind!r}; use one of {', '.join(KINDS)}")
