"""The offline template: one row per indicator, and sheets for the lists (vulnerable groups,
consultations, recommended measures, one row per item); focal points fill it and import it back.

Everything a person reads is in the template's language (`lang`, else the current one); a hidden
row of language-neutral column keys above each header tells the reader which column is which.
Structure columns are locked (sheet protection without a password, so it guards against slips,
not against people); input columns are unlocked and carry drop-downs. A very hidden, protected
metadata sheet records what the template was made from, so an import can tell a stale template
(someone saved the assessment since) from a current one.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from riskframe.domain.countries import is_user_assigned
from riskframe.excel import layout, styles
from riskframe.excel.entries import SOURCES_MORE_HEADER, SOURCES_MORE_KEY, entry_cells, factor_label, guidance_text
from riskframe.excel.list_sheets import write_list_sheet
from riskframe.excel.lists import SHEETS
from riskframe.excel.sanitize import put, put_exact
from riskframe.framework.models import Framework, tr
from riskframe.i18n import N_, _, current_language, use_language
from riskframe.store.schemas import AssessmentView

NOTE = N_("Fill the yellow columns: a score OR a missing reason, a confidence, the evidence and its sources "
          "(one per line: title | url | date). A row left completely empty keeps what the database holds. "
          "Do not add, remove or rename rows; type values, not formulas. The other sheets hold the vulnerable "
          "groups, the consultations and the recommended measures. Import with `riskframe import` or on the "
          "Import / Export page.")
FICTIONAL = N_("FICTIONAL DATA: {code} is an invented country (ISO user-assigned code); it describes no real "
               "country.")


def build_template(fw: Framework, country: str, period: str, view: AssessmentView | None = None,
                   prefill: bool = False, lang: str | None = None, now: dt.datetime | None = None) -> Workbook:
    """A template for `country`/`period` in `lang` (default: the current language), headers,
    instructions and drop-downs included; `view` (the assessment, if any) gives the base revision."""
    lang = lang or current_language()
    with use_language(lang):
        return _build(fw, country, period, view, prefill, lang, now or dt.datetime.now(dt.UTC))


def _build(fw: Framework, country: str, period: str, view: AssessmentView | None, prefill: bool, lang: str,
           now: dt.datetime) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = layout.sheet_name()
    ids = list(fw.indicators)
    entries = view.entries if (view is not None and prefill) else {}
    cells = {iid: entry_cells(entries.get(iid)) for iid in ids}
    more = max((int(k.split("+")[1]) for c in cells.values() for k in c if k.startswith("sources+")), default=1)
    _title_rows(ws, fw, country, period, more)
    for n, iid in enumerate(ids):
        _indicator_row(ws, layout.FIRST_ROW + n, fw, iid, cells[iid], lang, more)
    last = layout.FIRST_ROW + len(ids) - 1
    _validations(ws, fw, last)
    _sheet_setup(ws, last)
    names = {"indicators": ws.title}
    for sheet in SHEETS:
        items = list(getattr(view, sheet.name)) if (view is not None and prefill) else []
        names[sheet.name] = write_list_sheet(wb, sheet, items, _note(country, _(sheet.note)),
                                             ws.cell(layout.TITLE_ROW, 1).value, country)
    _meta_sheet(wb, fw, country, period, view, ids, now, lang, names)
    wb.security = WorkbookProtection(lockStructure=True)  # no password: keeps the meta sheet hidden
    wb.properties.title = f"riskframe template {country} {period}"
    wb.properties.subject = _("Assessment template: {framework}").format(framework=tr(fw.manifest.framework.title,
                                                                                       lang))
    wb.properties.creator = "riskframe"
    wb.properties.created = now.replace(tzinfo=None)
    return wb


def template_bytes(*args, **kwargs) -> bytes:
    out = io.BytesIO()
    build_template(*args, **kwargs).save(out)
    return out.getvalue()


def _note(country: str, text: str) -> str:
    return f"{_(FICTIONAL).format(code=country)} {text}" if is_user_assigned(country) else text


def note_row(ws: Worksheet, country: str, text: str, width: int) -> None:
    """Row 2: the instructions (after the fictional-data mark for a user-assigned country)."""
    note = put(ws.cell(layout.NOTE_ROW, 1), text)
    if is_user_assigned(country):
        note.font, note.fill = styles.FICTIONAL_FONT, styles.FICTIONAL_FILL
    else:
        note.font = styles.NOTE_FONT
    ws.merge_cells(start_row=layout.NOTE_ROW, start_column=1, end_row=layout.NOTE_ROW, end_column=width)
    note.alignment = styles.WRAP
    ws.row_dimensions[layout.NOTE_ROW].height = 45


def header_rows(ws: Worksheet, keyed: list[tuple[str, str, float]]) -> None:
    """The hidden row of column keys (what the reader goes by) and the visible header below it."""
    for j, (key, header, width) in enumerate(keyed, start=1):
        put(ws.cell(layout.KEY_ROW, j), key).font = styles.KEY_FONT
        cell = put(ws.cell(layout.HEADER_ROW, j), header)
        cell.font, cell.fill, cell.alignment = styles.HEADER_FONT, styles.HEADER_FILL, styles.WRAP
        ws.column_dimensions[cell.column_letter].width = width
    ws.row_dimensions[layout.KEY_ROW].hidden = True


def _title_rows(ws: Worksheet, fw: Framework, country: str, period: str, more: int) -> None:
    put(ws.cell(layout.TITLE_ROW, 1), layout.title(country, period, f"{fw.id} {fw.version}")).font = styles.TITLE_FONT
    note_row(ws, country, _note(country, _(NOTE)), len(layout.COLUMNS))
    keyed = [(c.key, c.header, c.width) for c in layout.columns(fw)]
    keyed += [(SOURCES_MORE_KEY.format(n=n), _(SOURCES_MORE_HEADER).format(n=n), layout.BY_KEY["sources"].width)
              for n in range(2, more + 1)]  # sources too long for one cell continue here
    header_rows(ws, keyed)


def _indicator_row(ws: Worksheet, row: int, fw: Framework, iid: str, entry_values: dict[str, object], lang: str,
                   more: int) -> None:
    ind = fw.indicators[iid]
    values = {"id": iid, "factor": factor_label(fw, ind, lang), "text": tr(ind.text, lang),
              "guidance": guidance_text(fw, ind, lang), **entry_values}
    keys = [c.key for c in layout.COLUMNS] + [SOURCES_MORE_KEY.format(n=n) for n in range(2, more + 1)]
    labels = {"missing": fw.scale.missing_label, "confidence": fw.scale.confidence_label}
    for j, key in enumerate(keys, start=1):
        col = layout.BY_KEY.get(key, layout.BY_KEY["sources"])
        value = values.get(key)
        if key in labels and isinstance(value, str):  # a code shows as its label, as in the drop-down
            value = layout.code_label(labels[key](value, lang))
            cell = put(ws.cell(row, j), value)
            cell.alignment, cell.protection, cell.fill = styles.TOP, styles.UNLOCKED, styles.INPUT_FILL
            continue
        if isinstance(value, str) and col.is_input:  # user text: comes back exactly, or is refused here
            where = _("indicator {id}, {column}").format(id=iid, column=_(col.header))
            cell = put_exact(ws.cell(row, j), value, where, encoded=col.key == "sources")
        else:
            cell = put(ws.cell(row, j), value)
        cell.alignment = styles.WRAP if col.wrap else styles.TOP
        if col.is_input:
            cell.protection = styles.UNLOCKED
            cell.fill = styles.INPUT_FILL


def _validations(ws: Worksheet, fw: Framework, last: int) -> None:
    cols = layout.by_key(fw)
    for key in layout.CHOICE_KEYS:
        col = cols[key]
        dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle=col.header[:32],
                            error=_("{column}: choose {expected}.").format(column=col.header, expected=col.expected()))
        letter = layout.letter(key)
        dv.add(f"{letter}{layout.FIRST_ROW}:{letter}{last}")
        ws.add_data_validation(dv)


def _sheet_setup(ws: Worksheet, last: int) -> None:
    ws.freeze_panes = ws.cell(layout.FIRST_ROW, 2)
    ws.auto_filter.ref = f"A{layout.HEADER_ROW}:{layout.letter('comment')}{last}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # allowed: resize columns and rows, filter
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{layout.HEADER_ROW}:{layout.HEADER_ROW}"


def _meta_sheet(wb: Workbook, fw: Framework, country: str, period: str, view: AssessmentView | None,
                ids: list[str], now: dt.datetime, lang: str, names: dict[str, str]) -> None:
    meta = wb.create_sheet(layout.META_SHEET)
    values = {
        "template_format": layout.TEMPLATE_FORMAT, "framework_id": fw.id, "framework_version": fw.version,
        "country": country, "period": period, "assessment_id": str(view.id) if view else "",
        "base_revision": str(view.revision if view else 0), "ids_sha256": layout.ids_checksum(ids),
        "indicator_count": str(len(ids)), "created_at": now.isoformat(timespec="seconds"), "language": lang,
        **{f"sheet_{kind}": name for kind, name in names.items()},
    }
    for n, key in enumerate(layout.META_KEYS, start=1):
        put(meta.cell(n, 1), key)
        put(meta.cell(n, 2), values[key])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
