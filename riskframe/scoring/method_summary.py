"""The method in sentences, built from the manifest's parameters — the one text that the workbook's
Method sheet (and any report) shows, so what a reader is told is what the engine computed.

docs/methodology.md explains the same rules at length; tests/scoring/test_method_summary.py checks
that every parameter quoted here is the one the documentation states.
"""

from __future__ import annotations

from riskframe.framework.models import Framework, tr
from riskframe.i18n import N_, _, current_language, format_percent, use_language
from riskframe.scoring.aggregation import method_of


def _g(value: float) -> str:
    return f"{value:g}"


def _levels(fw: Framework, lang: str) -> dict[str, str]:
    return {t.id: t.label(lang) for t in fw.manifest.scoring.tiers}


def method_rows(fw: Framework, lang: str | None = None) -> list[tuple[str, str]]:
    """(topic, explanation) rows describing how riskframe scores, in order, from the manifest; in
    ``lang``, else the current language."""
    with use_language(lang):
        return _rows(fw, current_language())


def _rows(fw: Framework, lang: str) -> list[tuple[str, str]]:
    method = method_of(fw)
    scale = fw.manifest.scale
    levels = _levels(fw, lang)
    agg, esc, cov, band = method.aggregation, method.escalators, method.coverage, method.band
    breadth = ", ".join(_("{level} from {value}").format(level=levels.get(k, k), value=_g(v))
                        for k, v in method.breadth_levels.items())
    crimes = "; ".join(_("{crime}: factors {factors}").format(crime=tr(c.label, lang), factors=", ".join(c.specific))
                       for c in method.crimes)
    flags = "; ".join(_flag_kind(kind, levels, lang) for kind in method.red_flags.values())
    widen = ", ".join(f"{k} ±{_g(v)}" for k, v in band.confidence_widen.items() if v)  # codes, as the manifest
    composite = fw.manifest.scoring
    under_way_at = next((k.under_way_at for k in method.red_flags.values() if k.under_way_at is not None), None)
    coverage = _(_COVERAGE[(cov.red_flags_resolved, cov.not_applicable_needs_note)]).format(
        common=format_percent(cov.common_min), specific=format_percent(cov.specific_min),
        factors=", ".join(cov.not_applicable_factors))
    return [
        (_("Method"), _("riskframe method version {version} on framework {framework} {framework_version}; "
                        "docs/methodology.md gives the reasons and a worked example.").format(
            version=method.version, framework=fw.id, framework_version=fw.version)),
        (_("Indicator values"), _("Each indicator is scored {min}–{max} or carries a reason for no score (not "
                                  "assessed, unknown, not applicable); a missing value is never read as 0.").format(
            min=scale.min, max=scale.max)),
        (_("Factor intensity"), _("{max_weight} × the highest scored indicator + {mean_weight} × the mean of the scored "
                                  "indicators (0–{max}): one severe indicator is not averaged away. A factor is present "
                                  "from {present}, strongly present from {strong}.").format(
            max_weight=_g(agg.max_weight), mean_weight=_g(1 - agg.max_weight), max=scale.max,
            present=_g(agg.present_at), strong=_g(agg.strong_at))),
        (_("Breadth of common risk"), _("Sum of the intensities of the common factors ({factors}) as a share of their "
                                        "maximum, 0–100. Base level: {breadth}. One common factor at {severe_at} or "
                                        "more sets at least {severe_level}.").format(
            factors=", ".join(method.common), breadth=breadth, severe_at=_g(method.severe_factor_floor.at),
            severe_level=levels.get(method.severe_factor_floor.level, method.severe_factor_floor.level))),
        (_("Risk per crime"), _("Specific factors ({crimes}) raise the base level one step at each of {steps}; with "
                                "fewer than {needs} common factors present, at most {max_steps} step(s).").format(
            crimes=crimes, steps=", ".join(_g(s) for s in esc.steps_at), needs=esc.needs_common_present,
            max_steps=esc.max_steps_without_common)),
        (_("Red flags"), _("A raised red flag sets a floor by its kind and level — {flags}.").format(flags=flags)),
        (_("Headline and status"), _("The headline is the crime with the highest level. Status: “{under_way}” when a "
                                     "red flag of crimes under way is scored {at} or more, otherwise “{onset}”.").format(
            under_way=tr(method.status["under_way"], lang), at=under_way_at, onset=tr(method.status["onset"], lang))),
        (_("Coverage"), coverage),
        (_("Band"), _("Unknown indicators range from {low} to {high}; confidence widens a score ({widen}).").format(
            low=_g(band.unknown_low), high=_g(band.unknown_high), widen=widen)),
        (_("Nothing counted twice"), _("{pairs} declared pairs of a risk indicator and the resilience indicator that "
                                       "records the same fact are scored once, on the risk side; resilience is shown "
                                       "as its own axis and never lowers a level.").format(pairs=len(method.mirrors.pairs))),
        (_("Composite index (for comparison)"), _("Risk index × (1 − {dampening} × resilience index / 100), with tiers "
                                                  "{tiers}; kept for dashboards that compare with earlier rounds.").format(
            dampening=_g(composite.resilience_dampening),
            tiers=", ".join(f"{t.label(lang)} ≥ {_g(t.min)}" for t in composite.tiers))),
    ]


# The coverage rule as one whole sentence per combination of its two switches
# (red-flag indicators must be scored; "not applicable" needs a note).
_COVERAGE = {
    (True, True): N_("Provisional unless at least {common} of each common factor and {specific} of each crime's "
                     "specific factors are scored and every red-flag indicator is scored; “not applicable” only in "
                     "factors {factors} and with a note."),
    (True, False): N_("Provisional unless at least {common} of each common factor and {specific} of each crime's "
                      "specific factors are scored and every red-flag indicator is scored; “not applicable” only in "
                      "factors {factors}."),
    (False, True): N_("Provisional unless at least {common} of each common factor and {specific} of each crime's "
                      "specific factors are scored; “not applicable” only in factors {factors} and with a note."),
    (False, False): N_("Provisional unless at least {common} of each common factor and {specific} of each crime's "
                       "specific factors are scored; “not applicable” only in factors {factors}."),
}


def _flag_kind(kind, levels: dict[str, str], lang: str) -> str:
    """One kind of red flag: the floor each level sets, and the factors it needs present."""
    floors = ", ".join(_("at {level} → at least {floor}").format(level=lvl, floor=levels.get(floor, floor))
                       for lvl, floor in sorted(kind.floors.items()))
    if kind.needs_present:
        return _("{kind}: {floors} (only with {count} of factors {factors} present)").format(
            kind=tr(kind.label, lang), floors=floors, count=kind.needs_present, factors=", ".join(kind.present_among))
    return _("{kind}: {floors}").format(kind=tr(kind.label, lang), floors=floors)
