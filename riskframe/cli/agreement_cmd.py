"""`riskframe agreement`: Krippendorff's alpha of any reliability table given as CSV (unit, rater, value).

Reads the file, checks every row (each problem named by row and column, all of them at once), then
calls riskframe.scoring.agreement. No database and no account are needed.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass

import click

from riskframe.cli.common import fail, print_json, print_table
from riskframe.i18n import _, ngettext
from riskframe.scoring.agreement import (
    DEFAULT_BOOTSTRAP,
    LEVELS,
    AgreementError,
    AlphaResult,
    UnitSpread,
    agreement,
    table_from_long,
    unit_spread,
)

COLUMNS = ("unit", "rater", "value")
MAX_PROBLEMS_SHOWN = 20
_EMPTY = {"unit": lambda: _("the unit is empty; every row needs a unit"),
          "rater": lambda: _("the rater is empty; every row needs a rater")}
FLAG_AT = 2.0  # two levels apart on riskframe's 0-3 scale


@dataclass(frozen=True)
class Problem:
    row: int  # row of the file, the header being row 1 (as a spreadsheet numbers it)
    column: str
    message: str

    def __str__(self) -> str:
        return _("row {row}, column {column}: {message}").format(row=self.row, column=self.column,
                                                                  message=self.message)


@dataclass(frozen=True)
class Records:
    units: list[str]
    raters: list[str]
    values: list[float | None]


def register(cli: click.Group) -> None:
    cli.add_command(agreement_cmd)


def read_records(path: str, level: str) -> tuple[Records, list[Problem]]:
    """The rows of the CSV as (unit, rater, value) lists, with every problem found on the way."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(_numbered_rows(handle))
    except OSError as exc:
        fail(_("cannot read --input {path}: {reason}").format(path=path, reason=exc.strerror or exc))
    except UnicodeDecodeError:
        fail(_("{path} is not UTF-8 text; save the table as CSV (UTF-8) with the columns unit,rater,value").format(
            path=path))
    except csv.Error as exc:
        fail(_("{path} is not a readable CSV file: {exc}").format(path=path, exc=exc))
    if not rows:
        fail(_("{path} is empty; the first row must name the columns unit,rater,value").format(path=path))
    header_row, header = rows[0]
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        found = ", ".join(h.strip() for h in header if h.strip()) or _("none")
        hint = _("; separate the columns with commas, not semicolons") if len(header) == 1 and ";" in header[0] else ""
        fail(_("{path}, row {header_row} (the header): no column {names}; the columns must be unit,rater,value "
                "(found: {found}){hint}").format(path=path, header_row=header_row,
                 names=_(" or ").join(repr(c) for c in missing), found=found, hint=hint))
    at = {c: names.index(c) for c in COLUMNS}
    records, problems = Records([], [], []), []
    first_row: dict[tuple[str, str], int] = {}
    for number, cells in rows[1:]:
        cell = {c: (cells[i].strip() if i < len(cells) else "") for c, i in at.items()}
        row_problems = [Problem(number, c, _EMPTY[c]()) for c in ("unit", "rater") if not cell[c]]
        value, problem = _parse_value(cell["value"], level, number)
        if problem:
            row_problems.append(problem)
        key = (cell["unit"], cell["rater"])
        if all(key) and key in first_row:
            row_problems.append(Problem(number, "rater", _(
                "rater {rater!r} already has a value for unit {unit!r} in row {row}; give each rater one row per unit"
            ).format(rater=key[1], unit=key[0], row=first_row[key])))
        elif all(key):
            first_row[key] = number
        if row_problems:
            problems.extend(row_problems)
            continue
        records.units.append(key[0])
        records.raters.append(key[1])
        records.values.append(value)
    return records, problems


def _numbered_rows(handle):
    reader = csv.reader(handle)
    for cells in reader:
        if any(c.strip() for c in cells):
            yield reader.line_num, cells


def _parse_value(text: str, level: str, row: int) -> tuple[float | None, Problem | None]:
    if not text:
        return None, None
    try:
        value = float(text)
    except ValueError:
        return None, Problem(row, "value", _("{text!r} is not a number; leave the cell empty for a missing value").format(
            text=text))
    if not math.isfinite(value):
        return None, Problem(row, "value", _("{text!r} is not a finite number").format(text=text))
    if level == "ratio" and value < 0:
        return None, Problem(row, "value", _("{text} is negative; the ratio level needs values of zero or more").format(
            text=text))
    return value, None


@click.command("agreement")
@click.option("--input", "input_path", required=True, type=click.Path(dir_okay=False),
              help="CSV file with the columns unit,rater,value (one row per rating; an empty value is missing).")
@click.option("--level", type=click.Choice(LEVELS), default="ordinal", show_default=True,
              help="Level of measurement, which sets how far apart two values are.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap (same seed, same interval).")
