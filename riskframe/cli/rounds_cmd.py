"""`riskframe rounds …`: structured expert judgement on the command line.

open, invite, status, submit, review, second (Delphi), distribution, close, dissent, dissents, export.

The workflow is the store's (riskframe/store/rounds.py: blindness, the consensus revision) and the
lead's reading is the service's (riskframe/assessments/round_review.py); these commands read files,
call them and print. Scoresheets and decisions are CSV files with a header row:

    indicator,score,missing,confidence,rationale      (a rater's sheet; score 0-3 or a missing code)
    indicator,score,missing,rationale                 (the lead's decisions when closing)

Every problem in a file is reported by row and column, all at once, and nothing is written.
"""

from __future__ import annotations

import csv
from typing import Any

import click

from riskframe.assessments.round_review import RoundReview, review_round
from riskframe.cli.common import fail, framework_or_fail
from riskframe.cli.store_cmds import FORMATS, _actor, _errors, _json, _open, _table
from riskframe.i18n import _
from riskframe.scoring.agreement import LEVELS
from riskframe.store.round_schemas import RoundOut
from riskframe.store.rounds import Rounds

SHEET_COLUMNS = ("indicator", "score", "missing", "confidence", "rationale")
DECISION_COLUMNS = ("indicator", "score", "missing", "rationale")
FORMAT = click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)


def register(cli: click.Group) -> None:
    cli.add_command(rounds)


@click.group()
def rounds() -> None:
    """Rating rounds: several raters score blind, agreement is measured, the lead writes the consensus."""


def _show(r: RoundOut, fmt: str, done: str = "") -> None:
    if fmt == "json":
        _json(r.model_dump(mode="json"))
        return
    if done:
        click.echo(done.format(id=r.id))
    line = _("round {id}: number {number} of assessment {assessment}, {status}, level {level}, {n} indicator(s), "
             "opened by {user} at revision {revision}").format(
        id=r.id, number=r.number, assessment=r.assessment_id, status=r.status, level=r.level,
        n=len(r.indicator_ids), user=r.opened_by, revision=r.base_revision)
    if r.consensus_revision:
        line += _(", consensus written as revision {revision}").format(revision=r.consensus_revision)
    click.echo(line)
    _table([_("rater"), _("submitted")], [[x.username, _("yes") if x.submitted else _("no")] for x in r.raters])


@rounds.command("open")
@click.option("--assessment", "assessment_id", type=int, required=True, help="the assessment to rate")
@click.option("--indicators", default=None, metavar="IDS",
              help="comma-separated indicator ids (e.g. 1.1,1.2); default: every indicator of --factor")
@click.option("--factor", "factors", multiple=True, metavar="ID", help="every indicator of this factor (repeatable)")
@click.option("--level", type=click.Choice(LEVELS), default="ordinal", show_default=True,
              help="level of measurement for Krippendorff's alpha")
@click.option("--note", default=None, help="what the round is for")
@FORMAT
@_errors
def open_cmd(assessment_id: int, indicators: str | None, factors: tuple[str, ...], level: str, note: str | None,
             fmt: str) -> None:
    """Open a round on an editable assessment (you lead it); invite raters next with `rounds invite`."""
    fw = framework_or_fail()
    wanted = [i.strip() for i in (indicators or "").split(",") if i.strip()]
    for factor in factors:
        found = fw.factor_by_id.get(factor.strip())
        if found is None:
            fail(_("--factor {factor}: no such factor (risk factors 1-14, resilience R1-R5)").format(factor=factor))
        wanted += [ind.id for ind in found.indicators]
    if not wanted:
        fail(_("name the indicators to rate: --indicators 1.1,1.2 or --factor 1"))
    with _open() as store:
        _show(Rounds(store).open(_actor(store), assessment_id, wanted, list(fw.indicators), level=level, note=note),
              fmt, _("round {id} opened"))


@rounds.command("invite")
@click.option("--round", "round_id", type=int, required=True)
@click.argument("usernames", nargs=-1, required=True)
@FORMAT
@_errors
def invite_cmd(round_id: int, usernames: tuple[str, ...], fmt: str) -> None:
    """Invite raters (active accounts that may read the assessment's country)."""
    with _open() as store:
        _show(Rounds(store).invite(_actor(store), round_id, usernames), fmt, _("round {id} updated"))


@rounds.command("status")
@click.option("--round", "round_id", type=int, default=None)
@click.option("--assessment", "assessment_id", type=int, default=None, help="list the assessment's rounds")
@FORMAT
@_errors
def status_cmd(round_id: int | None, assessment_id: int | None, fmt: str) -> None:
    """Who has submitted (never what): one round, or every round of an assessment."""
    if (round_id is None) == (assessment_id is None):
        fail(_("give either --round ID or --assessment ID"))
    with _open() as store:
        r = Rounds(store)
        found = ([r.status(_actor(store), round_id)] if round_id is not None
                 else r.list_rounds(_actor(store), int(assessment_id or 0)))
        if fmt == "json":
            _json([x.model_dump(mode="json") for x in found])
            return
        if not found:
            click.echo(_("assessment {id} has no rating round").format(id=assessment_id))
        for x in found:
            _show(x, fmt)


