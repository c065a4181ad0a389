"""Export assessments to a formatted .xlsx workbook (write-only mode: a 193-country portfolio streams).

`export_workbook` gathers the data (export_data.gather) and writes the sheets in a fixed order.
Pass `now` for a reproducible file (the golden test does).
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from riskframe.excel import bulk, export_context, export_sheets
from riskframe.excel.export_data import ExportData, Selection, gather
from riskframe.excel.sheets import Frame, fictional_mark
from riskframe.framework.models import Framework, tr
from riskframe.store import Actor, Store

SHEETS = ("Summary", "Factors", "Indicators", "Resilience", "Trend", "Measures", "Vulnerable groups",
          "Consultations", "Method")


def write_workbook(data: ExportData) -> bytes:
    wb = Workbook(write_only=True)
    frame = Frame(fictional_mark(data.fictional),
                  f"Exported {data.exported_at:%Y-%m-%d %H:%M} UTC · framework {data.framework.id} "
                  f"{data.framework.version} · see the Method sheet for how the numbers are made.")
    export_sheets.summary(wb, data, frame)
    pending = [export_sheets.factors(wb, data, frame, "risk"), export_sheets.indicators(wb, data, frame),
               export_sheets.factors(wb, data, frame, "resilience")]
    export_context.trend(wb, data, frame)
    export_context.measures(wb, data, frame)
    export_context.groups(wb, data, frame)
    export_context.consultations(wb, data, frame)
    export_context.method(wb, data, frame)
    _properties(wb, data)
    out = io.BytesIO()
    wb.save(out)
    return bulk.splice(out.getvalue(), [p for p in pending if p is not None])


def _properties(wb: Workbook, data: ExportData) -> None:
    p = wb.properties
    p.title = f"riskframe export: {data.description}"
    p.subject = f"Atrocity-risk assessment: {tr(data.framework.manifest.framework.title, data.lang)}"
    p.creator = "riskframe"
    p.lastModifiedBy = "riskframe"
    p.created = p.modified = data.exported_at.astimezone(dt.UTC).replace(tzinfo=None)
    p.keywords = "riskframe; atrocity risk" + ("; FICTIONAL DATA" if data.fictional else "")
    p.description = fictional_mark(data.fictional) or "Exported from riskframe."


def export_workbook(store: Store, actor: Actor, fw: Framework, selection: Selection, *,
                    now: dt.datetime | None = None, lang: str = "en") -> bytes:
    return write_workbook(gather(store, actor, fw, selection, now=now, lang=lang))
