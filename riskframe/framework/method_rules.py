"""Framework rules for the per-crime method: crimes, levels, red-flag kinds and declared mirrors.

The mirror rule is what keeps one fact from being scored twice: every resilience indicator, and
every indicator of a watched risk factor (factor 6, "absence of mitigating factors"), must be
declared in manifest `method.mirrors` — in a pair with its counterpart, or in `no_mirror` after
review. A new resilience indicator or a new factor-6 indicator therefore cannot enter the framework
without someone deciding whether it records a fact the other side already scores.
"""

from __future__ import annotations

from typing import Any

from riskframe.framework.method_models import Mirrors
from riskframe.framework.models import FactorFile, Manifest
from riskframe.framework.issues import FrameworkIssue
from riskframe.framework.yaml_lines import line_of

M = "manifest.yaml"


def _issue(field: str, message: str) -> FrameworkIssue:
    return FrameworkIssue(file=M, field=field, message=message)


def check_method(manifest: Manifest, files: list[tuple[FactorFile, Any, str]]) -> list[FrameworkIssue]:
    """Problems in manifest `method` and in what it says about the indicator files."""
    m = manifest.method
    if m is None:
        return []
    issues: list[FrameworkIssue] = []
    tiers = {t.id for t in manifest.scoring.tiers}
    kind_of: dict[str, str] = {}
    factor_of: dict[str, str] = {}
    where: dict[str, tuple[str, Any, int]] = {}
    for ff, tree, rel in files:
        for i, ind in enumerate(ff.indicators):
            kind_of[ind.id] = ff.factor.kind
            factor_of[ind.id] = ff.factor.id
            where[ind.id] = (rel, tree, i)
            if ind.red_flag and (ind.red_flag.kind or "") not in m.red_flags:
                issues.append(FrameworkIssue(
                    file=rel, line=line_of(tree, ("indicators", i, "red_flag")), field=f"indicators[{i}].red_flag.kind",
                    message=f"red flag {ind.id} needs a kind, one of {', '.join(m.red_flags)} (manifest method.red_flags)"))
    risk_factors = {f for f in factor_of.values() if not f.startswith("R")}
    used = list(m.common) + [f for c in m.crimes for f in c.specific]
    for f in sorted(risk_factors - set(used), key=int):
        issues.append(_issue("method.crimes", f"risk factor {f} is neither common nor specific to a crime"))
    for f in used:
        if f not in risk_factors:
            issues.append(_issue("method.crimes", f"factor {f!r} is not a risk factor of the framework"))
    for name, level in [("method.breadth_levels", t) for t in m.breadth_levels] + \
            [("method.severe_factor_floor.level", m.severe_factor_floor.level)] + \
            [(f"method.red_flags.{k}.floors", t) for k, rf in m.red_flags.items() for t in rf.floors.values()]:
        if level not in tiers:
            issues.append(_issue(name, f"unknown level {level!r}; levels are the tiers: {', '.join(sorted(tiers))}"))
    if set(m.breadth_levels) != tiers:
        issues.append(_issue("method.breadth_levels", "give a lowest breadth for every tier"))
    issues += _check_mirrors(m.mirrors, kind_of, factor_of)
    return issues


def _check_mirrors(mirrors: Mirrors, kind_of: dict[str, str], factor_of: dict[str, str]) -> list[FrameworkIssue]:
    issues: list[FrameworkIssue] = []
    declared: dict[str, str] = {}
    for n, p in enumerate(mirrors.pairs):
        field = f"method.mirrors.pairs[{n}]"
        if kind_of.get(p.risk) != "risk":
            issues.append(_issue(field + ".risk", f"{p.risk!r} is not a risk indicator"))
        if kind_of.get(p.resilience) != "resilience":
            issues.append(_issue(field + ".resilience", f"{p.resilience!r} is not a resilience indicator"))
        declared[p.risk] = declared[p.resilience] = "pair"
    for ind_id in mirrors.no_mirror:
        if ind_id not in kind_of:
            issues.append(_issue("method.mirrors.no_mirror", f"unknown indicator {ind_id!r}"))
        elif ind_id in declared:
            issues.append(_issue("method.mirrors.no_mirror", f"{ind_id} is in a mirror pair and in no_mirror"))
        declared.setdefault(ind_id, "no_mirror")
    watched = set(mirrors.watched_factors)
    for ind_id, kind in kind_of.items():
        if (kind == "resilience" or factor_of[ind_id] in watched) and ind_id not in declared:
            side = "resilience indicator" if kind == "resilience" else f"factor-{factor_of[ind_id]} indicator"
            issues.append(_issue("method.mirrors", (
                f"{side} {ind_id} is not declared: if it records the same fact as an indicator on the other side "
                "(its presence vs its absence), add the pair to method.mirrors.pairs so it is scored once; "
                "otherwise list it in method.mirrors.no_mirror")))
    return issues
