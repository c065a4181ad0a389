"""`riskframe sensitivity`: how sure is the level of one assessment, and its rank among the period's countries.

Reads the assessments of the period that the signed-in account may see through the assessments
service (as `riskframe assessments score` does), runs riskframe.scoring.sensitivity with the
manifest's `sensitivity` section, and prints the result with the seed and every parameter used.
"""

from __future__ import annotations

import math
from typing import Any

import click
import pandas as pd

from riskframe.assessments import Assessments
from riskframe.cli.common import fail, framework_or_fail, print_json
from riskframe.cli.store_cmds import FORMATS, _actor, _errors, _open, _table
from riskframe.framework.models import Framework
from riskframe.i18n import N_, _, format_percent
from riskframe.scoring.sensitivity import SensitivityResult, sensitivity, settings_of

RANKED_BY = N_("headline level, then breadth of common risk (1 = highest risk)")


def register(cli: click.Group) -> None:
    cli.add_command(sensitivity_cmd)


def _frame(views: list[Any], fw: Framework) -> pd.DataFrame:
    """Entries of the views as the long frame scoring takes (ids the framework no longer has left out)."""
    rows = [(v.id, i, e.score, e.missing.value if e.missing else None,
             e.confidence.value if e.confidence else None, e.evidence, e.comment)
            for v in views for i, e in v.entries.items() if i in fw.indicators]
    return pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing", "confidence",
                                       "evidence", "comment"])


def _num(x: Any, digits: int = 2) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), digits)


def _report(result: SensitivityResult, aid: int, country: str, period: str) -> dict[str, Any]:
    row = result.assessments.loc[aid]
    idx = result.indices[result.indices["assessment_id"] == aid]
    return {
        "country": country, "period": period, "assessment_id": int(aid),
        "breadth": {"plain": _num(row.breadth_plain), "median": _num(row.breadth_median),
                    "low": _num(row.breadth_low), "high": _num(row.breadth_high)},
        "level": {"plain": row.level_plain, "modal": row.level_modal, "modal_share": _num(row.level_modal_share, 4),
                  "robust": bool(row.level_robust),
                  "probabilities": {k: _num(v, 4) for k, v in result.level_probabilities.loc[aid].items()}},
        "composite": {"plain": _num(row.composite_plain), "median": _num(row.composite_median),
                      "low": _num(row.composite_low), "high": _num(row.composite_high),
                      "tier_plain": row.tier_plain, "tier_modal": row.tier_modal,
                      "tier_modal_share": _num(row.tier_modal_share, 4), "tier_robust": bool(row.tier_robust),
                      "tier_probabilities": {k: _num(v, 4) for k, v in result.tier_probabilities.loc[aid].items()}},
        "rank": {"median": int(row.rank_median), "low": int(row.rank_low), "high": int(row.rank_high),
                 "of": int(row.rank_of), "by": _(RANKED_BY),
                 "among": _("assessments of {period} visible to you").format(period=period)},
        "first_order_indices": {out: {p: _num(v, 3) for p, v in zip(g["parameter"], g["index"])}
                                for out, g in idx.groupby("output", sort=False)},
        "settings": result.settings,
    }


@click.command("sensitivity")
@click.option("--country", required=True, help="ISO code of the country, e.g. XA.")
@click.option("--period", required=True, help="Period of the assessment, e.g. 2026-Q2.")
@click.option("--draws", type=click.IntRange(min=1, max=100_000), default=None,
              help="Monte Carlo draws (default: manifest sensitivity.draws).")
@click.option("--seed", type=click.IntRange(min=0), default=None,
              help="Seed of the draws (default: manifest sensitivity.seed); same seed, same result.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@_errors
def sensitivity_cmd(country: str, period: str, draws: int | None, seed: int | None, fmt: str) -> None:
    """How robust an assessment's level is to the method's choices, its unknowns and its confidence.

    Draws the max/mean mix, the breadth bounds, the resilience dampening, factor weights, arithmetic
    or geometric aggregation, and every unknown risk indicator within the manifest's `sensitivity`
    ranges; prints the median breadth and composite with their intervals, the probability of each
    level and tier, whether the level is robust, and the rank band among the period's assessments
    you may see. See docs/methodology.md, "Sensitivity and robustness".
    """
    fw = framework_or_fail()
    try:
        settings = settings_of(fw, draws=draws, seed=seed)
    except ValueError as exc:
        fail(str(exc))
    with _open() as store:
        service, me = Assessments(store, fw), _actor(store)
        target = service.find(me, country, period)
        if target is None:
            fail(_("no assessment of {country} for {period} that you may see; list them with "
                   "`riskframe assessments list`").format(country=country, period=period))
        views = [service.get(me, a.id) for a in service.list_assessments(me, period=target.period)]
    frame = _frame(views, fw)
    ids = [v.id for v in views]
    result = sensitivity(frame, fw, settings, ids, groups=[target.period] * len(ids))
    report = _report(result, target.id, target.country, target.period)
    if fmt == "json":
        print_json(report)
    else:
        _print_table(report)


def _print_table(r: dict[str, Any]) -> None:
    b, lv, c, rk, st = r["breadth"], r["level"], r["composite"], r["rank"], r["settings"]
    pct = format_percent
    click.echo(_("assessment {assessment} ({country} {period}): {draws} draws, seed {seed}").format(
        assessment=r["assessment_id"], country=r["country"], period=r["period"], draws=st["draws"], seed=st["seed"]))
    click.echo(_("breadth of common risk: {plain} plain, median {median} ({interval_low}-{interval_high}: {low} to "
                 "{high})").format(plain=b["plain"], median=b["median"], interval_low=pct(st["interval"][0]),
                                   interval_high=pct(st["interval"][1]), low=b["low"], high=b["high"]))
    robust = _("robust") if lv["robust"] else _("not robust")
    click.echo(_("headline level: {plain} plain, {modal} in {share} of draws: {robust} (threshold {threshold})").format(
        plain=lv["plain"], modal=lv["modal"], share=pct(lv["modal_share"]), robust=robust, threshold=pct(st["robust_at"])))
    click.echo(_("old composite: {plain} plain, median {median} ({low} to {high}); tier {tier} in {share} of "
                 "draws").format(plain=c["plain"], median=c["median"], low=c["low"], high=c["high"], tier=c["tier_modal"],
                                 share=pct(c["tier_modal_share"])))
    click.echo(_("rank: {median} of {of} (band {low} to {high}), by {by}").format(
        median=rk["median"], of=rk["of"], low=rk["low"], high=rk["high"], by=rk["by"]))
    click.echo("")
    tiers = list(lv["probabilities"])
    _table(["", *tiers], [[_("level"), *(f"{lv['probabilities'][t]:.2f}" for t in tiers)],
                          [_("composite tier"), *(f"{c['tier_probabilities'][t]:.2f}" for t in tiers)]])
    click.echo("")
    params = list(next(iter(r["first_order_indices"].values()), {}))
    _table([_("first-order index"), *params],
           [[out, *(f"{v[p]:.2f}" for p in params)] for out, v in r["first_order_indices"].items()])
