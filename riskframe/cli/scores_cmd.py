"""`riskframe scores rebuild [--check]`: recompute, or verify, the derived scores the dashboards read.

The store keeps each assessment's scoring summary at its head revision (riskframe/store/derived.py);
after a framework or method change, readers recompute stale rows as they meet them, and this command
does all of them at once. `--check` writes nothing: it rescores every assessment from its entries and
compares, exiting 1 with a sentence when a row is missing, stale or different.
"""

from __future__ import annotations

import click

from riskframe.cli.common import framework_or_fail
from riskframe.cli.store_cmds import _actor, _errors, _open
from riskframe.i18n import N_, _, ngettext

REASONS = {
    "missing": N_("no derived row yet"),
    "stale_revision": N_("computed for an older revision"),
    "other_method": N_("computed with another framework version or method"),
    "differs": N_("differs from a full rescore"),
}
_LISTED = 20


def register(cli: click.Group) -> None:
    cli.add_command(scores)


@click.group()
def scores() -> None:
    """Derived scores: each assessment's scoring summary, kept for the dashboards."""


@scores.command()
@click.option("--check", is_flag=True,
              help="Write nothing: compare every stored row with a full rescore; exit 1 if any differs.")
@_errors
def rebuild(check: bool) -> None:
    """Recompute every assessment's derived scores with the current framework (administrators)."""
    fw = framework_or_fail()
    with _open() as store:
        actor = _actor(store)
        if not check:
            count = store.rebuild_scores(actor, fw)
            click.echo(ngettext("Recomputed the derived scores of {count} assessment.",
                                "Recomputed the derived scores of {count} assessments.", count).format(count=count))
            return
        report = store.check_scores(actor, fw)
    if not report.problems:
        click.echo(ngettext("The derived scores of {count} assessment equal a full rescore.",
                            "The derived scores of all {count} assessments equal a full rescore.",
                            report.checked).format(count=report.checked))
        return
    n = len(report.problems)
    click.echo(ngettext("{count} of {checked} assessments has derived scores that do not equal a full rescore; "
                        "run `riskframe scores rebuild` to recompute them.",
                        "{count} of {checked} assessments have derived scores that do not equal a full rescore; "
                        "run `riskframe scores rebuild` to recompute them.", n).format(count=n, checked=report.checked),
               err=True)
    for problem in report.problems[:_LISTED]:
        click.echo(_("  assessment {id}: {reason}").format(id=problem.assessment_id, reason=_(REASONS[problem.reason])),
                   err=True)
    if n > _LISTED:
        click.echo(_("  … and {count} more").format(count=n - _LISTED), err=True)
    raise SystemExit(1)
