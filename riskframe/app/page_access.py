"""Which pages each role sees in the navigation. Hiding a page is convenience, not protection:
the store refuses what a role may not do whatever page asks (riskframe.store.access).

A page whose url_path is not listed here is shown to admins only, so a new page stays hidden
until someone decides who needs it.
"""

from __future__ import annotations

from collections.abc import Iterable

EVERYONE = frozenset({"admin", "analyst", "focal_point", "viewer", "system"})
PAGE_ROLES: dict[str, frozenset[str]] = {
    "home": EVERYONE,
    "assess": frozenset({"admin", "system", "focal_point"}),
    "review": frozenset({"admin", "system", "analyst"}),
    "country": EVERYONE,
    "compare": EVERYONE,
    "alerts": EVERYONE,
    "import_export": EVERYONE,  # export is a read; the page offers import only to roles that may write
    "framework": EVERYONE,
    "admin": frozenset({"admin", "system"}),
}
_ADMINS = frozenset({"admin", "system"})


def can_see(role: str, url_path: str) -> bool:
    return role in PAGE_ROLES.get(url_path, _ADMINS)


def visible_pages(role: str, url_paths: Iterable[str] | None = None) -> list[str]:
    """The url paths `role` sees, in the order given (default: every known page)."""
    return [p for p in (url_paths if url_paths is not None else PAGE_ROLES) if can_see(role, p)]

