"""The method in sentences, built from the manifest's parameters — the one text that the workbook's
Method sheet (and any report) shows, so what a reader is told is what the engine computed.

docs/methodology.md explains the same rules at length; tests/scoring/test_method_summary.py checks
that every parameter quoted here is the one the documentation states.
"""

from __future__ import annotations

from riskframe.framework.models import Framework, tr
from riskframe.scoring.aggregation import method_of


def _g(value: float) -> str:
    return f"{value:g}"


def _levels(fw: Framework, lang: str) -> dict[str, str]:
    return {t.id: t.label(lang) for t in fw.manifest.scoring.tiers}


def method_rows(fw: Framework, lang: str = "en") -> list[tuple[str, str]]:
    """(topic, explanation) rows describing how riskframe scores, in order, from the manifest."""
    method = method_of(fw)
    scale = fw.manifest.scale
    levels = _levels(fw, lang)
    agg, esc, cov, band = method.aggregation, method.escalators, method.coverage, method.band
    breadth = ", ".join(f"{levels.get(k, k)} from {_g(v)}" for k, v in method.breadth_levels.items())
    crimes = "; ".join(f"{tr(c.label, lang)}: factors {', '.join(c.specific)}" for c in method.crimes)
    flags = "; ".join(
        f"{tr(kind.label, lang)}: " + ", ".join(f"at {lvl} → at least {levels.get(floor, floor)}"
                                               for lvl, floor in sorted(kind.floors.items()))
        + (f" (only with {kind.needs_present} of factors {', '.join(kind.present_among)} present)"
           if kind.needs_present else "")
        for kind in method.red_flags.values())
    widen = ", ".join(f"{k} ±{_g(v)}" for k, v in band.confidence_widen.items() if v)
    composite = fw.manifest.scoring
    under_way_at = next((k.under_way_at for k in method.red_flags.values() if k.under_way_at is not None), None)
    return [
        ("Method", f"riskframe method version {method.version} on framework {fw.id} {fw.version}; "
                   "docs/methodology.md gives the reasons and a worked example."),
        ("Indicator values", f"Each indicator is scored {scale.min}–{scale.max} or carries a reason for no score "
                             "(not assessed, unknown, not applicable); a missing value is never read as 0."),
        ("Factor intensity", f"{_g(agg.max_weight)} × the highest scored indicator + {_g(1 - agg.max_weight)} × the "
                             f"mean of the scored indicators (0–{scale.max}): one severe indicator is not averaged "
                             f"away. A factor is present from {_g(agg.present_at)}, strongly present from "
                             f"{_g(agg.strong_at)}."),
        ("Breadth of common risk", f"Sum of the intensities of the common factors ({', '.join(method.common)}) as a "
                                   f"share of their maximum, 0–100. Base level: {breadth}. One common factor at "
                                   f"{_g(method.severe_factor_floor.at)} or more sets at least "
                                   f"{levels.get(method.severe_factor_floor.level, method.severe_factor_floor.level)}."),
        ("Risk per crime", f"Specific factors ({crimes}) raise the base level one step at each of "
                           f"{', '.join(_g(s) for s in esc.steps_at)}; with fewer than {esc.needs_common_present} "
                           f"common factors present, at most {esc.max_steps_without_common} step(s)."),
        ("Red flags", f"A raised red flag sets a floor by its kind and level — {flags}."),
        ("Headline and status", f"The headline is the crime with the highest level. Status: "
                                f"“{tr(method.status['under_way'], lang)}” when a red flag of crimes under way is "
                                f"scored {under_way_at} or more, otherwise “{tr(method.status['onset'], lang)}”."),
        ("Coverage", f"Provisional unless at least {cov.common_min:.0%} of each common factor and "
                     f"{cov.specific_min:.0%} of each crime's specific factors are scored"
                     + (" and every red-flag indicator is scored" if cov.red_flags_resolved else "")
                     + f"; “not applicable” only in factors {', '.join(cov.not_applicable_factors)}"
                     + (" and with a note." if cov.not_applicable_needs_note else ".")),
        ("Band", f"Unknown indicators range from {_g(band.unknown_low)} to {_g(band.unknown_high)}; "
                 f"confidence widens a score ({widen})."),
        ("Nothing counted twice", f"{len(method.mirrors.pairs)} declared pairs of a risk indicator and the resilience "
                                  "indicator that records the same fact are scored once, on the risk side; "
                                  "resilience is shown as its own axis and never lowers a level."),
        ("Composite index (for comparison)", f"Risk index × (1 − {_g(composite.resilience_dampening)} × resilience "
                                             "index / 100), with tiers "
                                             + ", ".join(f"{t.label(lang)} ≥ {_g(t.min)}" for t in composite.tiers)
                                             + "; kept for dashboards that compare with earlier rounds."),
    ]
