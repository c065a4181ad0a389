"""An import's list items as lines of text for a terminal, in the current language: what would change,
what is kept from colleagues, what conflicts (the CLI prints them beside its indicator table). Values
are words: labels for codes, no ids of list items, no Python reprs (the service wrote the sentences)."""

from __future__ import annotations

from typing import Any

from riskframe.i18n import _, ngettext


def item_lines(outcome: Any) -> list[str]:
    """Each list item the import adds, edits or removes."""
    return [c.text for c in outcome.item_changes]


def kept_lines(outcome: Any) -> list[str]:
    """Colleagues' additions, edits and removals of list items since the template, which stay."""
    if not outcome.item_kept:
        return []
    n = len(outcome.item_kept)
    head = ngettext("kept from colleagues in the lists: {n} item", "kept from colleagues in the lists: {n} items",
                    n).format(n=n)
    return [head] + [f"  {k.text}" for k in outcome.item_kept]


def conflict_line(c: Any) -> str:
    """A settled conflict on a list item."""
    kept = _("kept yours") if c.choice == "mine" else _("kept theirs")
    return _("{where} both changed: {kept} (--prefer {choice})").format(where=c.label, kept=kept, choice=c.choice)


def open_conflict_line(c: Any) -> str:
    """An unsettled conflict on a list item: where, the three values, who changed it."""
    return _("  {where}: {values} (changed by {who})").format(where=c.label, values=c.values,
                                                             who=c.changed_by or _("unknown"))


def summary_line(outcome: Any, dry_run: bool) -> str:
    """The last line of a preview: what would change, and why nothing was written."""
    reason = _("dry run") if dry_run else _("re-run with --yes to apply them")
    return _("{message} ({reason})").format(message=outcome.message, reason=reason)
