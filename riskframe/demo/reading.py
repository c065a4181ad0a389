"""Reading the demo seed files: every file parsed and checked (across fields too) before anything is written.

Problems are collected as SeedIssue values naming the file and the field (a dotted path), and
raised together as SeedInvalid, so one run lists everything to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from riskframe.demo.seed_format import CountrySeed, SeedInvalid, SeedIssue
from riskframe.domain import Period

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


def cross_check(file: str, seed: CountrySeed) -> list[SeedIssue]:
    """Checks across fields: every quarter used lies within `periods`, dates within their quarter."""
    labels = set(seed.periods.labels())
    span = f"{seed.periods.first}..{seed.periods.last}"
    issues: list[SeedIssue] = []
    where: list[tuple[str, set[str]]] = [
        *((f"arcs.{iid}.quarters", set(arc.quarters)) for iid, arc in seed.arcs.items()),
        ("consultations", set(seed.consultations)), ("workflow", set(seed.workflow)),
        ("baseline_changes", set(seed.baseline_changes)),
        *((f"measures.{m.id}.status", set(m.status)) for m in seed.measures),
        *((f"measures.{m.id}.follow_up", set(m.follow_up)) for m in seed.measures),
        *((f"vulnerable_groups.{i}.since", {g.since}) for i, g in enumerate(seed.vulnerable_groups) if g.since),
    ]
    for field, used in where:
        for label in sorted(used - labels, key=Period.parse):
            issues.append(SeedIssue(file=file, field=f"{field}.{label}", message=f"{label} is outside periods {span}"))
    for quarter, items in seed.consultations.items():
        period = Period.parse(quarter)
        for index, item in enumerate(items):
            if not period.start <= item.date <= period.end + dt.timedelta(days=31):
                issues.append(SeedIssue(file=file, field=f"consultations.{quarter}.{index}.date",
                                        message=f"{item.date} is not in {quarter} (or the month after)"))
    seen: set[str] = set()
    for measure in seed.measures:
        if measure.id in seen:
            issues.append(SeedIssue(file=file, field=f"measures.{measure.id}", message="two measures share this id"))
        seen.add(measure.id)
    return issues


_UNION_TAG = re.compile(r"^(constrained-int|int|str-enum\[.*\]|QuarterValue|function-\w+\[.*\])$")
VALUE_HELP = "must be a score 0-3, a missing code (not_assessed, unknown, not_applicable) or [value, evidence]"


def _issues(file: str, exc: ValidationError, data: dict[str, Any]) -> list[SeedIssue]:
    out: list[SeedIssue] = []
    for err in exc.errors():
        loc = list(err["loc"])
        if len(loc) > 1 and loc[0] == "measures" and isinstance(loc[1], int):
            items = data.get("measures") or []
            item = items[loc[1]] if loc[1] < len(items) and isinstance(items[loc[1]], dict) else {}
            loc[1] = item.get("id", loc[1])  # name a measure by its id
        kept = [str(p) for p in loc if not _UNION_TAG.match(str(p))]
        message = err["msg"].removeprefix("Value error, ")
        if len(kept) < len(loc):
            message = VALUE_HELP
        elif err["type"] == "extra_forbidden":
            message = "unknown field"
        issue = SeedIssue(file=file, field=".".join(kept) or "(file)", message=message)
        if issue not in out:
            out.append(issue)
    return out


def read_seed(path: Path) -> CountrySeed:
    """Read and check one seed file; raises SeedInvalid naming the file and the fields at fault."""
    name = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedInvalid([SeedIssue(file=name, field="(file)", message=f"cannot read: {exc}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        problem = getattr(exc, "problem", None) or str(exc)
        raise SeedInvalid([SeedIssue(file=name, field=where, message=f"not valid YAML: {problem}")]) from None
    if not isinstance(data, dict):
        raise SeedInvalid([SeedIssue(file=name, field="(file)", message="must be a mapping (country: ..., name: ...)")])
    try:
        seed = CountrySeed.model_validate(data)
    except ValidationError as exc:
        raise SeedInvalid(_issues(name, exc, data)) from None
    issues = cross_check(name, seed)
    if issues:
        raise SeedInvalid(issues)
    return seed


def read_seeds(directory: Path) -> list[tuple[str, CountrySeed]]:
    """Every seed file in `directory`, all checked; SeedInvalid lists the problems of all of them."""
    directory = Path(directory)
    paths = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    if not paths:
        raise SeedInvalid([SeedIssue(file=str(directory), field="(directory)", message="no *.yaml seed files")])
    issues: list[SeedIssue] = []
    seeds: list[tuple[str, CountrySeed]] = []
    owner: dict[str, str] = {}
    for path in paths:
        try:
            seed = read_seed(path)
        except SeedInvalid as exc:
            issues.extend(exc.issues)
            continue
        if seed.country in owner:
            issues.append(SeedIssue(file=path.name, field="country",
                                    message=f"{seed.country} is already seeded by {owner[seed.country]}"))
            continue
        owner[seed.country] = path.name
        seeds.append((path.name, seed))
    if issues:
        raise SeedInvalid(issues)
    return seeds
