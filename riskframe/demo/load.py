"""Load the fictional demo countries (seeds/demo/*.yaml) into a store, through the Store API only.

Idempotent: an assessment that already exists for a (country, period) is left untouched, so a
second run adds nothing. Every seed file is read and checked before anything is written. Each new
assessment is walked through the workflow as people would: the country's focal point creates,
fills and submits it; the reviewer validates or returns it.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from riskframe.demo.plan import NOTE, QuarterPlan, plan_country, sources
from riskframe.demo.reading import read_seeds
from riskframe.demo.seed_format import CountrySeed, SeedInvalid, SeedIssue
from riskframe.i18n import _
from riskframe.store.actor import Actor

REVISION_COMMENT = "Revised after the reviewer's comments: evidence and sources completed."
REVISION_SOURCE = "Focal point's supplementary evidence file, {quarter}"


@dataclass
class DemoReport:
    """What a load did: assessments added and skipped, their statuses, and ids the framework lacks."""

    added: int = 0
    skipped: int = 0
    countries: list[str] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)  # final status of each added assessment
    unknown_ids: dict[str, list[str]] = field(default_factory=dict)  # file -> ids skipped
    seconds: float = 0.0

    def summary(self) -> str:
        return _("added {added} assessments, skipped {skipped} (already present)").format(
            added=self.added, skipped=self.skipped)



def _walk(store: Any, seed: CountrySeed, plan: QuarterPlan, ids: set[str], framework: Any) -> str:
    """Create one assessment and take it to its final state; returns that state."""
    focal = Actor(username=seed.focal_point, role="focal_point", countries=frozenset({seed.country}))
    reviewer = Actor(username=seed.reviewer, role="analyst", countries=frozenset({seed.country}))
    a = store.create_assessment(focal, seed.country, plan.period, framework.id, framework.version)
    rev = a.revision
    if plan.entries:
        rev = store.save_entries(focal, a.id, rev, plan.entries, ids, note=NOTE).revision
    for items, save in ((plan.groups, store.save_vulnerable_groups), (plan.consultations, store.save_consultations),
                        (plan.measures, store.save_measures)):
        if items:
            rev = save(focal, a.id, rev, items, note=NOTE).revision
    step = plan.step
    if step.status == "draft":
        return "draft"
    rev = store.transition(focal, a.id, "submitted", rev).revision
    if step.returned_first:
        rev = store.transition(reviewer, a.id, "returned", rev, step.returned_first).revision
        extra = sources([REVISION_SOURCE], plan.period)
        fixed = {iid: plan.entries[iid].model_copy(update={
            "comment": REVISION_COMMENT, "sources": [*plan.entries[iid].sources, *extra]}) for iid in plan.revised}
        if fixed:
            rev = store.save_entries(focal, a.id, rev, fixed, ids, note="revised after review").revision
        rev = store.transition(focal, a.id, "submitted", rev).revision
    if step.status == "validated":
        store.transition(reviewer, a.id, "validated", rev)
    elif step.status == "returned":
        store.transition(reviewer, a.id, "returned", rev, step.comments)
    return step.status


def load_demo(store: Any, framework: Any, seeds_dir: str | Path, actor: Actor) -> DemoReport:
    """Read and check every seed file, then add each (country, period) assessment not yet present.

    Raises SeedInvalid (naming file and field) before writing anything when a seed file is bad.
    Indicator or factor ids the framework no longer has are skipped and listed in the report.
    """
    started = time.perf_counter()
    store.use_framework(framework)  # the demo's dashboards read derived scores written with each save
    seeds = read_seeds(Path(seeds_dir))
    plans = []
    for file, seed in seeds:
        try:
            plans.append((file, seed, *plan_country(seed, framework)))
        except ValidationError as exc:  # a value the store's models refuse: still before any write
            first = exc.errors()[0]
            raise SeedInvalid([SeedIssue(file=file, field=".".join(map(str, first["loc"])) or "(file)",
                                         message=first["msg"])]) from None
    report = DemoReport()
    ids = set(framework.indicators)
    existing = {c.code for c in store.list_countries(actor)}
    for file, seed, quarters, unknown in plans:
        report.countries.append(seed.country)
        if unknown:
            report.unknown_ids[file] = unknown
        present = {a.period for a in store.list_assessments(actor, country=seed.country)}
        for plan in quarters:
            if plan.period in present:
                report.skipped += 1
                continue
            if seed.country not in existing:
                store.ensure_country(actor, seed.country, seed.name)
                existing.add(seed.country)
            report.statuses[_walk(store, seed, plan, ids, framework)] += 1
            report.added += 1
    report.seconds = time.perf_counter() - started
    return report
