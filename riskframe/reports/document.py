"""A document as a list of neutral blocks (headings, paragraphs, tables, images, page breaks).

The layout of every report is written once as blocks (layout.py, briefs.py, upr.py); the PDF and the
Word renderers draw the same blocks, so both formats carry the same content, and the structure
test reads the headings from here. Text in blocks is plain text: renderers escape it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ParaStyle = Literal["body", "small", "bullet", "caption", "title", "subtitle", "cover"]


@dataclass(frozen=True)
class Heading:
    level: int          # 1, 2 or 3
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    style: ParaStyle = "body"
    lead: str = ""      # a bold lead-in before the text ("Evidence: …")


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[float]  # fractions of the text width, one per column
    fill: list[str | None] | None = None  # optional background colour (#rrggbb) per row


@dataclass(frozen=True)
class Image:
    png: bytes
    width: float         # fraction of the text width
    aspect: float        # height / width
    alt: str


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Para | Table | Image | PageBreak


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    watermark: str | None = None   # drawn diagonally on every page (fictional data)
    footer: str = ""
    language: str = "en"

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def headings(self) -> list[tuple[int, str]]:
        return [(b.level, b.text) for b in self.blocks if isinstance(b, Heading)]


def bullets(lines: list[str]) -> list[Para]:
    return [Para(line, "bullet") for line in lines]


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word with an ellipsis (full text is in the annex)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"
