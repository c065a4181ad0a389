"""Blocks to a Word document with python-docx: real Heading 1–3 styles, tables, editable text, page numbers.

Word builds a table of contents from the heading styles; text stays text (only charts are images).
Control characters, which XML cannot hold, are shown as a replacement mark. A4, with the
fictional-data notice in the header of every page when the data is invented.
"""

from __future__ import annotations

import io
import re

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from riskframe.i18n import _
from riskframe.reports.document import Document, Heading, Image, PageBreak, Para, Table

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
TEXT_WIDTH_MM = 170
TABLE_STYLE = "Table Grid"
_SIZES = {"body": 10, "small": 8.5, "bullet": 10, "caption": 8.5, "cover": 12, "title": 26, "subtitle": 16}


def clean(text: object) -> str:
    return _CONTROL.sub("\ufffd", "" if text is None else str(text).replace("\r\n", "\n"))


def _field(paragraph, instruction: str) -> None:
    """A Word field (e.g. PAGE) that Word and LibreOffice fill in when the page is laid out."""
    run = paragraph.add_run()
    begin, text, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(end)


def _setup(word, doc: Document) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = word.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)
    word.styles[TABLE_STYLE].font.size = Pt(8.5)
    footer = section.footer.paragraphs[0]
    footer.text = f"{clean(doc.footer)}\t"
    label = _("Page {n} of {total}")
    before, _sep, rest = label.partition("{n}")
    middle, _sep2, after = rest.partition("{total}")
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(middle)
    _field(footer, "NUMPAGES")
    footer.add_run(after)
    if doc.watermark:
        header = section.header.paragraphs[0]
        run = header.add_run(doc.watermark)
        run.bold = True
        run.font.size = Pt(14)
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.core_properties.title = clean(doc.title)
    word.core_properties.author = "riskframe"
    word.core_properties.language = doc.language


def _text(r, text: str) -> None:
    """Text into a run: one w:t when the text has no tab or line break (python-docx's run.text setter
    walks it character by character), else python-docx's way, which writes breaks and tabs."""
    if "\n" in text or "\t" in text:
        r.text = text
        return
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)


class _Writer:
    """Paragraphs added on the XML with style ids looked up once (python-docx looks a style up by its
    name, scanning every style, on each paragraph)."""

    def __init__(self, word) -> None:
        self.word = word
        self.ids = {name: word.styles[name].style_id for name in
                    ("Heading 1", "Heading 2", "Heading 3", "List Bullet", "Title")}

    def paragraph(self, style: str | None = None):
        par = self.word.add_paragraph()
        if style:
            par._p.style = self.ids[style]
        return par

    def run(self, par, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None):
        r = par._p.add_r()
        if bold or italic or size:
            rpr = r.get_or_add_rPr()
            if bold:
                rpr.append(OxmlElement("w:b"))
            if italic:
                rpr.append(OxmlElement("w:i"))
            if size:
                sz = OxmlElement("w:sz")
                sz.set(qn("w:val"), str(int(size * 2)))
                rpr.append(sz)
        _text(r, clean(text))
        return r

    def heading(self, text: str, level: int) -> None:
        self.run(self.paragraph(f"Heading {min(max(level, 1), 3)}"), text)

    def para(self, p: Para) -> None:
        style = "List Bullet" if p.style == "bullet" else ("Title" if p.style == "title" else None)
        par = self.paragraph(style)
        size = None if p.style == "title" else _SIZES.get(p.style, 10)
        if p.lead:
            self.run(par, p.lead, bold=True, size=size)
        self.run(par, p.text, italic=p.style == "caption", size=size)


def _table(word, t: Table) -> None:
    """A table built on the XML cell by cell (python-docx's row.cells re-reads the whole grid each time);
    its text size comes from the table style, column widths from the grid and the header row."""
    table = word.add_table(rows=len(t.rows) + 1, cols=len(t.header))
    table.style = TABLE_STYLE
    table.autofit = False
    widths = [Mm(TEXT_WIDTH_MM * w) for w in t.widths]
    for column, width in zip(table.columns, widths):
        column.width = width
    for n, tr in enumerate(table._tbl.tr_lst):
        texts = t.header if n == 0 else t.rows[n - 1]
        for tc, text, width in zip(tr.tc_lst, texts, widths):
            run = tc.p_lst[0].add_r()
            _text(run, clean(text))
            if n == 0:
                run.get_or_add_rPr().append(OxmlElement("w:b"))
                tc.width = width
    # the header row repeats on every page the table spans
    tr_pr = table._tbl.tr_lst[0].get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    word.add_paragraph()


def render_docx(doc: Document) -> bytes:
    """The document as .docx bytes."""
    word = new_docx()
    _setup(word, doc)
    writer = _Writer(word)
    for b in doc.blocks:
        if isinstance(b, Heading):
            writer.heading(b.text, b.level)
        elif isinstance(b, Para):
            writer.para(b)
        elif isinstance(b, Table):
            _table(word, b)
        elif isinstance(b, Image):
            word.add_picture(io.BytesIO(b.png), width=Mm(TEXT_WIDTH_MM * b.width))
            word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif isinstance(b, PageBreak):
            word.add_page_break()
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
