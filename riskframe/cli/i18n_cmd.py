"""`riskframe i18n`: keep the interface catalogues in step with the code (for developers and translators)."""

from __future__ import annotations

import click

from riskframe.i18n import _, catalogues


def _languages(ctx: click.Context) -> list[str]:
    """The manifest's languages other than English (the language the code is written in)."""
    from riskframe.cli.common import framework_or_fail

    return [lang for lang in framework_or_fail().languages if lang != "en"]


@click.group("i18n")
def i18n() -> None:
    """Interface translations: update the .po catalogues from the code, check they are complete."""


@i18n.command("update")
@click.pass_context
def update_cmd(ctx: click.Context) -> None:
    """Add new messages to every catalogue (untranslated), drop unused ones, keep translations."""
    for path in catalogues.update(_languages(ctx)):
        click.echo(_("wrote {path}").format(path=path.relative_to(catalogues.PACKAGE_DIR.parent)))


@i18n.command("check")
@click.pass_context
def check_cmd(ctx: click.Context) -> None:
    """List every missing, stale or untranslated message; exit 2 when there is one."""
    problems = catalogues.check(_languages(ctx))
    for problem in problems:
        click.echo(problem.sentence())
    if problems:
        raise SystemExit(2)
    click.echo(_("Every interface message has a translation in {languages}.").format(languages=", ".join(_languages(ctx))))
