"""Write a list sheet of the template (lists.py says what its columns are): the items, then empty
rows for new ones, drop-downs with labels, the id column locked, the rest open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from riskframe.excel import layout, styles
from riskframe.excel.lists import BLANK_ROWS, TEXT_FIELDS, ListSheet, item_cells, item_label
from riskframe.excel.sanitize import put, put_exact
from riskframe.i18n import _


def write_list_sheet(wb: Workbook, sheet: ListSheet, items: list[BaseModel], note: str, title: Any,
                     country: str) -> str:
    """Add `sheet` to `wb` holding `items` (those not deleted); returns the sheet's name."""
    from riskframe.excel.template import header_rows, note_row  # the indicators sheet's rows, shared

    ws = wb.create_sheet(sheet.sheet_name()[:31])
    columns = sheet.columns()
    put(ws.cell(layout.TITLE_ROW, 1), f"{title} · {sheet.sheet_name()}").font = styles.TITLE_FONT
    note_row(ws, country, note, len(columns))
    header_rows(ws, [(c.key, c.header, c.width) for c in columns])
    live = [i for i in items if not getattr(i, "deleted", False)]
    for n, item in enumerate(live):
        _row(ws, layout.FIRST_ROW + n, sheet, item_cells(sheet, item), item_label(sheet, item.model_dump()))
    last = layout.FIRST_ROW + len(live) + BLANK_ROWS - 1
    for row in range(layout.FIRST_ROW + len(live), last + 1):
        _row(ws, row, sheet, {}, "")
    _validations(ws, columns, last)
    ws.freeze_panes = ws.cell(layout.FIRST_ROW, 3)
    ws.auto_filter.ref = f"A{layout.HEADER_ROW}:{ws.cell(layout.HEADER_ROW, len(columns)).column_letter}{last}"
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = ws.protection.autoFilter = False
    ws.protection.insertRows = False  # inserting a row for a new item is allowed; deleting is not (use Remove)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{layout.HEADER_ROW}:{layout.HEADER_ROW}"
    return ws.title


def _row(ws: Worksheet, row: int, sheet: ListSheet, values: dict[str, Any], label: str) -> None:
    for j, col in enumerate(sheet.columns(), start=1):
        value = values.get(col.key)
        cell = ws.cell(row, j)
        if isinstance(value, str) and col.is_input:  # user text: comes back exactly, or is refused here
            where = _("{sheet}, {item}, {column}").format(sheet=sheet.sheet_name(), item=label, column=col.header)
            put_exact(cell, value, where)
        elif isinstance(value, dt.date):
            cell.value = value
            cell.number_format = "yyyy-mm-dd"
        else:
            put(cell, value)
        if col.key in TEXT_FIELDS:
            cell.number_format = "@"
        cell.alignment = styles.WRAP if col.wrap else styles.TOP
        if col.is_input:
            cell.protection = styles.UNLOCKED
            cell.fill = styles.INPUT_FILL
        else:
            cell.font, cell.fill = styles.ID_FONT, styles.ID_FILL


def _validations(ws: Worksheet, columns: tuple, last: int) -> None:
    for j, col in enumerate(columns, start=1):
        if not col.choices:
            continue
        letter = ws.cell(layout.HEADER_ROW, j).column_letter
        dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle=col.header[:32],
                            error=_("{column}: choose one of {choices}.").format(column=col.header,
                                                                                 choices=", ".join(col.choices)))
        dv.add(f"{letter}{layout.FIRST_ROW}:{letter}{last}")
        ws.add_data_validation(dv)
