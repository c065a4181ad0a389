"""What each demo assessment will contain, built from a country's seed before anything is written.

Arcs, overrides and factor baselines become each quarter's entries (with evidence texts that
read like a focal point's), alongside the groups, consultations and measures of that quarter.
Everything is deterministic: the same seeds give the same data on every run and machine.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from riskframe.demo.seed_format import CountrySeed, Measure, QuarterValue, Step
from riskframe.domain import EntryIn, MissingCode, Period, SourceRef
from riskframe.store.schemas import ConsultationIn, MeasureIn, VulnerableGroupIn

NOTE = "demo data (seeds/demo)"
TERMINAL = {"implemented", "dropped"}
_BASELINE_TEXT = (
    "Quarterly review {q}: {level}. No new incidents or policy changes were reported under this indicator.",
    "{level} in {q}; monitoring partners reported nothing that would change the score.",
    "Assessed as {level_lower} for {q} from the focal point's regular monitoring; no significant change.",
)
_CHANGED_TEXT = ("Changed from {before} to {level_lower} in {q}, following the factor-wide shift noted in the "
                 "focal point's review this quarter.")
_MISSING_TEXT = {
    MissingCode.UNKNOWN: "Not enough reliable information in {q} to score this indicator; follow-up requested.",
    MissingCode.NOT_APPLICABLE: "Not applicable to {country} in {q}.",
    MissingCode.NOT_ASSESSED: "Not assessed in {q}.",
}


@dataclass
class QuarterPlan:
    """Everything one assessment will receive, built (and checked) before any write."""

    period: str
    step: Step
    entries: dict[str, EntryIn]
    groups: list[VulnerableGroupIn]
    consultations: list[ConsultationIn]
    measures: list[MeasureIn]
    revised: list[str]  # the indicators revised after a first return


def _fraction(*parts: str) -> float:
    """A number in [0, 1) fixed by `parts`: the same on every run and machine."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _quarter_text(label: str) -> str:
    year, q = label.split("-")
    return f"{q} {year}"


def sources(titles: list[str], label: str) -> list[SourceRef]:
    """Source references with {quarter} filled in, dated the last day of `label`."""
    end = Period.parse(label).end.isoformat()
    return [SourceRef(title=t.replace("{quarter}", _quarter_text(label)), date=end) for t in titles]


def _arc_value(quarters: dict[str, QuarterValue], label: str) -> tuple[QuarterValue, str | None] | None:
    """The arc's value in `label`, or the latest earlier one (with the quarter it dates from)."""
    if label in quarters:
        return quarters[label], None
    earlier = [q for q in quarters if Period.parse(q) < Period.parse(label)]
    if not earlier:
        return None
    last = max(earlier, key=Period.parse)
    return quarters[last], last


def _entry(value: Any, evidence: str, confidence: Any, sources: list[SourceRef], comment: str = "") -> EntryIn:
    if isinstance(value, MissingCode):
        return EntryIn(missing=value, evidence=evidence, sources=sources, comment=comment)
    return EntryIn(score=value, confidence=confidence, evidence=evidence, sources=sources, comment=comment)


class _Builder:
    """Builds one country's entries per quarter from its arcs, overrides and factor baselines."""

    def __init__(self, seed: CountrySeed, framework: Any, unknown: set[str]) -> None:
        self.seed = seed
        self.indicators = framework.indicators
        self.levels = framework.manifest.scale.levels
        for iid in [*seed.arcs, *seed.overrides]:
            if iid not in self.indicators:
                unknown.add(iid)
        self.cap = framework.manifest.scoring.red_flag.raised_at - 1
        for fid in {*seed.baseline, *(f for change in seed.baseline_changes.values() for f in change)}:
            if fid not in framework.factor_by_id:
                unknown.add(f"factor {fid}")

    def entries(self, label: str, coverage: float) -> dict[str, EntryIn]:
        out: dict[str, EntryIn] = {}
        for iid, ind in self.indicators.items():
            entry = self._arc(iid, label) or self._override(iid, label)
            if entry is None and (coverage >= 1 or _fraction(self.seed.country, iid, label, "cover") < coverage):
                entry = self._baseline(iid, ind, label)
            if entry is not None:
                out[iid] = entry
        return out

    def _arc(self, iid: str, label: str) -> EntryIn | None:
        arc = self.seed.arcs.get(iid)
        found = _arc_value(arc.quarters, label) if arc else None
        if arc is None or found is None:
            return None
        qv, since = found
        evidence = qv.evidence if since is None else f"No change since {_quarter_text(since)}. {qv.evidence}"
        return _entry(qv.value, evidence, qv.confidence or arc.confidence,
                      sources(qv.sources if qv.sources is not None else arc.sources, label), qv.comment)

    def _fixed(self, value: Any, label: str, level_kind: str, salt: str, before: Any = None) -> EntryIn:
        """An entry from an override or baseline: a bare value or a [value, evidence] pair.

        `before`: the baseline score of the previous quarter, when it differed.
        """
        q = _quarter_text(label)
        if isinstance(value, QuarterValue):
            return _entry(value.value, value.evidence.replace("{quarter}", q),
                          value.confidence or self.seed.baseline_confidence, sources(value.sources or [], label))
        if isinstance(value, MissingCode):
            return _entry(value, _MISSING_TEXT[value].format(q=q, country=self.seed.name), None, [])
        level = self.levels[level_kind][str(value)]["en"]
        pick = _fraction(self.seed.country, salt, label)
        text = _BASELINE_TEXT[int(pick * len(_BASELINE_TEXT))]
        if before is not None:
            text = _CHANGED_TEXT.replace("{before}", self.levels[level_kind][str(before)]["en"].lower())
        source = self.seed.sources[int(_fraction(self.seed.country, salt, "src") * len(self.seed.sources))]
        return _entry(value, text.format(q=q, level=level, level_lower=level.lower()),
                      self.seed.baseline_confidence, sources([source], label))

    def _override(self, iid: str, label: str) -> EntryIn | None:
        if iid not in self.seed.overrides:
            return None
        return self._fixed(self.seed.overrides[iid], label, self.indicators[iid].kind, iid)

    def _baseline_value(self, iid: str, ind: Any, label: str) -> Any:
        value = self.seed.baseline_at(ind.factor_id, label)
        if isinstance(value, int):
            u = _fraction(self.seed.country, iid)
            value = max(0, min(3, value + (-1 if u < 0.15 else 1 if u >= 0.85 else 0)))
            if ind.red_flag is not None:
                value = min(value, self.cap)  # red flags are raised by arcs and overrides only
        return value

    def _baseline(self, iid: str, ind: Any, label: str) -> EntryIn | None:
        value = self._baseline_value(iid, ind, label)
        if value is None:
            return None  # no baseline for this factor: left not assessed
        before = None
        if isinstance(value, int) and label != self.seed.periods.first:
            previous = self._baseline_value(iid, ind, Period.parse(label).previous_quarter().label)
            before = previous if isinstance(previous, int) and previous != value else None
        return self._fixed(value, label, ind.kind, iid, before)


