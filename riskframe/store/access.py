"""The one place every store read and write passes through, so role/country scoping can live here.

For now every actor may do everything; the checks only make sure an Actor was given.
"""

from __future__ import annotations

from riskframe.store.actor import Actor
from riskframe.store.errors import StoreError

READ = "read"
WRITE = "write"
ADMIN = "admin"


def check(actor: Actor, action: str, country: str | None = None) -> None:
    """Raise if `actor` may not perform `action` (read/write/admin) on `country` (None: any/global)."""
    if not isinstance(actor, Actor):
        raise StoreError(f"every store call needs an Actor first, got {type(actor).__name__}")


def visible_countries(actor: Actor) -> frozenset[str] | None:
    """Countries whose data `actor` may list; None means all (no filtering yet)."""
    check(actor, READ)
    return None
