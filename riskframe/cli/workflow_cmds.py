"""The workflow on the command line: `riskframe assessments create|checklist|score|submit|validate|return|reopen|comment`.

Every command calls riskframe.assessments (the same service as the app). Moves name the revision
you looked at (`--seen-revision N`, shown by `assessments show`); when the assessment moved since,
or the submission checklist is not met, the command exits 2 naming both revisions or every unmet
item on stderr, and writes nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from riskframe.assessments import Assessments, ChecklistFailed, CommentOut
from riskframe.cli.common import EXIT_BAD_INPUT, error_line, framework_or_fail
from riskframe.cli.choices import LANGUAGE, command_language
from riskframe.cli.store_cmds import FORMATS, _actor, _errors, _json, _open, _stamp, _table
from riskframe.domain.labels import kind_label
from riskframe.domain.status import status_label
from riskframe.i18n import N_, _
from riskframe.store import AssessmentOut

SEEN = click.option("--seen-revision", "seen", type=int, required=True, metavar="N",
                    help="the revision you looked at (see `assessments show`); refused if it moved since")
# What a workflow command did, one whole sentence each (translators see the sentence, not a fragment).
CREATED = N_("assessment {id} ({country} {period}) created: status {status}, revision {revision}")
SUBMITTED = N_("assessment {id} ({country} {period}) submitted: status {status}, revision {revision}")
VALIDATED = N_("assessment {id} ({country} {period}) validated: status {status}, revision {revision}")
RETURNED = N_("assessment {id} ({country} {period}) returned: status {status}, revision {revision}")
REOPENED = N_("assessment {id} ({country} {period}) reopened: status {status}, revision {revision}")
FORMAT = click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)


def _refusals(command: Callable[..., Any]) -> Callable[..., Any]:
    """An unmet checklist exits 2 with one line per item; other errors as every store command."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ChecklistFailed as exc:
            click.echo(error_line(_("assessment {id} cannot be submitted yet; nothing was written:").format(
                id=exc.assessment_id)), err=True)
            for item in exc.unmet:
                click.echo(f"  - {item.sentence}", err=True)
            raise SystemExit(EXIT_BAD_INPUT) from None

    return _errors(wrapper)


def _run(work: Callable[[Assessments, Any], Any]) -> Any:
    fw = framework_or_fail()
    with _open() as store:
        return work(Assessments(store, fw), _actor(store))


def _show(a: AssessmentOut, done: str, fmt: str) -> None:
    if fmt == "json":
        _json(a.model_dump(mode="json"))
    else:
        click.echo(_(done).format(id=a.id, country=a.country, period=a.period, status=status_label(a.status),
                                  revision=a.revision))


@click.command("create")
@click.argument("country")
@click.argument("period")
@click.option("--copy-forward", is_flag=True, help="start from the latest validated earlier assessment")
@FORMAT
@_refusals
def create_cmd(country: str, period: str, copy_forward: bool, fmt: str) -> None:
    """Create a draft assessment of COUNTRY for PERIOD (e.g. XA 2026-Q3) under the current framework."""
    a = _run(lambda s, me: (s.copy_forward if copy_forward else s.create)(me, country, period))
    _show(a, CREATED, fmt)


@click.command("checklist")
@click.argument("assessment_id", type=int)
@FORMAT
@_refusals
def checklist_cmd(assessment_id: int, fmt: str) -> None:
    """What the assessment still needs before it can be submitted."""
    items = _run(lambda s, me: s.checklist(s.get(me, assessment_id)))
    if fmt == "json":
        _json([i.model_dump() for i in items])
        return
    _table([_("ok"), _("item"), _("detail")], [[_("yes") if i.ok else _("NO") if i.blocking else _("warning"), i.label, i.detail]
                                            for i in items])


@click.command("score")
@click.argument("assessment_id", type=int)
@click.option("--lang", type=LANGUAGE, default=None,
              help="language of the titles and the explanation (default: the global --lang)")
@FORMAT
@_refusals
def score_cmd(assessment_id: int, lang: str, fmt: str) -> None:
    """The scoring of the assessment as stored now: composite, band, tier, factors, red flags, why."""
    lang = command_language(lang)
    report = _run(lambda s, me: s.score_report(me, assessment_id, lang))
    if fmt == "json":
        _json(report)
        return
    low, high = report["band"]
    click.echo(_("assessment {id}: composite {composite} (band {low}-{high}), tier {tier}, coverage {coverage}").format(
        id=assessment_id, composite=report["composite"], low=low, high=high, tier=report["tier"],
        coverage=report["coverage"]))
    _table([_("factor"), _("kind"), _("score"), _("coverage"), _("title")],
           [[f["id"], kind_label(f["kind"]), f["score"], f["coverage"], f["title"]] for f in report["factors"]])
    for line in report["explanation"]:
        click.echo(line)


