"""Country crosswalks shipped as data (indicators/reference/): COW codes and names to ISO alpha-2.

The tables are data, not code, so a user can add a line when an import lists a name it could not
map; their header comments say where they come from and what they were checked against.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pycountry

from riskframe.domain.countries import is_user_assigned

COW_FILE = "reference/cow_iso.csv"
ALIAS_FILE = "reference/name_aliases.csv"


def name_key(name: str) -> str:
    """A name as compared: no accents, no case, single spaces."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.casefold().replace("’", "'").split())


@dataclass(frozen=True)
class Crosswalk:
    """COW numeric code -> alpha-2, and extra names -> alpha-2 (beside pycountry's names)."""

    by_ccode: dict[int, str]
    aliases: dict[str, str]

    def from_ccode(self, ccode: int) -> str | None:
        return self.by_ccode.get(int(ccode))

    def from_name(self, name: str) -> str | None:
        key = name_key(name)
        if not key:
            return None
        if key in self.aliases:
            return self.aliases[key]
        try:
            return str(pycountry.countries.lookup(" ".join(name.split())).alpha_2)
        except LookupError:
            return None


def iso2_of(code: str) -> str | None:
    """An ISO alpha-2 or alpha-3 code (or a user-assigned alpha-2 such as XA) as alpha-2; None if unknown."""
    text = str(code).strip().upper()
    if len(text) == 2 and text.isalpha() and is_user_assigned(text):
        return text
    if len(text) == 2:
        found = pycountry.countries.get(alpha_2=text)
    elif len(text) == 3:
        found = pycountry.countries.get(alpha_3=text)
    else:
        return None
    return None if found is None else str(found.alpha_2)


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.lstrip().startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def load_crosswalk(root: str | Path) -> Crosswalk:
    """Read the two tables under the framework root (`indicators/`)."""
    base = Path(root)
    by_ccode = {int(r["ccode"]): r["iso2"].strip().upper() for r in _rows(base / COW_FILE)}
    aliases = {name_key(r["name"]): r["iso2"].strip().upper() for r in _rows(base / ALIAS_FILE)}
    return Crosswalk(by_ccode=by_ccode, aliases=aliases)
