"""Read a filled template into validated entries and list items, reporting every problem at once.

Nothing here touches the database. Order: hostile-file checks (hostile.py), then openpyxl in
read-only mode (parsing XML with defusedxml, which we insist on below), the metadata sheet (or the
fallback when a spreadsheet dropped it), then each sheet: its columns (by the hidden key row, else
by headers in any language), and every row. Sheets are found by the names the metadata recorded
(a French template has French sheet names), else by their names in any language.
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
from riskframe.excel.entries import SOURCES_MORE_HEADER, SOURCES_MORE_KEY, parse_sources
from riskframe.excel.hostile import UnsafeFile, check_upload
from riskframe.excel.list_reader import ParsedList, invalid_sentence, read_rows
from riskframe.excel.lists import SHEETS, ListSheet
from riskframe.excel.problems import Problem, TemplateInvalid
from riskframe.excel.sanitize import cell_text as _text
from riskframe.excel.sanitize import decode_exact
from riskframe.framework.models import Framework
from riskframe.i18n import _, current_language

if not openpyxl.DEFUSEDXML:  # pragma: no cover - a broken install, or OPENPYXL_DEFUSEDXML=False
    raise ImportError("riskframe.excel needs openpyxl to parse with defusedxml (pip install defusedxml; "
                      "do not set OPENPYXL_DEFUSEDXML=False)")

MAX_ROWS = 5000
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
    lists: dict[str, ParsedList] = field(default_factory=dict)  # collection name -> its sheet's rows
    sheet: str = layout.SHEET  # the indicators sheet's name in the file


def read_template(data: bytes, fw: Framework, *, max_mb: int, country: str | None = None,
                  period: str | None = None) -> ParsedTemplate:
    """Parse and validate a template; raise UnsafeFile or TemplateInvalid (with every problem)."""
    check_upload(data, max_mb=max_mb)
    application = _application(data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:
        raise UnsafeFile(_("the workbook cannot be read ({error}); save it again as .xlsx from Excel or "
                           "LibreOffice").format(error=type(exc).__name__)) from None
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
        self.sheet = layout.SHEET

    def problem(self, row: int | None, column: str | None, message: str, sheet: str | None = None,
                field: str | None = None) -> None:
        sheet = sheet or self.sheet
        if field is None and sheet == self.sheet and column:
            field = next((key.split("+")[0] for key in self.columns if _letter(self.columns, key) == column), None)
        self.problems.append(Problem(sheet, row, column, message, field))

    def read(self, country: str | None, period: str | None) -> ParsedTemplate:
        meta = self._meta()
        names = self._sheet_names(meta)
        self.sheet = names.get("indicators") or layout.SHEET
        if self.sheet not in self.wb.sheetnames:
            raise TemplateInvalid([Problem(self.sheet, None, None, _(
                "no sheet named “{sheet}” (found: {found}); is this a riskframe template?").format(
                sheet=self.sheet, found=", ".join(self.wb.sheetnames)))])
        rows = _rows_of(self.wb[self.sheet], 40)
        where = self._target(meta, rows, country, period)
        header_row, columns = self._columns(rows, self.sheet, _indicator_columns(self.fw), ("id", "score"))
        self.columns = columns
        parsed_rows: dict[str, int] = {}
        entries: dict[str, EntryIn] = {}
        if header_row is not None:
            if len(rows) > MAX_ROWS + header_row:
                self.problem(MAX_ROWS + header_row + 1, None, _("too many rows; a template has at most "
                                                                "{limit}").format(limit=MAX_ROWS))
            else:
                entries, parsed_rows = self._rows(rows[header_row:], header_row, columns)
                self._check_ids(meta, parsed_rows)
        lists = {sheet.name: parsed for sheet in SHEETS
                 if (parsed := self._list(sheet, names.get(sheet.name), meta)) is not None}
        if self.problems:
            raise TemplateInvalid(self.problems)
        if self.application and not self.application.startswith("Microsoft Excel"):
            self.warnings.append(_("the workbook was last saved by {application}; drop-downs and protection may "
                                   "have changed, so every value was checked again").format(
                application=self.application))
        c, p, base = where
        return ParsedTemplate(c, p, base, entries, parsed_rows, self.warnings, self.application, lists, self.sheet)

    # -- sheets and columns -----------------------------------------------------------------
    def _sheet_names(self, meta: dict[str, str] | None) -> dict[str, str]:
        """Kind ("indicators", "measures"…) -> the sheet's name in this file."""
        present = set(self.wb.sheetnames)
        found: dict[str, str] = {}
        kinds: list[tuple[str, Any]] = [("indicators", layout.sheet_name)] + [(s.name, s.sheet_name) for s in SHEETS]
        for kind, name_of in kinds:
            recorded = (meta or {}).get(f"sheet_{kind}")
            if recorded and recorded in present:
                found[kind] = recorded
                continue
            candidates = [n[:31] for n in layout.in_every_language(name_of).values()]
            found_name = next((n for n in candidates if n in present), None)
            if found_name:
                found[kind] = found_name
        return found

    def _columns(self, rows: list, sheet: str, by_language: dict[str, dict[str, str]],
                 required: tuple[str, ...]) -> tuple[int | None, dict[str, int]]:
        """(header row number, column key -> index): by the hidden key row, else by headers in any language."""
        keys = {k for table in by_language.values() for k in table.values()}
        for n, row in enumerate(rows[:layout.KEY_SEARCH_ROWS], start=1):
            texts = {str(c.value).strip(): i for i, c in enumerate(row) if c.value is not None}
            if all(k in texts for k in required):
                columns = {t: i for t, i in texts.items() if t in keys or t.startswith("sources+")}
                return self._complete(n + 1, columns, sheet, by_language)
        for n, row in enumerate(rows[:layout.KEY_SEARCH_ROWS], start=1):
            texts = {str(c.value).strip(): i for i, c in enumerate(row) if c.value is not None}
            for table in by_language.values():
                if sum(t in table for t in texts) >= len(required):
                    columns = {table[t]: i for t, i in texts.items() if t in table}
                    columns.update({key: i for t, i in texts.items() if (key := _more_key(t))})
                    if all(k in columns for k in required[:1]):
                        return self._complete(n, columns, sheet, by_language)
        self.problem(None, None, _("no header row in the first {n} rows; is this a riskframe template? Download a "
                                   "new template").format(n=layout.KEY_SEARCH_ROWS), sheet=sheet)
        return None, {}

    def _complete(self, header_row: int, columns: dict[str, int], sheet: str,
                  by_language: dict[str, dict[str, str]]) -> tuple[int, dict[str, int]]:
        table = by_language.get(current_language()) or next(iter(by_language.values()))
        headers = {key: text for text, key in table.items()}
        absent = [headers[k] for k in headers if k not in columns and k in _INPUT_OR_ID]
        if absent:
            self.problem(header_row, None, _("the header row lacks the column(s) {columns}; do not rename or "
                                             "delete template columns").format(
                columns=", ".join(f"“{h}”" for h in absent)), sheet=sheet)
        return header_row, columns

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
            self.warnings.append(_("the hidden sheet “{sheet}” is missing (the file was probably re-saved by another "
                                   "spreadsheet); riskframe cannot tell whether the assessment changed since the "
                                   "template was made, so check the changes below before applying them").format(
                sheet=s))
            title = rows[0][0].value if rows and rows[0] and rows[0][0].value else ""
            found = layout.TITLE_PATTERN.search(str(title))
            country = country or (found["country"] if found else None)
            period = period or (found["period"] if found else None)
            if not country or not period:
                self.problem(layout.TITLE_ROW, "A", _("the title (country and period) is gone too; give them "
                                                      "with --country and --period"))
                return "", "", None
            return self._checked(country, period, layout.TITLE_ROW, "A") + (None,)
        missing = [k for k in ("framework_id", "framework_version", "country", "period", "base_revision",
                               "ids_sha256") if not meta.get(k)]
        if missing:
            self.problem(None, None, _("the template's hidden details are incomplete ({keys} missing); download "
                                       "a new template").format(keys=", ".join(missing)), sheet=s)
            return "", "", None
        if meta["framework_id"] != self.fw.id or meta["framework_version"] != self.fw.version:
            self.problem(None, None, _("the template was made for framework {made}; this riskframe uses {used}: "
                                       "download a new template").format(
                made=f"{meta['framework_id']} {meta['framework_version']}", used=f"{self.fw.id} {self.fw.version}"),
                sheet=s)
        wrong = {"country": _("the template is for country {value}, but {given} was given"),
                 "period": _("the template is for period {value}, but {given} was given")}
        for given, key in ((country, "country"), (period, "period")):
            if given and given.strip().upper() != meta[key].upper():
                self.problem(None, None, wrong[key].format(value=meta[key], given=f"“{given}”"), sheet=s)
        if not meta["base_revision"].isdigit():
            self.problem(None, None, _("the template's base revision must be a whole number, found “{value}”; "
                                       "download a new template").format(value=meta["base_revision"]), sheet=s)
            return "", "", None
        return self._checked(meta["country"], meta["period"], None, None, sheet=s) + (int(meta["base_revision"]),)

    def _checked(self, country: str, period: str, row: int | None, col: str | None,
                 sheet: str | None = None) -> tuple[str, str]:
        try:
            return resolve_country(country).code, Period.parse(period).label
        except (CountryError, PeriodError) as exc:
            self.problem(row, col, str(exc), sheet=sheet)
            return "", ""

    # -- indicator rows ---------------------------------------------------------------------
    def _rows(self, rows: list, header_row: int, columns: dict[str, int]) -> tuple[dict[str, EntryIn], dict[str, int]]:
        entries: dict[str, EntryIn] = {}
        seen: dict[str, int] = {}
        for offset, row in enumerate(rows, start=1):
            n = header_row + offset
            cells = {key: (row[i] if i < len(row) else None) for key, i in columns.items()}
            values = {}
            for key, cell in cells.items():
                if cell is not None and cell.data_type == "f":
                    self.problem(n, _letter(columns, key), _("a formula ({formula}) is not accepted; type the value "
                                                             "itself").format(formula=str(cell.value)[:60]))
                    cell = None  # reported once, not again as a bad value
                values[key] = _value(cell)
            iid = values.get("id")
            has_input = any(values.get(k) not in (None, "") for k in (*layout.INPUT_KEYS, *_more(columns)))
            if iid in (None, ""):
                if has_input:
                    self.problem(n, _letter(columns, "id"), _("values without an indicator id; do not add rows "
                                                              "to this sheet"))
                continue
            iid = str(iid).strip()
            if iid not in self.fw.indicators:
                self.problem(n, _letter(columns, "id"), _("unknown indicator id “{id}”; do not add or rename "
                                                          "rows").format(id=iid))
                continue
            if iid in seen:
                self.problem(n, _letter(columns, "id"), _("indicator {id} appears twice (also row {other})").format(
                    id=iid, other=seen[iid]))
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
                self.problem(n, _letter(columns, "score"), _("the score must be {expected}; found “{value}”").format(
                    expected=cols["score"].expected(), value=score))
        for key in ("missing", "confidence"):
            value = values.get(key)
            if value in (None, ""):
                continue
            code = layout.choice_code(self.fw, key, value)
            if code is not None:
                data[key] = code
            else:
                self.problem(n, _letter(columns, key), _("{column} must be {expected}; found “{value}”").format(
                    column=cols[key].header, expected=cols[key].expected(), value=value))
        if "score" in data and "missing" in data:
            self.problem(n, _letter(columns, "missing"), _("give either a score or a missing reason, not both"))
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
            for err in exc.errors(include_url=False):
                key = _COLUMN_OF_FIELD.get(str(err["loc"][0]) if err["loc"] else "", "evidence")
                self.problem(n, _letter(columns, key), invalid_sentence(cols[key].header, err))
            return None

    def _check_ids(self, meta: dict[str, str] | None, seen: dict[str, int]) -> None:
        absent = [i for i in self.fw.indicators if i not in seen]
        listed = ", ".join(absent[:10]) + ("…" if len(absent) > 10 else "")
        if meta is not None and meta.get("ids_sha256") and layout.ids_checksum(seen) != meta["ids_sha256"]:
            detail = _(" (missing: {ids})").format(ids=listed) if absent else ""
            self.problem(None, "A", _("the indicator ids differ from those the template was made with: rows were "
                                      "added, removed or renamed{detail}; download a new template").format(
                detail=detail))
        elif absent:
            self.warnings.append(_("{n} indicator(s) are not in the file and stay as they are: {ids}").format(
                n=len(absent), ids=listed))

    # -- list sheets ------------------------------------------------------------------------
    def _list(self, sheet: ListSheet, name: str | None, meta: dict[str, str] | None) -> ParsedList | None:
        if name is None:
            if meta is not None and meta.get("template_format", "1") != "1":
                self.warnings.append(_("the sheet “{sheet}” is not in the file; its items stay as they are").format(
                    sheet=sheet.sheet_name()))
            return None
        rows = _rows_of(self.wb[name], len(sheet.columns()) + 10)
        by_language = layout.in_every_language(lambda: {c.header: c.key for c in sheet.columns()})
        header_row, columns = self._columns(rows, name, by_language, ("key", "remove"))
        parsed = ParsedList(sheet, name, columns={k: get_column_letter(i + 1) for k, i in columns.items()})
        if header_row is None:
            return parsed
        if len(rows) > MAX_ROWS + header_row:
            self.problem(MAX_ROWS + header_row + 1, None, _("too many rows; a template has at most "
                                                            "{limit}").format(limit=MAX_ROWS), sheet=name)
            return parsed

        def report(row: int | None, key: str | None, field: str | None, message: str) -> None:
            self.problem(row, parsed.columns.get(key or ""), message, sheet=name, field=field)

        parsed.items = read_rows(sheet, rows[header_row:], header_row, columns, self.fw, report)
        return parsed


