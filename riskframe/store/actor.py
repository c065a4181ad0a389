"""Who is acting: every store call names its actor so authorship and (later) scoping have one source."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator
from riskframe.i18n import _


class Actor(BaseModel):
    """The user (or process) on whose behalf the store reads or writes.

    `countries` is the scope of a focal point, analyst or viewer: ISO codes, or "*" for every
    country; empty means none. Admin and system ignore it (every country). Roles, and what each
    may do, are defined in store.access.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    username: str = Field(min_length=1, max_length=200)
    role: str  # a role of riskframe.store.access (the one list of roles), checked below
    countries: frozenset[str] = frozenset()

    @field_validator("username")
    @classmethod
    def _strip(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError(_("username must not be blank"))
        return value

    @field_validator("role")
    @classmethod
    def _known_role(cls, value: str) -> str:
        from riskframe.store.access import ROLE_ACTIONS  # access imports Actor: read the roles at call time

        if value not in ROLE_ACTIONS:
            raise ValueError(_("role must be one of {items}").format(items=', '.join(ROLE_ACTIONS)))
        return value

    @field_validator("countries", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        if isinstance(value, (set, frozenset, list, tuple)):
            return frozenset(str(c).strip().upper() for c in value)
        return value

    @classmethod
    def system(cls, name: str = "cli") -> Actor:
        """An actor for scripts and the CLI, allowed everything."""
        return cls(username=name, role="system")
