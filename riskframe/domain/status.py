"""The assessment workflow: draft → submitted → validated or returned; validated reopens to draft."""

from __future__ import annotations

from enum import StrEnum

from riskframe.i18n import N_, _


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
        raise StatusError(_("unknown status {status}; statuses are {statuses}").format(
            status=repr(target), statuses=", ".join(s.value for s in Status))) from None
    if tgt not in ALLOWED[cur]:
        allowed = ", ".join(status_label(s) for s in sorted(ALLOWED[cur])) or _("none")
        raise StatusError(_("an assessment cannot go from {current} to {target}; from {current} it can go to: "
                            "{allowed}").format(current=status_label(cur), target=status_label(tgt), allowed=allowed))
    if cur is Status.VALIDATED and not (reason and reason.strip()):
        raise StatusError(_("reopening a validated assessment needs a reason"))
    if cur is Status.SUBMITTED and tgt is Status.RETURNED and not (reason and reason.strip()):
        raise StatusError(_("returning an assessment needs the reviewer's comments"))
    return tgt


STATUS_LABELS: dict[str, str] = {
    Status.DRAFT.value: N_("draft"),
    Status.SUBMITTED.value: N_("submitted"),
    Status.VALIDATED.value: N_("validated"),
    Status.RETURNED.value: N_("returned"),
}


def status_label(status: str | Status) -> str:
    """The workflow status as people read it, in the current language (the code itself is stored)."""
    code = str(status.value if isinstance(status, Status) else status)
    label = STATUS_LABELS.get(code)
    return _(label) if label else code