@rounds.command("submit")
@click.option("--round", "round_id", type=int, required=True)
@click.option("--input", "path", type=click.Path(dir_okay=False), required=True,
              help="CSV with columns " + ",".join(SHEET_COLUMNS))
@FORMAT
@_errors
def submit_cmd(round_id: int, path: str, fmt: str) -> None:
    """Submit your own scoresheet (once; every indicator of the round needs a line)."""
    sheet = _read_lines(path, SHEET_COLUMNS)
    with _open() as store:
        _show(Rounds(store).submit_sheet(_actor(store), round_id, sheet), fmt, _("round {id}: scoresheet submitted"))


@rounds.command("review")
@click.option("--round", "round_id", type=int, required=True)
@click.option("--bootstrap", "n_boot", type=click.IntRange(0, 100000), default=1000, show_default=True,
              help="resamples for the alpha interval (0: no interval)")
@FORMAT
@_errors
def review_cmd(round_id: int, n_boot: int, fmt: str) -> None:
    """Agreement, the disagreements ranked by how far they move the composite, and the rater range.

    Refused (and audited) to a rater who has not submitted yet."""
    fw = framework_or_fail()
    with _open() as store:
        review = review_round(store, fw, _actor(store), round_id, n_boot=n_boot)
    if fmt == "json":
        _json({**review.model_dump(mode="json"), "rater_range": review.rater_range})
        return
    _print_review(review)


@rounds.command("close")
@click.option("--round", "round_id", type=int, required=True)
@click.option("--seen-revision", "seen", type=int, required=True, metavar="N",
              help="the assessment revision you looked at; refused if it moved since")
@click.option("--decisions", "path", type=click.Path(dir_okay=False), default=None,
              help="CSV with columns " + ",".join(DECISION_COLUMNS) + " for every indicator the raters disagree on")
@FORMAT
@_errors
def close_cmd(round_id: int, seen: int, path: str | None, fmt: str) -> None:
    """Close the round: the consensus becomes one revision of the assessment, naming the round."""
    decisions = _read_lines(path, DECISION_COLUMNS) if path else {}
    with _open() as store:
        _show(Rounds(store).close(_actor(store), round_id, seen, decisions), fmt, _("round {id} closed"))


@rounds.command("second")
@click.option("--round", "round_id", type=int, required=True)
@click.option("--indicators", default=None, metavar="IDS",
              help="comma-separated ids to re-rate; default: every indicator the raters disagree on")
@FORMAT
@_errors
def second_cmd(round_id: int, indicators: str | None, fmt: str) -> None:
    """Delphi: close the round without a consensus and re-rate its disputed indicators in a new round,
    after the raters see the anonymised distribution (`rounds distribution`)."""
    wanted = None if indicators is None else [i.strip() for i in indicators.split(",") if i.strip()]
    with _open() as store:
        _show(Rounds(store).second_round(_actor(store), round_id, wanted), fmt, _("round {id} opened (second round)"))


@rounds.command("distribution")
@click.option("--round", "round_id", type=int, required=True, help="a second (Delphi) round")
@FORMAT
@_errors
def distribution_cmd(round_id: int, fmt: str) -> None:
    """How many raters gave each value in the round before, per re-rated indicator (never who)."""
    with _open() as store:
        found = Rounds(store).distribution(_actor(store), round_id)
    if fmt == "json":
        _json(found)
        return
    _table([_("indicator"), _("values given in the round before")],
           [[iid, "  ".join(f"{value}: {n}" for value, n in counts.items())] for iid, counts in found.items()])


@rounds.command("dissent")
@click.option("--round", "round_id", type=int, required=True)
@click.option("--indicator", "indicator_id", required=True)
@click.option("--text", required=True, help="why you disagree with the consensus (up to 5,000 characters)")
@_errors
def dissent_cmd(round_id: int, indicator_id: str, text: str) -> None:
    """Record your dissent from a closed round's consensus on one indicator (raters who submitted)."""
    with _open() as store:
        made = Rounds(store).dissent(_actor(store), round_id, indicator_id, text)
    click.echo(_("dissent recorded on indicator {indicator} of round {id}").format(indicator=made.indicator_id,
                                                                             id=made.round_id))


@rounds.command("dissents")
@click.option("--round", "round_id", type=int, required=True)
@FORMAT
@_errors
def dissents_cmd(round_id: int, fmt: str) -> None:
    """Every dissent recorded on a round."""
    with _open() as store:
        found = Rounds(store).dissents(_actor(store), round_id)
    if fmt == "json":
        _json([d.model_dump(mode="json") for d in found])
        return
    if not found:
        click.echo(_("no dissent on round {id}").format(id=round_id))
        return
    _table([_("indicator"), _("rater"), _("dissent")], [[d.indicator_id, d.rater, d.text] for d in found])


