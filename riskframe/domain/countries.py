"""Countries by ISO 3166-1 alpha-2 code (pycountry), plus user-assigned codes for fictional units.

ISO reserves AA, QM–QZ, XA–XZ and ZZ for user assignment; riskframe uses them for fictional demo
countries and regional units, which are never drawn on the world map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry

from riskframe.i18n import _


class CountryError(ValueError):
    """A code that is neither an ISO 3166-1 alpha-2 country nor a user-assigned code."""


_USER_ASSIGNED = re.compile(r"^(AA|Q[M-Z]|X[A-Z]|ZZ)$")


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    user_assigned: bool
    alpha3: str | None = None


def is_user_assigned(code: str) -> bool:
    return bool(_USER_ASSIGNED.match(code.upper()))


def resolve_country(code: str, name: str | None = None) -> Country:
    """Validate a country code; user-assigned codes take the given name (or 'Fictional <code>')."""
    text = str(code).strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", text):
        raise CountryError(_("country {code} is not an ISO 3166-1 alpha-2 code (two letters such as 'KE'; "
                               "XA–XZ for fictional countries)").format(code=repr(code)))
    if is_user_assigned(text):
        return Country(text, name or f"Fictional {text}", True, None)
    found = pycountry.countries.get(alpha_2=text)
    if found is None:
        raise CountryError(_("country {code} is not an ISO 3166-1 alpha-2 code; use a code such as 'KE', "
                               "or XA–XZ for fictional countries").format(code=repr(code)))
    return Country(text, name or getattr(found, "common_name", None) or found.name, False, found.alpha_3)
