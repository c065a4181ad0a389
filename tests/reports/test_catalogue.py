"""The reports catalogue agrees with the others: all of a language's .po files are merged at run time
(riskframe/i18n/core.py), so a message the reports share with another domain must read the same there."""

from __future__ import annotations

from babel.messages.pofile import read_po

from riskframe.i18n.core import LOCALE_DIR


def test_shared_messages_have_the_same_translation_in_every_domain():
    clashes = []
    for folder in sorted(p for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / "reports.po").exists()):
        def table(name: str) -> dict[str, str]:
            with (folder / "LC_MESSAGES" / name).open("rb") as handle:
                return {m.id: m.string for m in read_po(handle) if isinstance(m.id, str) and m.id and m.string}
        mine = table("reports.po")
        for other in sorted(p.name for p in (folder / "LC_MESSAGES").glob("*.po") if p.name != "reports.po"):
            theirs = table(other)
            clashes += [f"{folder.name}/{other}: {k!r}: {mine[k]!r} vs {theirs[k]!r}"
                        for k in mine.keys() & theirs.keys() if mine[k] != theirs[k]]
    assert not clashes, "\n".join(clashes)
