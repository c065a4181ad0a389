"""Blocks to an A4 PDF with reportlab platypus: DejaVu fonts, page numbers, the fictional-data watermark.

Text is plain text: every string is escaped for reportlab's paragraph markup (&, <, >) and control
characters are shown as a replacement mark, so user text can neither style nor break a page.
No style is smaller than MIN_PT.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Image as RLImage
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from riskframe.i18n import _
from riskframe.reports.document import Document, Heading, Image, PageBreak, Para, Table

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
MIN_PT = 8
MARGIN = 18 * mm
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


@cache
def register_fonts() -> None:
    """DejaVu Sans (regular and bold) from matplotlib's package data: any character, no system font."""
    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(ttf / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(ttf / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def escape(text: object) -> str:
    """Plain text as paragraph markup that shows exactly that text (line breaks kept)."""
    s = _CONTROL.sub("\ufffd", "" if text is None else str(text).replace("\r\n", "\n").replace("\t", " "))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace("\n", "<br/>")


def styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=4)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, spaceAfter=0),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=8, leading=10, spaceAfter=0),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=3),
        "caption": ParagraphStyle("caption", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=24, leading=30, spaceBefore=60,
                                spaceAfter=10),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=15, leading=20, spaceAfter=30),
        "cover": ParagraphStyle("cover", parent=base, fontSize=11, leading=16, spaceAfter=6),
        "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=15, leading=19, spaceBefore=10, spaceAfter=6,
                             keepWithNext=True),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4,
                             keepWithNext=True),
        "h3": ParagraphStyle("h3", parent=base, fontName=BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=2,
                             keepWithNext=True),
    }


def _para(p: Para, st: dict[str, ParagraphStyle]) -> Paragraph:
    text = (f"<b>{escape(p.lead)}</b>" if p.lead else "") + escape(p.text)
    if p.style == "bullet":
        return Paragraph(text, st["bullet"], bulletText="•")
    return Paragraph(text, st[p.style])


def _table(t: Table, st: dict[str, ParagraphStyle], width: float) -> RLTable:
    data = [[Paragraph(escape(h), st["head"]) for h in t.header]]
    data += [[Paragraph(escape(c), st["cell"]) for c in row] for row in t.rows]
    table = RLTable(data, colWidths=[w * width for w in t.widths], repeatRows=1, splitInRow=1)
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e4e4")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0b0b0")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for n, colour in enumerate(t.fill or []):
        if colour:
            commands.append(("BACKGROUND", (0, n + 1), (-1, n + 1), colors.HexColor(colour)))
    table.setStyle(TableStyle(commands))
    return table


def flowables(doc: Document, width: float) -> list[Any]:
    st = styles()
    out: list[Any] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append(Paragraph(escape(b.text), st[f"h{min(max(b.level, 1), 3)}"]))
        elif isinstance(b, Para):
            out.append(_para(b, st))
        elif isinstance(b, Table):
            out += [_table(b, st, width), Spacer(1, 6)]
        elif isinstance(b, Image):
            w = b.width * width
            out.append(RLImage(io.BytesIO(b.png), width=w, height=w * b.aspect))
        elif isinstance(b, PageBreak):
            out.append(RLPageBreak())
    return out


def _canvas_class(doc: Document) -> type:
    """A canvas that knows the page count at the end, to print "page n of m" and the watermark."""

    class Numbered(rl_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            w, h = A4
            self.saveState()
            if doc.watermark:  # as large as fits along the diagonal, at most 54 pt
                size = min(54.0, 54.0 * 0.62 * (w * w + h * h) ** 0.5 / pdfmetrics.stringWidth(doc.watermark, BOLD, 54))
                self.setFont(BOLD, size)
                self.setFillColor(colors.HexColor("#c00000"), alpha=0.13)
                self.translate(w / 2, h / 2)
                self.rotate(52)
                self.drawCentredString(0, -size / 3, doc.watermark)
                self.rotate(-52)
                self.translate(-w / 2, -h / 2)
            self.setFillColor(colors.HexColor("#444444"))
            self.setFont(FONT, MIN_PT)
            if doc.watermark:
                self.drawCentredString(w / 2, h - 10 * mm, doc.watermark)
            self.drawString(MARGIN, 10 * mm, doc.footer)
            self.drawRightString(w - MARGIN, 10 * mm, _("Page {n} of {total}").format(n=self._pageNumber,
                                                                                       total=total))
            self.restoreState()

    return Numbered


def render_pdf(doc: Document) -> bytes:
    """The document as A4 PDF bytes."""
    register_fonts()
    out = io.BytesIO()
    template = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                                 bottomMargin=MARGIN + 4 * mm, title=doc.title, author="riskframe",
                                 lang=doc.language)
    template.build(flowables(doc, template.width), canvasmaker=_canvas_class(doc))
    return out.getvalue()
