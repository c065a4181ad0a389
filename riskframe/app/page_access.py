"""Which action each page needs; a role sees a page iff store.access lets it perform that action.

There is no list of roles here: the roles and their actions live in riskframe.store.access, and
adding a role there (or giving one a new action) changes the navigation by itself. Hiding a page
is convenience, not protection: the store refuses what a role may not do whatever page asks.
A page whose url_path is not listed needs ADMIN, so a new page stays hidden until someone
decides which action it serves.
"""

from __future__ import annotations

from collections.abc import Iterable

from riskframe.store import access

PAGE_ACTIONS: dict[str, str] = {
    "home": access.READ,
    "assess": access.WRITE,
    "review": access.REVIEW,
    "country": access.READ,
    "compare": access.READ,
    "alerts": access.READ,
    "rounds": access.READ,  # raters and leads act; the store refuses the rest (blindness, leading)
    "import_export": access.READ,  # export is a read; the page offers import only to roles that may write
    "framework": access.READ,
    "account": access.READ,  # one's own account (language preference); the store allows only one's own
    "reports": access.READ,
    "admin": access.ADMIN,
}


def needed_action(url_path: str) -> str:
    return PAGE_ACTIONS.get(url_path, access.ADMIN)


def can_see(role: str, url_path: str) -> bool:
    return access.role_allows(role, needed_action(url_path))


def visible_pages(role: str, url_paths: Iterable[str] | None = None) -> list[str]:
    """The url paths `role` sees, in the order given (default: every known page)."""
    return [p for p in (url_paths if url_paths is not None else PAGE_ACTIONS) if can_see(role, p)]