_INPUT_OR_ID = {*layout.INPUT_KEYS, "id", "key", "remove", *(c.key for s in SHEETS for c in s.fields)}


def _indicator_columns(fw: Framework) -> dict[str, dict[str, str]]:
    return layout.in_every_language(lambda: {c.header: c.key for c in layout.columns(fw)})


def _more_key(header: str) -> str | None:
    """The key of a "Sources, continued (n)" header in any language ("sources+2"…), or None."""
    for pattern in layout.in_every_language(lambda: _(SOURCES_MORE_HEADER)).values():
        found = re.fullmatch(re.escape(pattern).replace(re.escape("{n}"), r"(\d+)"), header)
        if found:
            return SOURCES_MORE_KEY.format(n=int(found.group(1)))
    return None


def _rows_of(ws: Any, max_col: int) -> list:
    ws.reset_dimensions()  # do not trust the <dimension> another program wrote
    return list(ws.iter_rows(min_row=1, max_row=MAX_ROWS + layout.KEY_SEARCH_ROWS + 1, max_col=max_col))


def _more(columns: dict[str, int]) -> list[str]:
    """The keys of the sources continuation columns, in order ("sources+2", "sources+3"…)."""
    return sorted((k for k in columns if k.startswith("sources+")), key=lambda k: int(k.split("+")[1]))


def _value(cell: Any) -> Any:
    return None if cell is None else cell.value


def _letter(columns: dict[str, int], key: str) -> str | None:
    return get_column_letter(columns[key] + 1) if key in columns else None


def _first_error(exc: ValueError) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        if err.get("type") == "string_too_long":
            return _("a source's {part} is longer than {limit} characters; shorten it").format(
                part=where, limit=(err.get("ctx") or {}).get("max_length", "?"))
        return _("a source's {part} is not valid ({kind}); check that line").format(part=where, kind=err.get("type"))
    return str(exc)
