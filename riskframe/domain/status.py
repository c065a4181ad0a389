"""The assessment workflow: draft → submitted → validated or returned; validated reopens to draft."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    VALIDATED = "validated"
    RETURNED = "returned"


class StatusError(ValueError):
    """A status change the workflow does not allow."""


ALLOWED: dict[Status, set[Status]] = {
    Status.DRAFT: {Status.SUBMITTED},
    Status.SUBMITTED: {Status.VALIDATED, Status.RETURNED},
    Status.RETURNED: {Status.SUBMITTED, Status.DRAFT},
    Status.VALIDATED: {Status.DRAFT},  # reopen, with a reason
}

EDITABLE = {Status.DRAFT, Status.RETURNED}


def check_transition(current: str | Status, target: str | Status, reason: str | None = None) -> Status:
    """Return the target status if the workflow allows the move, else raise StatusError saying why."""
    try:
        cur, tgt = Status(current), Status(target)
    except ValueError:
        raise StatusError(
            f"unknown status {target!r}; statuses are {', '.join(s.value for s in Status)}"
        ) from None
    if tgt not in ALLOWED[cur]:
        allowed = ", ".join(sorted(s.value for s in ALLOWED[cur])) or "none"
        raise StatusError(f"an assessment cannot go from {cur.value} to {tgt.value}; from {cur.value} it can go to: {allowed}")
    if cur is Status.VALIDATED and not (reason and reason.strip()):
        raise StatusError("reopening a validated assessment needs a reason")
    if cur is Status.SUBMITTED and tgt is Status.RETURNED and not (reason and reason.strip()):
        raise StatusError("returning an assessment needs the reviewer's comments")
    return tgt
