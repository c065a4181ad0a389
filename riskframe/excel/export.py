"""Export assessments to a formatted .xlsx workbook (write-only mode: a 193-country portfolio streams).

`export_workbook` gathers the data (export_data.gather) and writes the sheets in a fixed order, in
the export's language (sheet names, titles, headers, notes and labels; codes and ids stay as they
are). Every sheet prints on A4 at 100 % (export_print). Pass `now` for a reproducible file (the
golden test does).
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from riskframe.excel import bulk, export_certainty, export_context, export_indicators, export_sheets, styles
from riskframe.excel import export_suggestions
from riskframe.excel.export_data import ExportData, Selection, gather
from riskframe.excel.export_table import fictional_mark
from riskframe.excel.sheets import Frame
from riskframe.framework.models import Framework, tr
from riskframe.i18n import _, use_language
from riskframe.store import Actor, Store

# The sheets in order, by their English names (each is written in the export's language).
SHEETS = (export_sheets.SUMMARY, export_sheets.DRIVERS, export_sheets.PER_CRIME, export_certainty.HOW_SURE,
          export_sheets.RECORD,
          export_indicators.FACTORS, export_indicators.INDICATORS, export_indicators.EVIDENCE,
          export_indicators.RESILIENCE, export_context.TREND, export_context.MEASURES,
          export_context.MEASURE_DETAILS, export_suggestions.SUGGESTED, export_context.GROUPS, export_context.CONSULTATIONS,
          export_context.METHOD)


def write_workbook(data: ExportData) -> bytes:
    with use_language(data.lang):
        wb = Workbook(write_only=True)
        styles.use_print_look(wb)
        frame = Frame(fictional_mark(data.fictional),
                      _("Exported {when} UTC · framework {framework} {version} · see the Method sheet for how the "
                        "numbers are made.").format(when=f"{data.exported_at:%Y-%m-%d %H:%M}",
                                                    framework=data.framework.id, version=data.framework.version))
        export_sheets.summary(wb, data, frame)
        export_sheets.drivers(wb, data, frame)
        export_sheets.per_crime(wb, data, frame)
        export_certainty.how_sure(wb, data, frame)
        export_sheets.record(wb, data, frame)
        pending = [export_indicators.factors(wb, data, frame, "risk"), export_indicators.indicators(wb, data, frame),
                   export_indicators.evidence(wb, data, frame),
                   export_indicators.factors(wb, data, frame, "resilience")]
        export_context.trend(wb, data, frame)
        export_context.measures(wb, data, frame)
        export_context.measure_details(wb, data, frame)
        export_suggestions.suggestions(wb, data, frame)
        export_context.groups(wb, data, frame)
        export_context.consultations(wb, data, frame)
        export_context.method(wb, data, frame)
        _properties(wb, data)
    out = io.BytesIO()
    wb.save(out)
    return bulk.splice(out.getvalue(), [p for p in pending if p is not None])


def _properties(wb: Workbook, data: ExportData) -> None:
    p = wb.properties
    p.title = _("riskframe export: {what}").format(what=data.description)
    p.subject = _("Atrocity-risk assessment: {framework}").format(
        framework=tr(data.framework.manifest.framework.title, data.lang))
    p.creator = "riskframe"
    p.lastModifiedBy = "riskframe"
    p.created = p.modified = data.exported_at.astimezone(dt.UTC).replace(tzinfo=None)
    p.keywords = "riskframe; atrocity risk" + ("; FICTIONAL DATA" if data.fictional else "")
    p.description = fictional_mark(data.fictional) or _("Exported from riskframe.")


def export_workbook(store: Store, actor: Actor, fw: Framework, selection: Selection, *,
                    now: dt.datetime | None = None, lang: str | None = None) -> bytes:
    return write_workbook(gather(store, actor, fw, selection, now=now, lang=lang))
