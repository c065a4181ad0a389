"""A normalised, JSON-ready dump of a workbook: what the golden test compares."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl


def _value(v):
    if isinstance(v, dt.datetime):
        return v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return round(v, 6)
    return v


def _style(c) -> str:
    parts = []
    if c.font is not None and c.font.bold:
        parts.append("bold")
    if c.fill is not None and c.fill.fill_type == "solid":
        parts.append(f"fill={c.fill.fgColor.rgb}")
    if c.number_format != "General":
        parts.append(f"fmt={c.number_format}")
    if c.alignment is not None and c.alignment.wrap_text:
        parts.append("wrap")
    if c.quotePrefix:
        parts.append("quote")
    return ",".join(parts)


def dump(data: bytes) -> dict:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    out = {"properties": {"title": wb.properties.title, "creator": wb.properties.creator,
                          "subject": wb.properties.subject, "keywords": wb.properties.keywords},
           "sheets": {}}
    for ws in wb.worksheets:
        rules = []
        for rng in ws.conditional_formatting:
            for rule in rng.rules:
                rules.append(f"{rng.sqref} {rule.type} {rule.operator or ''} {'|'.join(rule.formula)}".strip())
        rows = []
        for row in ws.iter_rows():
            values = [_value(c.value) for c in row]
            style = [_style(c) for c in row]
            while values and values[-1] is None and not style[len(values) - 1]:
                values.pop()
            rows.append({"v": values, "s": {c.column_letter: s for c, s in zip(row, style) if s}})
        out["sheets"][ws.title] = {
            "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "print_titles": ws.print_title_rows,
            "orientation": ws.page_setup.orientation, "fit_width": ws.page_setup.fitToWidth,
            "paper": ws.page_setup.paperSize, "print_area": ws.print_area,
            "header": "|".join(str(p.text or "") for p in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right)),
            "footer": "|".join(str(p.text or "") for p in (ws.oddFooter.left, ws.oddFooter.center, ws.oddFooter.right)),
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "heights": {str(k): d.height for k, d in sorted(ws.row_dimensions.items()) if d.height},
            "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items())},
            "charts": [type(c).__name__ for c in ws._charts], "conditional": rules, "rows": rows,
        }
    return out
