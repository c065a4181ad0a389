"""Refuse dangerous or unreadable uploads before any parser sees them.

Checks run on the raw bytes and the ZIP directory only (cheap, nothing is decompressed except
the XML prolog scan, bounded by the declared sizes): size limit, encrypted or legacy OLE2 files,
non-ZIP data, ZIP bombs (total uncompressed size and ratio), macros and external links, and any
DTD or entity declaration (OOXML never needs one: it is how billion-laughs bombs start). openpyxl
then parses with defusedxml as a second line (see reader.py, which insists on it).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from riskframe.excel.package_parts import forbidden_content
from riskframe.i18n import N_, _

MB = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_MEMBERS = 2000
MAX_RATIO = 200  # xlsx XML compresses 5–30×; bombs 1000× and more
RATIO_MIN_SIZE = MB  # small members may compress very well without being a threat
UNCOMPRESSED_FACTOR = 10  # total uncompressed ≤ 10 × the upload limit
_MACRO_PARTS = re.compile(r"(vbaProject|/macrosheets/|/activeX/)", re.I)
_EXTERNAL = re.compile(r"/externalLinks/", re.I)
_DTD = [p.encode(enc) for p in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be")]
_XML_SUFFIXES = (".xml", ".rels", ".vml")


DAMAGED = N_("this file is damaged: it cannot be opened as an .xlsx workbook; save it again from Excel or LibreOffice")


class UnsafeFile(ValueError):
    """A file refused before parsing; the message says why and what the user can do."""


def check_upload(data: bytes, *, max_mb: int) -> None:
    """Raise UnsafeFile unless `data` looks like a plain, macro-free .xlsx within the limits."""
    if len(data) > max_mb * MB:
        raise UnsafeFile(_too_big().format(size=f"{len(data) / MB:.1f}", limit=max_mb))
    if not data:
        raise UnsafeFile(_("the file is empty"))
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise UnsafeFile(_("the workbook is password-protected (encrypted); open it, remove the password "
                               "(File → Info → Protect Workbook → Encrypt with Password) and save it again as .xlsx"))
        raise UnsafeFile(_("this is an old binary Office file (.xls), not an .xlsx workbook; save it as .xlsx"))
    if not data.startswith(ZIP_MAGIC):
        raise UnsafeFile(_("this is not an Excel workbook (.xlsx is a ZIP package; this file is not)"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise UnsafeFile(_(DAMAGED)) from None
    with archive:
        infos = archive.infolist()
        _check_directory(infos, max_mb)
        try:
            _check_parts(archive, infos)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            if isinstance(exc, UnsafeFile):
                raise
            raise UnsafeFile(_(DAMAGED)) from None


def _too_big() -> str:
    return _("the file is {size} MB; the limit is {limit} MB (setting RISKFRAME_UPLOAD_MAX_MB)")


def read_upload(path: str | Path, *, max_mb: int) -> bytes:
    """The file's bytes, with the size limit checked before anything is read (as the app's upload
    limit does), so a huge file is refused without filling memory."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_mb * MB:
            raise UnsafeFile(_too_big().format(size=f"{size / MB:.1f}", limit=max_mb))
        with path.open("rb") as source:
            data = source.read(max_mb * MB + 1)
    except FileNotFoundError:
        raise UnsafeFile(_("there is no file {path}").format(path=path)) from None
    except IsADirectoryError:
        raise UnsafeFile(_("{path} is a folder, not a workbook").format(path=path)) from None
    except PermissionError:
        raise UnsafeFile(_("you may not read {path}").format(path=path)) from None
    if len(data) > max_mb * MB:  # grew while we read it
        raise UnsafeFile(_("the file is larger than the limit of {limit} MB").format(limit=max_mb))
    return data


def _check_directory(infos: list[zipfile.ZipInfo], max_mb: int) -> None:
    if len(infos) > MAX_MEMBERS:
        raise UnsafeFile(_("the package holds {n} parts; a workbook has far fewer (limit {limit})").format(
            n=len(infos), limit=MAX_MEMBERS))
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    limit = UNCOMPRESSED_FACTOR * max_mb * MB
    if total > limit:
        raise UnsafeFile(_("the workbook would expand to {size} MB (limit {limit} MB); it looks like a ZIP bomb "
                           "and was not opened").format(size=f"{total / MB:.0f}", limit=f"{limit / MB:.0f}"))
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnsafeFile(_("part {part} is encrypted; save the workbook without a password").format(
                part=info.filename))
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnsafeFile(_("part {part} expands {ratio}-fold; it looks like a ZIP bomb and was not opened").format(
                part=info.filename, ratio=f"{info.file_size / max(info.compress_size, 1):.0f}"))
    if total > RATIO_MIN_SIZE and total > MAX_RATIO * max(packed, 1):
        raise UnsafeFile(_("the workbook expands more than a workbook can; it looks like a ZIP bomb and was not "
                           "opened"))


def _check_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UnsafeFile(_("this is not an Excel workbook (no xl/workbook.xml); is it another Office document?"))
    types = archive.read("[Content_Types].xml")
    if any(_MACRO_PARTS.search(n) for n in names) or b"macroEnabled" in types:
        raise UnsafeFile(_("the workbook contains macros (.xlsm or a VBA project); riskframe accepts only "
                           "macro-free .xlsx files: save it as “Excel Workbook (.xlsx)”"))
    if any(_EXTERNAL.search(n) for n in names):
        raise UnsafeFile(_("the workbook links to other workbooks (external links); remove the links "
                           "(Data → Edit Links → Break Link) and save again"))
    found = forbidden_content(archive, infos)  # by declared types and content, whatever the part is called
    if found is not None:
        raise UnsafeFile(_("the workbook contains {found}; riskframe accepts only plain .xlsx files without "
                           "macros, links to outside sources or embedded objects: save a clean copy as "
                           "“Excel Workbook (.xlsx)”").format(found=found))
    for info in infos:
        if info.filename.lower().endswith(_XML_SUFFIXES) or info.filename == "[Content_Types].xml":
            if _declares_dtd(archive, info):
                raise UnsafeFile(_("part {part} declares a DTD or XML entities, which a workbook never needs (this is "
                                   "how “billion laughs” bombs work); the file was not opened").format(
                    part=info.filename))


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Stream the part (bounded by its checked size) looking for <!DOCTYPE or <!ENTITY."""
    keep = max(len(p) for p in _DTD)
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(256 * 1024):
            window = tail + chunk
            if any(p in window for p in _DTD):
                return True
            tail = window[-keep:]
    return False