def _measure_key(measure: Measure, label: str) -> str:
    return f"{measure.id}-{label.replace('-', '')}"


def _measures(seed: CountrySeed, label: str, known: set[str], unknown: set[str],
              options: set[str] | None = None) -> list[MeasureIn]:
    """The measures open in `label` (plus those closed in it), each following up last quarter's; an
    option the catalogue does not have is left out and reported like an unknown indicator."""
    period = Period.parse(label)
    out: list[MeasureIn] = []
    for m in seed.measures:
        set_in = [q for q in m.status if Period.parse(q) <= period]
        if not set_in:
            continue
        latest = max(set_in, key=Period.parse)
        status = m.status[latest]
        if status in TERMINAL and latest != label:
            continue  # closed in an earlier quarter
        previous = period.previous_quarter().label
        had_previous = any(Period.parse(q) <= Period.parse(previous) for q in m.status)
        linked = [i for i in m.linked if i in known]
        unknown.update(i for i in m.linked if i not in known)
        option = m.option if m.option and (options is None or m.option in options) else None
        if m.option and option is None:
            unknown.add(m.option)
        out.append(MeasureIn(
            key=_measure_key(m, label), title=m.title, description=m.description, linked_ids=linked,
            type=m.type, owner=m.owner, due_date=m.due, status=status, follow_up=m.follow_up.get(label, ""),
            previous_measure_id=_measure_key(m, previous) if had_previous else None,
            option_id=option, due_period=m.due_period, status_reason=m.reasons.get(latest, ""),
            upr_recommendation_id=m.upr.id if m.upr else "", upr_recommendation_text=m.upr.text if m.upr else ""))
    return out


def plan_country(seed: CountrySeed, framework: Any) -> tuple[list[QuarterPlan], list[str]]:
    """Every quarter's content for one country, and the ids the framework does not have (skipped)."""
    unknown: set[str] = set()
    builder = _Builder(seed, framework, unknown)
    known = set(framework.indicators) | set(framework.factor_by_id)
    code = seed.country.lower()
    plans: list[QuarterPlan] = []
    for label in seed.periods.labels():
        period = Period.parse(label)
        step = seed.workflow.get(label, Step(status="validated"))
        groups = [VulnerableGroupIn(key=f"{code}-g{i + 1}", name=g.name, basis=g.basis, description=g.description)
                  for i, g in enumerate(seed.vulnerable_groups)
                  if g.since is None or Period.parse(g.since) <= period]
        consultations = [ConsultationIn(key=f"{code}-{label.replace('-', '')}-c{i + 1}", category=c.category,
                                        name=c.name, date=c.date, summary=c.summary)
                         for i, c in enumerate(seed.consultations.get(label, []))]
        entries = builder.entries(label, step.coverage)
        unknown.update(i for i in step.revised if i not in framework.indicators)
        revised = [i for i in step.revised or list(seed.arcs)[:1] if i in entries]
        plans.append(QuarterPlan(label, step, entries, groups, consultations,
                                 _measures(seed, label, known, unknown, {o.id for o in framework.options}),
                                 revised))
    return plans, sorted(unknown)
