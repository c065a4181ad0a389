"""One look for every workbook riskframe writes: header, wrap, tier colours, the fictional mark.

Tier colours are the manifest's (each Tier's `colour`), the app's scale too, so a
printed report and the screen agree. Styles are plain objects, usable in write-only mode too.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook import Workbook

from riskframe.palette import text_colour

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
TITLE_FONT = Font(bold=True, size=14)
NOTE_FONT = Font(italic=True, color="555555")
FICTIONAL_FONT = Font(bold=True, color="9C0006")
FICTIONAL_FILL = PatternFill("solid", fgColor="FFC7CE")
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
THIN = Border(bottom=Side(style="thin", color="BBBBBB"))
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)
DATE_FORMAT = "yyyy-mm-dd hh:mm"
NUMBER_FORMAT = "0.0"
PERCENT_FORMAT = "0%"


def argb(hex_colour: str) -> str:
    return "FF" + hex_colour.lstrip("#").upper()


def tier_fill(colour: str) -> PatternFill:
    """A fill in a tier's colour (`#rrggbb`, from the manifest)."""
    return PatternFill("solid", fgColor=argb(colour), bgColor=argb(colour))


def tier_font(colour: str) -> Font:
    """Bold black or white text, whichever reads better on the tier's colour."""
    return Font(color=argb(text_colour(colour))[2:], bold=True)
KEY_FONT = Font(size=8, color="999999")  # the hidden row of column keys in templates
ID_FONT = Font(size=8, color="777777")  # a list item's row id (locked)
ID_FILL = PatternFill("solid", fgColor="EEEEEE")


# Printed exports (export_print.py): one font LibreOffice and Excel both have or map (Arial; Liberation
# Sans or DejaVu Sans where it is missing), 9 pt body text (nothing prints smaller than 8 pt), top-aligned.
PRINT_FONT_NAME = "Arial"
PRINT_BODY_PT = 9.0
PRINT_BODY_FONT = Font(name=PRINT_FONT_NAME, size=PRINT_BODY_PT, family=2)
PRINT_HEADER_FONT = Font(name=PRINT_FONT_NAME, size=PRINT_BODY_PT, bold=True, color="FFFFFF")
PRINT_NOTE_FONT = Font(name=PRINT_FONT_NAME, size=PRINT_BODY_PT, italic=True, color="444444")
PRINT_FICTIONAL_FONT = Font(name=PRINT_FONT_NAME, size=PRINT_BODY_PT, bold=True, color="9C0006")
PRINT_TITLE_FONT = Font(name=PRINT_FONT_NAME, size=12, bold=True)
PRINT_SUBTITLE_FONT = Font(name=PRINT_FONT_NAME, size=10, bold=True)


def use_print_look(wb: Workbook) -> None:
    """Make PRINT_BODY_FONT and top alignment the workbook's defaults (cells without a style of their own),
    before any cell is written: openpyxl offers no public setter, so its font table and the Normal style
    are replaced. Styled cells say `TOP` themselves (export_table does)."""
    wb._fonts = IndexedList([PRINT_BODY_FONT])
    wb._named_styles["Normal"].font = PRINT_BODY_FONT
    wb._named_styles["Normal"].alignment = Alignment(vertical="top")
