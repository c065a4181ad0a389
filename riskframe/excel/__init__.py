"""Excel in and out: exports for reports, templates to fill offline, and their safe re-import.

Modules (one concept each):
  service.py       the one pipeline the app and the CLI call (authorize, check, read, plan, refuse,
                   apply, audit) for imports, templates and exports; typed outcomes they only render
  sanitize.py      user text is written as text, never as a formula; exact template text (_xHHHH_)
  styles.py        the look shared by every workbook (tier colours as in the app)
  sheets.py        one formatted table sheet in write-only mode (frozen header, filter, print set-up)
  export_data.py   what an export shows: one assessment, one country over time, countries in a period
  export_sheets.py the score sheets; export_context.py the context sheets (trend, lists, method);
                   export.py puts the workbook together; bulk.py writes very large tables fast
  layout.py        the template's columns, hidden key row and metadata keys, shared by writer and reader
  entries.py       an indicator entry as cells and back (sources as lines, split over cells if long)
  template.py      the template (drop-downs, locked structure, very hidden metadata sheet), in a language
  lists.py         the list sheets (vulnerable groups, consultations, measures): columns, items as cells
  labels.py        labels of codes in drop-downs (category, type, status, remove) and back to codes
  list_sheets.py   writes a list sheet; list_reader.py reads one; list_merge.py merges it three-way
  hostile.py       refuses unsafe uploads before parsing (size, OLE2/encrypted, ZIP bombs, macros, DTDs)
  reader.py        reads a filled template, reporting every problem by sheet, row, column and field
  importer.py      plans an import as a three-way merge against the database and applies it in one save
  preview.py       an import's outcome as lines of text in the current language (the CLI prints them)

Decisions an import follows:
- A row whose input cells are all empty leaves that indicator as the database has it; to clear an
  indicator choose the missing reason `not_assessed`. Score and missing reason are exclusive.
- Three-way merge per field, base = the revision in the metadata sheet, mine = the file, theirs =
  the database now (the store's own merge, riskframe.store.revisions.merge): a field only the file
  changed applies; a field only colleagues changed keeps their value (the preview lists it as
  kept); a field both changed to different values is a conflict, settled by --prefer mine|theirs
  (CLI) or a choice per field (page), otherwise the import stops (exit 2), each conflict listed
  with the base, file and database values and who changed it.
- Only indicators whose merged value differs from the database are saved, in one `save_entries`
  call (kind "import") from the head the plan saw, so a second import of the same file writes
  nothing and a save in between is merged again by the store.
- A prefilled template re-imported unchanged changes nothing: control characters travel as OOXML
  `_xHHHH_` escapes, sources too long for a cell continue in "Sources, continued (n)" columns, and
  a value that still cannot fit a cell is refused when the template is made (never cut).
- When a spreadsheet dropped the metadata sheet the import goes on with a warning: country and
  period come from `--country/--period` (CLI) or else from the visible title in A1; the base
  revision is then unknown, so the file is compared with the database as it is now.
- A file last saved by another application (LibreOffice…) imports with a warning.
- List sheets: a row's id (column A, locked) names the item; a row without one adds an item, "Remove?"
  = Yes deletes it, changed cells edit it; merged per field like the indicators (list_merge.py); the
  indicators and the lists are saved as ONE revision (Store.save_import). A row the file lost leaves
  its item alone (a warning says so); the same new row imported twice is added once.
- Language: everything a person reads (sheet names, headers, notes, drop-downs, problems, preview) is
  in the current language (riskframe.i18n); codes and ids stay neutral. Columns are found by a hidden
  row of keys, sheets by the names the metadata recorded, labels in any language read back as codes.
"""
