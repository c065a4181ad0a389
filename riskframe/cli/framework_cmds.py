"""`riskframe framework check|list|show|docs`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from riskframe.cli.choices import LANGUAGE, command_language
from riskframe.cli.common import fail, framework_or_fail, print_json, print_table
from riskframe.domain.labels import kind_label
from riskframe.framework import FrameworkInvalid, check_translations, load_framework
from riskframe.framework.catalogue import indicator_detail, indicator_records, render_markdown
from riskframe.i18n import _, ngettext
from riskframe.settings import load_settings


def register(cli: click.Group) -> None:
    cli.add_command(framework)


@click.group()
def framework() -> None:
    """Check, list and document the framework files in indicators/."""


@framework.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option("--lang", "lang", default=None, metavar="CODE",
              help="Also list every framework text missing in this language (a code of manifest "
                   "framework.languages, e.g. fr); exit 2 when any is missing.")
def check(directory: str | None, lang: str | None) -> None:
    """Validate the framework files; exit 0 when valid, 2 listing every problem."""
    root = Path(directory) if directory else load_settings().indicators_dir
    if not root.is_dir():
        fail(_("no framework directory at {root}").format(root=root))
    try:
        fw = load_framework(root)
        missing = check_translations(root, lang) if lang else []
    except FrameworkInvalid as exc:
        for issue in exc.issues:
            click.echo(str(issue), err=True)
        click.echo(ngettext("{count} problem in {root}", "{count} problems in {root}", len(exc.issues)).format(
            count=len(exc.issues), root=root), err=True)
        sys.exit(2)
    if missing:
        for issue in missing:
            click.echo(str(issue), err=True)
        click.echo(ngettext("{count} text missing in {language} ({lang}) in {root}",
                            "{count} texts missing in {language} ({lang}) in {root}", len(missing)).format(
            count=len(missing), language=fw.languages[lang or ""], lang=lang, root=root), err=True)
        sys.exit(2)
    n_risk = sum(1 for i in fw.indicators.values() if i.kind == "risk")
    click.echo(_("ok: {framework} {version}: {factors} risk factors, {risk} risk indicators, {resilience} resilience "
                 "indicators").format(framework=fw.id, version=fw.version, factors=len(fw.factors_of("risk")), risk=n_risk,
                                      resilience=len(fw.indicators) - n_risk))
    if lang and lang != fw.manifest.framework.required_language:
        status = fw.manifest.framework.translations
        standing = (_(" ({status} translation)").format(status=_(status.status))
                    if status and lang in status.languages else "")
        click.echo(_("ok: every framework text exists in {language} ({lang}){standing}").format(
            language=fw.languages[lang], lang=lang, standing=standing))
    cov = fw.manifest.document_coverage
    if cov and n_risk < cov.document_risk_indicators:
        click.echo(_("warning: {risk} of the {stated} risk indicators the document states; indicator counts "
                     "unverified for factors {factors}. {note}").format(
            risk=n_risk, stated=cov.document_risk_indicators, factors=", ".join(cov.unverified_factors), note=cov.note),
            err=True)


@framework.command("list")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
@click.option("--lang", type=LANGUAGE, default=None,
              help="Language of the framework text (manifest framework.languages; default: the global --lang).")
@click.option("--kind", type=click.Choice(["risk", "resilience"]), help="Only this kind of indicator.")
@click.option("--tag", help="Only indicators with this theme tag.")
def list_cmd(fmt: str, lang: str, kind: str | None, tag: str | None) -> None:
    """One record per indicator: id, kind, factor, group, text, tags, red flag, source."""
    lang = command_language(lang)
    fw = framework_or_fail()
    records = indicator_records(fw, lang)
    if kind:
        records = [r for r in records if r["kind"] == kind]
    if tag:
        if tag not in fw.manifest.tags:
            fail(_("unknown tag {tag!r}; tags: {tags}").format(tag=tag, tags=", ".join(fw.manifest.tags)))
        records = [r for r in records if tag in r["tags"]]
    if fmt == "json":
        print_json(records)
    else:
        print_table(records, ["id", "kind", "factor", "group", "red_flag", "tags", "text"],
                    headers={"id": _("id"), "kind": _("kind"), "factor": _("factor"), "group": _("group"),
                             "red_flag": _("red flag"), "tags": _("tags"), "text": _("text")})


@framework.command("show")
@click.argument("indicator_id")
@click.option("--lang", type=LANGUAGE, default=None,
              help="Language of the framework text (manifest framework.languages; default: the global --lang).")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
def show(indicator_id: str, lang: str, fmt: str) -> None:
    """An indicator with its guidance per score level and where to look for evidence."""
    lang = command_language(lang)
    fw = framework_or_fail()
    ind = fw.indicators.get(indicator_id)
    if ind is None:
        fail(_("unknown indicator id {indicator_id!r}; see `riskframe framework list`").format(
            indicator_id=indicator_id))
    d = indicator_detail(fw, ind, lang)
    if fmt == "json":
        print_json(d)
        return
    click.echo(_("{id}  [{kind}] factor {factor}: {factor_title} ({group_title})").format(
        id=d["id"], kind=kind_label(d["kind"]), factor=d["factor"], factor_title=d["factor_title"], group_title=d["group_title"]))
    click.echo(f"\n{d['text']}\n")
    if d["red_flag"]:
        click.echo(_("RED FLAG: {reason}").format(reason=d["red_flag_reason"]) + "\n")
    click.echo(_("Tags: {tags}").format(tags=", ".join(d["tags"]) or "-"))
    click.echo("\n" + _("Guidance:"))
    for lvl, g in d["guidance"].items():
        click.echo(f"  {lvl} {g['label']}: {g['meaning']}")
    click.echo("\n" + _("Evidence sources:"))
    for s in d["evidence_sources"]:
        click.echo(f"  - {s}")
    click.echo("\n" + _("Source: {source} — {document}").format(source=d["source"], document=d["document"]))
    click.echo(_("Checked against: {checked}").format(checked=d["checked_against"] or _("n/a")))


@framework.command("docs")
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of standard output.")
def docs(out: str | None) -> None:
    """Generate the readable catalogue (docs/framework.md) from the data."""
    text = render_markdown(framework_or_fail())
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(_("wrote {path}").format(path=out))
    else:
        click.echo(text, nl=False)
