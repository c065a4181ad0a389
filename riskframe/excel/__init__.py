"""Excel in and out: exports for reports, templates to fill offline, and their safe re-import.

Modules (one concept each):
  sanitize.py      user text is written as text, never as a formula (export and templates)
  styles.py        the look shared by every workbook (tier colours as in the app)
  sheets.py        one formatted table sheet in write-only mode (frozen header, filter, print set-up)
  export_data.py   what an export shows: one assessment, one country over time, countries in a period
  export_sheets.py / export_context.py   the sheets; export.py puts the workbook together
  layout.py        the template's columns and metadata keys, shared by writer and reader
  template.py      the template (drop-downs, locked structure, very hidden metadata sheet)
  hostile.py       refuses unsafe uploads before parsing (size, OLE2/encrypted, ZIP bombs, macros, DTDs)
  reader.py        reads a filled template, reporting every problem by sheet, row and column
  importer.py      plans an import against the database (diff, conflicts) and applies it in one save

Decisions an import follows:
- A row whose input cells are all empty leaves that indicator as the database has it; to clear an
  indicator choose the missing reason `not_assessed`. Score and missing reason are exclusive.
- Only indicators whose value differs from the database are saved, in one `save_entries` call
  (kind "import"), so a second import of the same file writes nothing.
- The metadata sheet's base revision makes a stale template a conflict: an indicator someone
  changed after the template was made, whose value in the file differs from the database, stops
  the import (nothing written; each field listed with the value at the base, theirs and who, yours).
- When a spreadsheet dropped the metadata sheet the import goes on with a warning: country and
  period come from `--country/--period` (CLI) or else from the visible title in A1; the base
  revision is then unknown, so staleness cannot be detected and the diff must be read with care.
- A file last saved by another application (LibreOffice…) imports with a warning.
"""