@click.option("--bootstrap", "n_boot", type=click.IntRange(min=0), default=DEFAULT_BOOTSTRAP, show_default=True,
              help="Resamples of the units for the 95 % interval; 0 leaves the interval out.")
@click.option("--spread", is_flag=True, help="Also list every unit: range, standard deviation, scores given, "
              "and a flag where raters differ by 2 or more.")
def agreement_cmd(input_path: str, level: str, fmt: str, seed: int, n_boot: int, spread: bool) -> None:
    """Krippendorff's alpha of a reliability table: how far raters agree beyond chance.

    Prints alpha, the number of units and of pairable values, and a bootstrap 95 % interval.
    Missing values are allowed; units rated by fewer than two raters do not count. See docs/agreement.md.
    """
    records, problems = read_records(input_path, level)
    if problems:
        shown = [f"  {p}" for p in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append("  " + _("… and {count} more").format(count=len(problems) - MAX_PROBLEMS_SHOWN))
        fail(ngettext("{input_path} has {count} problem; nothing was computed:",
                      "{input_path} has {count} problems; nothing was computed:", len(problems)).format(
            input_path=input_path, count=len(problems)) + "\n" + "\n".join(shown))
    if not records.units:
        fail(_("{input_path} has a header but no rows; add one row per rating (unit,rater,value)").format(
            input_path=input_path))
    try:
        table, units, _raters = table_from_long(records.units, records.raters, records.values)
        result = agreement(table, level, n_boot=n_boot, seed=seed)
    except AgreementError as exc:
        if "pairable" in str(exc):
            fail(_("{input_path}, column value: no unit has values from two raters, so there is nothing to compare; "
                   "alpha needs at least one unit rated by two raters").format(input_path=input_path))
        fail(_("{input_path}: {problem}").format(input_path=input_path, problem=exc))
    spreads = unit_spread(table, units, flag_at=FLAG_AT) if spread else None
    if fmt == "json":
        print_json(_as_json(result, spreads))
    else:
        _print_text(result, spreads)


def _num(x: float | None, digits: int = 6) -> float | None:
    return None if x is None or math.isnan(x) else round(x, digits)


def _as_json(result: AlphaResult, spreads: list[UnitSpread] | None) -> dict:
    out: dict = {
        "level": result.level,
        "alpha": _num(result.alpha),
        "units": result.units,
        "units_total": result.units_total,
        "raters": result.raters,
        "pairable_values": result.pairable,
        "interval": None,
    }
    if math.isnan(result.alpha):
        out["note"] = _("alpha is undefined: the pairable values do not vary")
    if result.n_boot:
        out["interval"] = None if result.interval is None else {
            "low": _num(result.interval[0]), "high": _num(result.interval[1]), "confidence": result.confidence,
            "resamples": result.n_boot, "seed": result.seed, "undefined_resamples": result.undefined_draws,
            "method": "percentile bootstrap, units resampled with replacement"}
    if spreads is not None:
        out["units_spread"] = [
            {"unit": s.unit, "ratings": s.ratings, "low": s.low, "high": s.high, "range": s.range,
             "sd": _num(s.sd), "distribution": {_label(v): n for v, n in s.distribution.items()},
             "flagged": s.flagged} for s in spreads]
    return out


def _label(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _print_text(result: AlphaResult, spreads: list[UnitSpread] | None) -> None:
    shown = _("undefined (the pairable values do not vary)") if math.isnan(result.alpha) else f"{result.alpha:.3f}"
    click.echo(_("Krippendorff's alpha ({level}): {shown}").format(level=result.level, shown=shown))
    if result.n_boot:
        if result.interval is None:
            click.echo(_("{confidence:.0%} interval: undefined in every resample").format(confidence=result.confidence))
        else:
            low, high = result.interval
            left_out = _(", {count} undefined left out").format(count=result.undefined_draws) if result.undefined_draws else ""
            click.echo(_("{confidence:.0%} interval: {low:.3f} to {high:.3f} (bootstrap over units, {n_boot} "
                          "resamples, seed {seed}{left_out})").format(confidence=result.confidence,
                           low=low, high=high, n_boot=result.n_boot, seed=result.seed, left_out=left_out))
    click.echo(_("units: {units} pairable of {units_total}; raters: {raters}; pairable values: {pairable}").format(
        units=result.units, units_total=result.units_total, raters=result.raters, pairable=result.pairable))
    if spreads is not None:
        click.echo("")
        print_table([{"unit": s.unit, "ratings": s.ratings,
                      "range": "" if s.range is None else f"{s.range:g}",
                      "sd": "" if s.sd is None else f"{s.sd:.2f}",
                      "scores given": " ".join(f"{_label(v)}×{n}" for v, n in s.distribution.items()),
                      "differ by 2+": _("yes") if s.flagged else ""} for s in spreads],
                    headers={"unit": _("unit"), "ratings": _("ratings"), "range": _("range"), "sd": _("sd"),
                             "scores given": _("scores given"), "differ by 2+": _("differ by 2+")})