@click.command("submit")
@click.argument("assessment_id", type=int)
@SEEN
@FORMAT
@_refusals
def submit_cmd(assessment_id: int, seen: int, fmt: str) -> None:
    """Submit for validation: refused unless every checklist item is met."""
    _show(_run(lambda s, me: s.submit(me, assessment_id, seen)), SUBMITTED, fmt)


@click.command("validate")
@click.argument("assessment_id", type=int)
@SEEN
@FORMAT
@_refusals
def validate_cmd(assessment_id: int, seen: int, fmt: str) -> None:
    """Validate a submitted assessment (it becomes read-only)."""
    _show(_run(lambda s, me: s.validate(me, assessment_id, seen)), VALIDATED, fmt)


@click.command("return")
@click.argument("assessment_id", type=int)
@SEEN
@click.option("--reason", default=None, help="why; the unresolved review comments are added to it")
@FORMAT
@_refusals
def return_cmd(assessment_id: int, seen: int, reason: str | None, fmt: str) -> None:
    """Return a submitted assessment to its focal point (needs a reason or an unresolved comment)."""
    _show(_run(lambda s, me: s.return_(me, assessment_id, seen, reason)), RETURNED, fmt)


@click.command("reopen")
@click.argument("assessment_id", type=int)
@SEEN
@click.option("--reason", required=True, help="why it is reopened (kept in the history)")
@FORMAT
@_refusals
def reopen_cmd(assessment_id: int, seen: int, reason: str, fmt: str) -> None:
    """Reopen a validated assessment as a draft."""
    _show(_run(lambda s, me: s.reopen(me, assessment_id, seen, reason)), REOPENED, fmt)


def _comments(found: list[CommentOut], fmt: str) -> None:
    if fmt == "json":
        _json([c.model_dump(mode="json") for c in found])
        return
    _table([_("id"), _("indicator"), _("by"), _("at"), _("revision"), _("resolved"), _("text")],
           [[c.id, c.indicator_id or _("(general)"), c.author, _stamp(c.at), c.revision,
             f"{c.resolved_by} {_stamp(c.resolved_at)}" if c.resolved_at else "", c.text] for c in found])


@click.group("comment")
def comment_group() -> None:
    """Review comments on an assessment or one of its indicators (stored, shown on Assess)."""


@comment_group.command("add")
@click.argument("assessment_id", type=int)
@click.argument("text")
@click.option("--indicator", default=None, help="the indicator the comment is about (else: the whole assessment)")
@click.option("--seen-revision", "seen", type=int, default=None, metavar="N",
              help="the revision you looked at (default: the current one)")
@FORMAT
@_refusals
def comment_add(assessment_id: int, text: str, indicator: str | None, seen: int | None, fmt: str) -> None:
    """Add a comment (reviewers and focal points of the country)."""
    c = _run(lambda s, me: s.add_comment(me, assessment_id, text, indicator_id=indicator, seen_revision=seen))
    if fmt == "json":
        _json(c.model_dump(mode="json"))
    else:
        if c.indicator_id:
            click.echo(_("comment {id} added to assessment {assessment} on indicator {indicator}").format(
                id=c.id, assessment=assessment_id, indicator=c.indicator_id))
        else:
            click.echo(_("comment {id} added to assessment {assessment}").format(id=c.id, assessment=assessment_id))


@comment_group.command("list")
@click.argument("assessment_id", type=int)
@click.option("--unresolved", is_flag=True, help="only the comments not resolved yet")
@FORMAT
@_refusals
def comment_list(assessment_id: int, unresolved: bool, fmt: str) -> None:
    """List the comments, oldest first."""
    _comments(_run(lambda s, me: s.comments(me, assessment_id, unresolved_only=unresolved)), fmt)


@comment_group.command("resolve")
@click.argument("assessment_id", type=int)
@click.argument("comment_id", type=int)
@FORMAT
@_refusals
def comment_resolve(assessment_id: int, comment_id: int, fmt: str) -> None:
    """Mark a comment resolved (it is kept)."""
    c = _run(lambda s, me: s.resolve_comment(me, assessment_id, comment_id))
    if fmt == "json":
        _json(c.model_dump(mode="json"))
    else:
        click.echo(_("comment {id} resolved by {user}").format(id=c.id, user=c.resolved_by))


def attach(assessments: click.Group) -> None:
    """Add the workflow commands to the existing `assessments` group."""
    for command in (create_cmd, checklist_cmd, score_cmd, submit_cmd, validate_cmd, return_cmd, reopen_cmd, comment_group):
        assessments.add_command(command)
