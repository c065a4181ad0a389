"""Read a filled template into validated entries, reporting every problem at once (never the first only).

Nothing here touches the database. Order: hostile-file checks (hostile.py), then openpyxl in
read-only mode (parsing XML with defusedxml, which we insist on below), then the header row, the
metadata sheet (or the fallback when a spreadsheet dropped it), and every row.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from riskframe.domain import EntryIn, Period, PeriodError, resolve_country
from riskframe.domain.countries import CountryError
from riskframe.excel import layout
from riskframe.excel.entries import parse_sources, sources_more_key
from riskframe.excel.hostile import UnsafeFile, check_upload
from riskframe.excel.problems import Problem, TemplateInvalid
from riskframe.excel.sanitize import decode_exact
from riskframe.framework.models import Framework

if not openpyxl.DEFUSEDXML:  # pragma: no cover - a broken install, or OPENPYXL_DEFUSEDXML=False
    raise ImportError("riskframe.excel needs openpyxl to parse with defusedxml (pip install defusedxml; "
                      "do not set OPENPYXL_DEFUSEDXML=False)")

MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 10
_COLUMN_OF_FIELD = {"score": "score", "missing": "missing", "confidence": "confidence", "evidence": "evidence",
                    "sources": "sources", "comment": "comment"}


@dataclass
class ParsedTemplate:
    """What a workbook asks to save. `base_revision` is None when the metadata sheet is gone."""

    country: str
    period: str
    base_revision: int | None
    entries: dict[str, EntryIn]  # only rows with something in an input column
    rows: dict[str, int] = field(default_factory=dict)  # indicator id -> Excel row
    warnings: list[str] = field(default_factory=list)
    application: str = ""


def read_template(data: bytes, fw: Framework, *, max_mb: int, country: str | None = None,
                  period: str | None = None) -> ParsedTemplate:
    """Parse and validate a template; raise UnsafeFile or TemplateInvalid (with every problem)."""
    check_upload(data, max_mb=max_mb)
    application = _application(data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:
        raise UnsafeFile(f"the workbook cannot be read ({type(exc).__name__}: {exc})") from None
    try:
        return _Reader(wb, fw, application).read(country, period)
    finally:
        wb.close()


def _application(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "docProps/app.xml" not in archive.namelist():
            return ""
        found = re.search(rb"<Application>([^<]{0,200})</Application>", archive.read("docProps/app.xml"))
    return found.group(1).decode("utf-8", "replace") if found else ""


class _Reader:
    def __init__(self, wb: Any, fw: Framework, application: str) -> None:
        self.wb, self.fw, self.application = wb, fw, application
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.columns: dict[str, int] = {}

    def problem(self, row: int | None, column: str | None, message: str, sheet: str = layout.SHEET) -> None:
        field = next((key.split("+")[0] for key in self.columns if _letter(self.columns, key) == column), None) \
            if sheet == layout.SHEET and column else None
        self.problems.append(Problem(sheet, row, column, message, field))

    def read(self, country: str | None, period: str | None) -> ParsedTemplate:
        if layout.SHEET not in self.wb.sheetnames:
            raise TemplateInvalid([Problem(layout.SHEET, None, None,
                                           f"no sheet named '{layout.SHEET}' (found: {', '.join(self.wb.sheetnames)}); "
                                           "is this a riskframe template?")])
        ws = self.wb[layout.SHEET]
        ws.reset_dimensions()  # do not trust the <dimension> another program wrote
        rows = list(ws.iter_rows(min_row=1, max_row=MAX_ROWS + HEADER_SEARCH_ROWS + 1, max_col=40))
        meta = self._meta()
        where = self._target(meta, rows, country, period)
        header_row, columns = self._header(rows)
        self.columns = columns
        parsed_rows: dict[str, int] = {}
        entries: dict[str, EntryIn] = {}
        if header_row is not None:
            if len(rows) > MAX_ROWS + header_row:
                self.problem(MAX_ROWS + header_row + 1, None, f"too many rows; a template has at most {MAX_ROWS}")
            else:
                entries, parsed_rows = self._rows(rows[header_row:], header_row, columns)
                self._check_ids(meta, parsed_rows)
        if self.problems:
            raise TemplateInvalid(self.problems)
        if self.application and not self.application.startswith("Microsoft Excel"):
            self.warnings.append(f"the workbook was last saved by {self.application}; drop-downs and protection "
                                 "may have changed, so every value was checked again")
        c, p, base = where
        return ParsedTemplate(c, p, base, entries, parsed_rows, self.warnings, self.application)

    # -- metadata and target ----------------------------------------------------------------
    def _meta(self) -> dict[str, str] | None:
        if layout.META_SHEET not in self.wb.sheetnames:
            return None
        meta = {}
        for row in self.wb[layout.META_SHEET].iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
            if row and row[0] is not None:
                meta[str(row[0]).strip()] = "" if len(row) < 2 or row[1] is None else str(row[1]).strip()
        return meta

    def _target(self, meta: dict[str, str] | None, rows: list, country: str | None,
                period: str | None) -> tuple[str, str, int | None]:
        s = layout.META_SHEET
        if meta is None:
            self.warnings.append(f"the hidden sheet '{s}' is missing (the file was probably re-saved by another "
                                 "spreadsheet); riskframe cannot tell whether the assessment changed since the "
                                 "template was made, so check the changes below before applying them")
            title = rows[0][0].value if rows and rows[0] and rows[0][0].value else ""
            found = layout.TITLE_PATTERN.search(str(title))
            country = country or (found["country"] if found else None)
            period = period or (found["period"] if found else None)
            if not country or not period:
                self.problem(layout.TITLE_ROW, "A", "the title (country and period) is gone too; give them "
                             "with --country and --period")
                return "", "", None
            return self._checked(country, period, layout.TITLE_ROW, "A") + (None,)
        missing = [k for k in ("framework_id", "framework_version", "country", "period", "base_revision",
                               "ids_sha256") if not meta.get(k)]
        if missing:
            self.problem(None, None, f"metadata is incomplete: {', '.join(missing)} missing", sheet=s)
            return "", "", None
        if meta["framework_id"] != self.fw.id or meta["framework_version"] != self.fw.version:
            self.problem(None, None, f"the template was made for framework {meta['framework_id']} "
                         f"{meta['framework_version']}; this riskframe uses {self.fw.id} {self.fw.version}: "
                         "download a new template", sheet=s)
        for given, key in ((country, "country"), (period, "period")):
            if given and given.strip().upper() != meta[key].upper():
                self.problem(None, None, f"the template is for {key} {meta[key]} but {given!r} was given", sheet=s)
        if not meta["base_revision"].isdigit():
            self.problem(None, None, f"base_revision must be a whole number, found {meta['base_revision']!r}", sheet=s)
            return "", "", None
        return self._checked(meta["country"], meta["period"], None, None, sheet=s) + (int(meta["base_revision"]),)

    def _checked(self, country: str, period: str, row: int | None, col: str | None,
                 sheet: str = layout.SHEET) -> tuple[str, str]:
        try:
            return resolve_country(country).code, Period.parse(period).label
        except (CountryError, PeriodError) as exc:
            self.problem(row, col, str(exc), sheet=sheet)
            return "", ""

    # -- header and rows --------------------------------------------------------------------
    def _header(self, rows: list) -> tuple[int | None, dict[str, int]]:
        wanted = {c.header: c.key for c in layout.columns(self.fw)}
        for n, row in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
            texts = {str(c.value).strip(): i for i, c in enumerate(row) if c.value is not None}
            if layout.BY_KEY["id"].header in texts:
                columns = {wanted[t]: i for t, i in texts.items() if t in wanted}
                columns.update({key: i for t, i in texts.items() if (key := sources_more_key(t))})
                absent = [c.header for c in layout.columns(self.fw)
                          if c.key not in columns and (c.is_input or c.key == "id")]
                if absent:
                    self.problem(n, None, "the header row lacks column(s) " + ", ".join(f"'{h}'" for h in absent)
                                 + "; do not rename or delete template columns")
                return n, columns
        self.problem(None, None, f"no header row with '{layout.BY_KEY['id'].header}' in the first "
                     f"{HEADER_SEARCH_ROWS} rows; is this a riskframe template?")
        return None, {}

    def _rows(self, rows: list, header_row: int, columns: dict[str, int]) -> tuple[dict[str, EntryIn], dict[str, int]]:
        entries: dict[str, EntryIn] = {}
        seen: dict[str, int] = {}
        for offset, row in enumerate(rows, start=1):
            n = header_row + offset
            cells = {key: (row[i] if i < len(row) else None) for key, i in columns.items()}
            values = {}
            for key, cell in cells.items():
                if cell is not None and cell.data_type == "f":
                    self.problem(n, _letter(columns, key), f"a formula ({str(cell.value)[:60]}) is not accepted; "
                                 "type the value itself")
                    cell = None  # reported once, not again as a bad value
                values[key] = _value(cell)
            iid = values.get("id")
            has_input = any(values.get(k) not in (None, "") for k in (*layout.INPUT_KEYS, *_more(columns)))
            if iid in (None, ""):
                if has_input:
                    self.problem(n, _letter(columns, "id"), "values without an indicator id; do not add rows")
                continue
            iid = str(iid).strip()
            if iid not in self.fw.indicators:
                self.problem(n, _letter(columns, "id"), f"unknown indicator id {iid!r}; do not add or rename rows")
                continue
            if iid in seen:
                self.problem(n, _letter(columns, "id"), f"indicator {iid} appears twice (also row {seen[iid]})")
                continue
            seen[iid] = n
            if has_input:
                entry = self._entry(n, columns, values)
                if entry is not None:
                    entries[iid] = entry
        return entries, seen

    def _entry(self, n: int, columns: dict[str, int], values: dict[str, Any]) -> EntryIn | None:
        before = len(self.problems)
        cols = layout.by_key(self.fw)
        data: dict[str, Any] = {}
        score = values.get("score")
        if score not in (None, ""):
            text = str(score).strip()
            if isinstance(score, float) and score.is_integer():
                text = str(int(score))
            if text in cols["score"].choices:
                data["score"] = int(text)
            else:
                self.problem(n, _letter(columns, "score"), f"score must be {cols['score'].expected()}; "
                             f"found {score!r}")
        for key in ("missing", "confidence"):
            value = values.get(key)
            if value in (None, ""):
                continue
            code = str(value).strip().lower().replace(" ", "_")
            if code in cols[key].choices:
                data[key] = code
            else:
                self.problem(n, _letter(columns, key), f"{cols[key].header.lower()} must be "
                             f"{cols[key].expected()}; found {value!r}")
        if "score" in data and "missing" in data:
            self.problem(n, _letter(columns, "missing"), "give either a score or a missing reason, not both")
        for key in ("evidence", "comment"):
            data[key] = decode_exact(_text(values.get(key)))
        sources = "\n".join(t for t in (_text(values.get(k)) for k in ("sources", *_more(columns))) if t)
        try:
            data["sources"] = parse_sources(sources, exact=True)
        except ValueError as exc:
            self.problem(n, _letter(columns, "sources"), _first_error(exc))
        if len(self.problems) > before:
            return None
        try:
            return EntryIn.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                key = _COLUMN_OF_FIELD.get(str(err["loc"][0]) if err["loc"] else "", "evidence")
                self.problem(n, _letter(columns, key), err["msg"])
            return None

    def _check_ids(self, meta: dict[str, str] | None, seen: dict[str, int]) -> None:
        absent = [i for i in self.fw.indicators if i not in seen]
        if meta is not None and meta.get("ids_sha256") and layout.ids_checksum(seen) != meta["ids_sha256"]:
            detail = f" (missing: {', '.join(absent[:10])}{'…' if len(absent) > 10 else ''})" if absent else ""
            self.problem(None, "A", "the indicator ids differ from those the template was made with: rows were "
                         f"added, removed or renamed{detail}; download a new template")
        elif absent:
            self.warnings.append(f"{len(absent)} indicator(s) are not in the file and stay as they are: "
                                 + ", ".join(absent[:10]) + ("…" if len(absent) > 10 else ""))


def _more(columns: dict[str, int]) -> list[str]:
    """The keys of the sources continuation columns, in order ("sources+2", "sources+3"…)."""
    return sorted((k for k in columns if k.startswith("sources+")), key=lambda k: int(k.split("+")[1]))


def _value(cell: Any) -> Any:
    return None if cell is None else cell.value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _letter(columns: dict[str, int], key: str) -> str | None:
    return get_column_letter(columns[key] + 1) if key in columns else None


def _first_error(exc: ValueError) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"source {'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
    return str(exc)