@rounds.command("export")
@click.option("--round", "round_id", type=int, required=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True), required=True, help="CSV file to write")
@_errors
def export_cmd(round_id: int, out: str) -> None:
    """Every submitted scoresheet as CSV (unit, rater, value, missing, confidence, rationale): the
    reliability table `riskframe agreement --input` reads. Blind like the store: refused to a rater who
    has not submitted while the round is open."""
    import pandas as pd

    from riskframe.safety.csv_cells import csv_bytes

    with _open() as store:
        sheets = Rounds(store).sheets(_actor(store), round_id)
    rows = [{"unit": iid, "rater": rater, "value": "" if line.score is None else line.score,
             "missing": line.missing or "", "confidence": line.confidence or "", "rationale": line.rationale}
            for rater, lines in sorted(sheets.items()) for iid, line in lines.items()]
    columns = ["unit", "rater", "value", "missing", "confidence", "rationale"]
    with open(out, "wb") as handle:
        handle.write(csv_bytes(pd.DataFrame(rows, columns=columns)))
    click.echo(_("wrote {lines} line(s) of {sheets} scoresheet(s) to {path}").format(lines=len(rows), sheets=len(sheets),
                                                                          path=out))


def _print_review(review: RoundReview) -> None:
    def alpha_text(a: Any) -> str:
        if a is None or a.value is None:
            return _("undefined (fewer than two raters, or no variation)")
        text = _("{value}, {units} indicator(s), {pairable} pairable value(s)").format(
            value=f"{a.value:.3f}", units=a.units, pairable=a.pairable)
        if a.low is not None and a.high is not None:
            text += " " + _("(95% interval {low} to {high})").format(low=f"{a.low:.3f}", high=f"{a.high:.3f}")
        return text

    click.echo(_("round {id} (number {number}, {status}): {n} rater(s) submitted; level {level}").format(
        id=review.round.id, number=review.round.number, status=review.round.status, n=len(review.raters),
        level=review.level))
    click.echo(_("Krippendorff's alpha: {alpha}").format(alpha=alpha_text(review.overall)))
    for factor, a in review.by_factor.items():
        click.echo("  " + _("factor {factor}: {alpha}").format(factor=factor, alpha=alpha_text(a)))
    span = review.rater_range
    if span is not None:
        click.echo(_("Rater range of the composite: {low} to {high}").format(low=f"{span[0]:.1f}", high=f"{span[1]:.1f}"))
        _table([_("rater"), _("composite"), _("tier")], [[r.rater, "" if r.composite is None else f"{r.composite:.1f}",
                                                 r.tier or ""] for r in review.rater_composites])
    if not review.disagreements:
        click.echo(_("The raters agree on every indicator."))
        return
    click.echo(_("Disagreements, largest swing in the composite first (decide these when closing):"))
    _table([_("indicator"), _("scores"), _("range"), _("swing"), _("two levels apart"), _("text")],
           [[d.indicator_id, " ".join(f"{v}×{n}" for v, n in sorted(d.distribution.items())), d.range,
             f"{d.swing:.1f}", _("yes") if d.flagged else "", d.text] for d in review.disagreements])


def _read_lines(path: str, columns: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """indicator → line from a CSV, every problem reported by row and column, nothing half-read."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except OSError as exc:
        fail(_("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc))
    except UnicodeDecodeError:
        fail(_("{path} is not UTF-8 text; save it from your spreadsheet as \"CSV UTF-8\"").format(path=path))
    if not rows:
        fail(_("{path} is empty; its first row must name the columns {columns}").format(path=path, columns=", ".join(columns)))
    header = [h.strip().lower() for h in rows[0]]
    if "indicator" not in header:
        fail(_("{path}, row 1: no column \"indicator\"; the columns are {columns}").format(path=path,
                                                                                  columns=", ".join(columns)))
    unknown = [h for h in header if h and h not in columns]
    if unknown:
        fail(_("{path}, row 1: unknown column \"{column}\"; the columns are {columns}").format(
            path=path, column=unknown[0], columns=", ".join(columns)))
    problems, lines, seen = [], {}, set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        record = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header) if h}
        iid = record.pop("indicator")
        if not iid:
            problems.append(_("row {row}, column indicator: empty; give the indicator id (e.g. 1.2)").format(row=number))
            continue
        if iid in seen:
            problems.append(_("row {row}, column indicator: {id} appears twice; keep one line per indicator").format(
                row=number, id=iid))
            continue
        seen.add(iid)
        line: dict[str, Any] = {k: v for k, v in record.items() if v}
        if "score" in line:
            if line["score"] not in {"0", "1", "2", "3"}:
                problems.append(_("row {row}, column score: \"{value}\" is not a score; use 0, 1, 2 or 3").format(
                    row=number, value=line["score"][:20]))
                continue
            line["score"] = int(line["score"])
        lines[iid] = line
    if problems:
        shown = problems[:20]
        more = "\n  " + _("… and {n} more").format(n=len(problems) - 20) if len(problems) > 20 else ""
        fail(_("{path}: {n} problem(s); nothing was written:").format(path=path, n=len(problems)) + "\n  "
             + "\n  ".join(shown) + more)
    return lines
