"""An import's outcome as lines of text for a terminal, in the current language: what would change
(indicators as a table, list items as sentences), what is kept from colleagues, what conflicts.
Values are words (labels for codes, sources as lines, no ids of list items, no Python reprs)."""

from __future__ import annotations

import json
from typing import Any

from riskframe.i18n import _, ngettext


def show(value: Any) -> str:
    """An indicator field's value, short and on one line ("—" for nothing)."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):  # sources
        value = "; ".join(" | ".join(str(v) for v in s.values() if v) if isinstance(s, dict) else str(s)
                          for s in value)
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else value
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:49] + "…"


def change_lines(outcome: Any) -> list[str]:
    """The preview (or the record of what was applied): indicators, list items, settled conflicts, kept."""
    lines: list[str] = []
    if outcome.creates:
        lines.append(_("{country} {period} has no assessment yet; the import creates it").format(
            country=outcome.country, period=outcome.period))
    if outcome.changes:
        lines.append(f"{_('indicator'):<9} {_('field'):<11} {_('database'):<52}    {_('file')}")
    for c in outcome.changes:
        lines.append(f"{c.indicator_id:<9} {c.field:<11} {show(c.database):<52} -> {show(c.file)}")
    lines += [c.text for c in outcome.item_changes]
    for c in outcome.conflicts:
        kept = _("kept yours") if c.choice == "mine" else _("kept theirs")
        if c.indicator_id:
            value = show(c.file if c.choice == "mine" else c.database)
            lines.append(_("{id} {field} both changed: {kept} ({value}; --prefer {choice})").format(
                id=f"{c.indicator_id:<9}", field=f"{c.field:<11}", kept=kept, value=value, choice=c.choice))
        else:
            lines.append(_("{where} both changed: {kept} (--prefer {choice})").format(
                where=c.label, kept=kept, choice=c.choice))
    kept_count = len(outcome.kept) + len(outcome.item_kept)
    if kept_count:
        lines.append(ngettext("kept from colleagues (changed since the template was made, not in your file): "
                              "{n} change", "kept from colleagues (changed since the template was made, not in "
                              "your file): {n} changes", kept_count).format(n=kept_count))
    for k in outcome.kept:
        lines.append(_("  {id} {field} {value} (by {who})").format(
            id=f"{k.indicator_id:<9}", field=f"{k.field:<11}", value=show(k.value), who=k.changed_by or _("unknown")))
    lines += [f"  {k.text}" for k in outcome.item_kept]
    return lines


def conflict_lines(outcome: Any) -> list[str]:
    """Why nothing was written, then each field both sides changed, with the three values."""
    conflicts = outcome.open_conflicts
    lines = [ngettext(
        "conflict: {n} field was changed both in your file and in the database since the template was made; "
        "nothing was written. Re-run with --prefer mine (keep the file's values) or --prefer theirs (keep the "
        "database's).",
        "conflict: {n} fields were changed both in your file and in the database since the template was made; "
        "nothing was written. Re-run with --prefer mine (keep the file's values) or --prefer theirs (keep the "
        "database's).", len(conflicts)).format(n=len(conflicts))]
    for c in conflicts:
        who = c.changed_by or _("unknown")
        if c.indicator_id:
            lines.append(_("  indicator {id} {field}: template base {base}, file {file}, database {database} "
                           "(changed by {who})").format(id=c.indicator_id, field=c.field, base=show(c.base),
                                                        file=show(c.file), database=show(c.database), who=who))
        else:
            lines.append(_("  {where}: {values} (changed by {who})").format(where=c.label, values=c.values, who=who))
    return lines


def summary_line(outcome: Any, dry_run: bool) -> str:
    """The last line: what would change and why nothing was written, or what was done."""
    if outcome.status != "preview":
        return str(outcome.message)
    reason = _("dry run") if dry_run else _("re-run with --yes to apply them")
    return _("{message} ({reason})").format(message=outcome.message, reason=reason)
