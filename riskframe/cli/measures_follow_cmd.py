"""`riskframe measures list|status|history|adopt|overdue|counts`: recommended measures followed up every period.

Thin over riskframe.assessments (the service the app calls): access, one revision per action and the
audit are the store's. A change names the revision you looked at (`--seen-revision`, default: the
current one); bad input and refusals exit 2 with a sentence on stderr and nothing on stdout.
"""

from __future__ import annotations

from typing import Any

import click

from riskframe.assessments import Assessments
from riskframe.cli.choices import LANGUAGE, command_language
from riskframe.cli.common import framework_or_fail, print_json
from riskframe.cli.store_cmds import FORMATS, _actor, _errors, _open, _stamp, _table
from riskframe.domain.labels import measure_status_label
from riskframe.i18n import _
from riskframe.store import MeasureStatus

FORMAT = click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
ASSESSMENT = click.option("--assessment", "assessment_id", type=int, required=True, metavar="ID",
                          help="the assessment (see `riskframe assessments list`)")
MEASURE = click.option("--measure", "key", required=True, metavar="KEY",
                       help="the measure's key (see `riskframe measures list`)")
SEEN = click.option("--seen-revision", "seen", type=int, default=None, metavar="N",
                    help="the revision you looked at (default: the current one); refused if the measure changed since")
STATUSES = click.Choice([s.value for s in MeasureStatus] + ["done"])


def _service(work: Any) -> Any:
    fw = framework_or_fail()
    with _open() as store:
        return work(Assessments(store, fw), _actor(store))


def attach(measures: click.Group) -> None:
    for command in (list_cmd, status_cmd, history_cmd, adopt_cmd, overdue_cmd, counts_cmd):
        measures.add_command(command)


@click.command("list")
@ASSESSMENT
@FORMAT
@_errors
def list_cmd(assessment_id: int, fmt: str) -> None:
    """The recommended measures of an assessment: status, due quarter, option, UPR recommendation."""
    def work(service: Assessments, me: Any) -> tuple[Any, set[str]]:
        view = service.get(me, assessment_id)
        return view, service.overdue_keys(me, view)
    view, late = _service(work)
    if fmt == "json":
        print_json([{**m.model_dump(mode="json"), "overdue": m.key in late} for m in view.measures])
        return
    if not view.measures:
        click.echo(_("assessment {id} has no recommended measure").format(id=view.id))
        return
    _table([_("key"), _("status"), _("due"), _("overdue"), _("option"), _("UPR"), _("owner"), _("title")],
           [[m.key, measure_status_label(m.status), m.due_period or "", _("yes") if m.key in late else "",
             m.option_id or "", m.upr_recommendation_id, m.owner, m.title] for m in view.measures])


@click.command("status")
@ASSESSMENT
@MEASURE
@click.option("--to", "status", type=STATUSES, required=True, help="the new status (dropped needs --reason)")
@click.option("--reason", default=None, help="why (required when dropped)")
@SEEN
@FORMAT
@_errors
def status_cmd(assessment_id: int, key: str, status: str, reason: str | None, seen: int | None, fmt: str) -> None:
    """Change a measure's status: one revision, kept in its history."""
    def work(service: Assessments, me: Any) -> Any:
        revision = seen if seen is not None else service.get(me, assessment_id).revision
        return service.set_measure_status(me, assessment_id, revision, key, status, reason)
    result = _service(work)
    if fmt == "json":
        print_json(result.model_dump(mode="json"))
    elif not result.changed_fields:
        click.echo(_("measure {key} of assessment {id} already had that status: nothing written").format(
            key=key, id=assessment_id))
    else:
        click.echo(_("measure {key} of assessment {id}: {status}, revision {revision}").format(
            key=key, id=assessment_id, status=measure_status_label(status), revision=result.revision))


@click.command("history")
@ASSESSMENT
@MEASURE
@FORMAT
@_errors
def history_cmd(assessment_id: int, key: str, fmt: str) -> None:
    """A measure's status period by period, back through copy forward."""
    steps = _service(lambda service, me: service.measure_history(me, assessment_id, key))
    if fmt == "json":
        print_json([s.model_dump(mode="json") for s in steps])
        return
    _table([_("period"), _("assessment"), _("revision"), _("status"), _("reason"), _("by"), _("at")],
           [[s.period, s.assessment_id, s.revision,
             measure_status_label(s.status) + (" " + _("(carried over)") if s.carried else ""), s.reason or "",
             s.changed_by, _stamp(s.changed_at)] for s in steps])


@click.command("adopt")
@ASSESSMENT
@click.option("--option", "option_id", required=True, metavar="OPTION_ID",
              help="a prevention option (see `riskframe measures catalogue`)")
@click.option("--indicator", "linked", multiple=True, metavar="ID",
              help="a factor or indicator it addresses (repeat the option for several)")
@click.option("--lang", type=LANGUAGE, default=None, help="language of the measure's title and description")
@SEEN
@_errors
def adopt_cmd(assessment_id: int, option_id: str, linked: tuple[str, ...], lang: str | None, seen: int | None) -> None:
    """Record a prevention option as a proposed measure of the assessment (keeping the link to it)."""
    lang = command_language(lang)

    def work(service: Assessments, me: Any) -> str:
        revision = seen if seen is not None else service.get(me, assessment_id).revision
        return service.adopt_option(me, assessment_id, revision, option_id, list(linked), lang)
    key = _service(work)
    click.echo(_("option {option} adopted as measure {key} of assessment {id} (proposed)").format(
        option=option_id, key=key, id=assessment_id))


@click.command("overdue")
@FORMAT
@_errors
def overdue_cmd(fmt: str) -> None:
    """Open measures past their due quarter, in each country's latest assessment."""
    found = _service(lambda service, me: service.overdue_measures(me))
    if fmt == "json":
        print_json([o.model_dump(mode="json") for o in found])
        return
    if not found:
        click.echo(_("no open measure is past its due quarter"))
        return
    _table([_("country"), _("period"), _("assessment"), _("key"), _("due"), _("status"), _("title")],
           [[o.country, o.period, o.assessment_id, o.key, o.due_period, measure_status_label(o.status), o.title]
            for o in found])


@click.command("counts")
@FORMAT
@_errors
def counts_cmd(fmt: str) -> None:
    """Measures of each country's latest assessment, counted by status."""
    found = _service(lambda service, me: service.measure_counts(me))
    if fmt == "json":
        print_json([c.model_dump(mode="json") for c in found])
        return
    codes = [s.value for s in MeasureStatus]
    _table([_("country"), _("period"), *[measure_status_label(c) for c in codes], _("open"), _("overdue")],
           [[c.country, c.period, *[c.counts[s] for s in codes], c.open, c.overdue] for c in found])
