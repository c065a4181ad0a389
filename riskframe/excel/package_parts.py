"""What an .xlsx package really holds, judged by content and declared types, never by part names.

A macro project, an external link, a data connection or an embedded OLE object can be stored under
any part name; Office finds it through [Content_Types].xml and the relationship (.rels) parts, and
an OLE compound file (a VBA project, an embedded object) starts with the same eight bytes whatever
it is called. Every check here reads those declarations and contents; hostile.py calls it.
"""

from __future__ import annotations

import zipfile

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from riskframe.i18n import N_, _

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Content types (matched as substrings, lower-case) that make a workbook run, fetch or embed things.
_FORBIDDEN_TYPES = {
    "vbaproject": N_("macros (a VBA project)"),
    "macroenabled": N_("macros (a macro-enabled workbook)"),
    "macrosheet": N_("macros (an Excel 4 macro sheet)"),
    "activex": N_("ActiveX controls"),
    "oleobject": N_("embedded OLE objects"),
    "externallink": N_("external links to other workbooks"),
    "connections": N_("data connections to outside sources"),
    "querytable": N_("queries to outside sources"),
    "vnd.ms-office.vbaprojectsignature": N_("macros (a signed VBA project)"),
}
# Relationship types (the last path segment, lower-case) with the same meaning.
_FORBIDDEN_RELATIONSHIPS = {
    "vbaproject": N_("macros (a VBA project)"),
    "externallink": N_("external links to other workbooks"),
    "externallinkpath": N_("external links to other workbooks"),
    "connections": N_("data connections to outside sources"),
    "querytable": N_("queries to outside sources"),
    "oleobject": N_("embedded OLE objects"),
    "package": N_("embedded packages"),
    "activexcontrol": N_("ActiveX controls"),
    "activexcontrolbinary": N_("ActiveX controls"),
    "attachedtemplate": N_("an attached template"),
    "xlmacrosheet": N_("macros (an Excel 4 macro sheet)"),
    "xlintlmacrosheet": N_("macros (an Excel 4 macro sheet)"),
}
# External targets are allowed only for ordinary hyperlinks in cells.
_EXTERNAL_ALLOWED = {"hyperlink"}
_MAX_DECLARATION_BYTES = 4 * 1024 * 1024


def _xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> ElementTree.Element | None:
    if info.file_size > _MAX_DECLARATION_BYTES:
        return None
    try:
        return ElementTree.fromstring(archive.read(info))
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        return None


def forbidden_content(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> str | None:
    """A sentence naming what the package holds that riskframe refuses; None when it holds nothing such."""
    for info in infos:
        name = info.filename
        if name == "[Content_Types].xml":
            root = _xml(archive, info)
            if root is None:
                return _("its list of content types ([Content_Types].xml) cannot be read")
            for element in root:
                declared = (element.get("ContentType") or "").lower()
                for marker, what in _FORBIDDEN_TYPES.items():
                    if marker in declared:
                        return _("{what}, declared for {part}").format(
                            what=_(what), part=element.get("PartName") or element.get("Extension"))
        elif name.lower().endswith(".rels"):
            root = _xml(archive, info)
            if root is None:
                return _("its relationship part {part} cannot be read").format(part=name)
            for element in root:
                kind = (element.get("Type") or "").rstrip("/").rsplit("/", 1)[-1].lower()
                if kind in _FORBIDDEN_RELATIONSHIPS:
                    return _("{what} (relationship in {part})").format(what=_(_FORBIDDEN_RELATIONSHIPS[kind]), part=name)
                if (element.get("TargetMode") or "").lower() == "external" and kind not in _EXTERNAL_ALLOWED:
                    return _("a link to an outside resource of type “{kind}” (relationship in {part})").format(
                        kind=kind, part=name)
        with archive.open(info) as stream:
            if stream.read(len(OLE_MAGIC)) == OLE_MAGIC:
                return _("an embedded binary object (an OLE compound file, as macros and embedded objects are) in "
                         "{part}").format(part=name)
    return None
