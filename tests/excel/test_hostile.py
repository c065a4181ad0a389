"""Hostile files: each is refused with a clear message before anything is written."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from defusedxml import DefusedXmlException

from riskframe.excel.hostile import UnsafeFile, check_upload
from riskframe.excel.importer import apply_import, plan_import
from riskframe.excel.problems import TemplateInvalid
from riskframe.excel.reader import read_template
from riskframe.excel.template import template_bytes
from tests.excel.helpers import ACTOR, create, file_hash, fill

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">
<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
          level: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", level) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info.filename)))
        for name, content in (add or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


@pytest.fixture(scope="module")
def template(fw):
    return template_bytes(fw, "XA", "2026-Q3")


def hostile_files(template: bytes) -> dict[str, tuple[bytes, str]]:
    """name -> (file, words the refusal must contain)."""
    zeros = b"<x>" + b"0" * (30 * 1024 * 1024) + b"</x>"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1024
    ct = zipfile.ZipFile(io.BytesIO(template)).read("[Content_Types].xml")
    return {
        "too big": (b"PK\x03\x04" + b"\0" * (11 * 1024 * 1024), "the limit is 10 MB"),
        "empty": (b"", "empty"),
        "not a zip": (b"country,period\nXA,2026-Q3\n", "not an Excel workbook"),
        "damaged zip": (b"PK\x03\x04" + b"garbage" * 100, "damaged"),
        "zip bomb (ratio)": (rezip(template, add={"xl/media/pad.xml": zeros}), "ZIP bomb"),
        "billion laughs": (rezip(template, replace={"xl/worksheets/sheet1.xml": BILLION_LAUGHS}), "billion laughs"),
        "xlsm (vbaProject.bin)": (rezip(template, add={"xl/vbaProject.bin": b"\0VBA"}), "macros"),
        "macro-enabled content type": (rezip(template, replace={"[Content_Types].xml": ct.replace(
            b"sheet.main+xml", b"sheet.macroEnabled.main+xml")}), "macros"),
        "password-protected (OLE2 encrypted)": (ole, "password-protected"),
        "legacy .xls (OLE2)": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048, ".xls"),
        "external links": (rezip(template, add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
                           "external links"),
        "a word document": (_docx(), "no xl/workbook.xml"),
        # judged by content and declared types, whatever the part is called:
        "VBA project renamed to an image": (rezip(template, add={"xl/media/image1.png": OLE_BLOB}),
                                            "embedded binary object"),
        "macro content type on an innocent name": (rezip(template, replace={"[Content_Types].xml": ct.replace(
            b"</Types>", b'<Override PartName="/xl/media/notes.xml" '
            b'ContentType="application/vnd.ms-office.vbaProject"/></Types>')}), "macros (a VBA project)"),
        "data connection under another name": (rezip(template, replace={"[Content_Types].xml": ct.replace(
            b"</Types>", b'<Override PartName="/xl/extra.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.connections+xml"/></Types>')}, add={"xl/extra.xml": b"<connections/>"}),
            "data connections"),
        "OLE object relationship": (rezip(template, add={"xl/worksheets/_rels/sheet9.xml.rels": RELS.format(
            kind="oleObject", mode="").encode()}), "embedded OLE objects"),
        "external target that is not a hyperlink": (rezip(template, add={
            "xl/worksheets/_rels/sheet9.xml.rels": RELS.format(kind="image", mode=' TargetMode="External"').encode()}),
            "outside resource"),
        "damaged member": (_damaged_member(template), "this file is damaged"),
    }


OLE_BLOB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
        'Target="http://evil.invalid/x"{mode}/></Relationships>')


def _damaged_member(template: bytes) -> bytes:
    """A package whose directory is fine but one member's compressed data is garbage."""
    data = bytearray(rezip(template))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + min(info.compress_size, 400)):
        data[i] ^= 0x5A
    return bytes(data)


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w/>")
    return out.getvalue()


def test_every_hostile_file_is_refused_and_the_database_is_unchanged(fw, store, db_path, template):
    create(store, fw)
    before = file_hash(db_path, store)
    for name, (data, words) in hostile_files(template).items():
        with pytest.raises(UnsafeFile) as err:
            parsed = read_template(data, fw, max_mb=10)
            apply_import(store, ACTOR, fw, plan_import(store, ACTOR, fw, parsed))  # never reached
        assert words in str(err.value), (name, str(err.value))
    assert file_hash(db_path, store) == before


def test_total_uncompressed_size_is_checked_from_the_directory(template):
    bomb = rezip(template, add={"xl/media/big.xml": b"<x>" + b"a" * (12 * 1024 * 1024) + b"</x>"})
    with pytest.raises(UnsafeFile, match="would expand to"):
        check_upload(bomb, max_mb=1)


def test_openpyxl_itself_parses_with_defusedxml(template):
    """Second line of defence: even past our DTD scan, openpyxl refuses entity declarations."""
    assert openpyxl.DEFUSEDXML
    laughs = rezip(template, replace={"xl/worksheets/sheet1.xml": BILLION_LAUGHS})
    with pytest.raises(ValueError) as err:
        openpyxl.load_workbook(io.BytesIO(laughs))
    causes, exc = [], err.value
    while exc is not None:
        causes.append(exc)
        exc = exc.__cause__ or exc.__context__
    assert any(isinstance(c, DefusedXmlException) for c in causes), causes


def test_formulas_in_input_cells_are_refused_with_their_place(fw, store, db_path, template):
    create(store, fw)
    before = file_hash(db_path, store)
    data = fill(template, {"1.2": {"score": 1}}, formulas={("1.1", "score"): "=1+2",
                                                           ("1.3", "evidence"): '=HYPERLINK("http://x","y")'})
    with pytest.raises(TemplateInvalid) as err:
        read_template(data, fw, max_mb=10)
    text = [str(p) for p in err.value.problems]
    assert text[0].startswith("[sheet “Indicators”, row 5, column E] a formula (=1+2) is not accepted")
    assert text[1].startswith("[sheet “Indicators”, row 7, column H] a formula")
    assert file_hash(db_path, store) == before


def test_the_cli_checks_the_size_before_reading(tmp_path, monkeypatch):
    from riskframe.excel.hostile import read_upload

    big = tmp_path / "big.xlsx"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper
    reads: list[int] = []
    real_open = type(big).open

    def spy(self, *args, **kwargs):
        reads.append(1)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(type(big), "open", spy)
    with pytest.raises(UnsafeFile, match="the limit is 10 MB"):
        read_upload(big, max_mb=10)
    assert reads == []  # refused from its size alone
