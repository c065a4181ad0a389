"""Headlines that do not overstate thin data: the tier below the submit coverage is provisional, a
tier lifted by a red flag says so (the live preview, the country dashboard, the summaries)."""

from __future__ import annotations

import math

from riskframe.framework.models import Framework
from riskframe.i18n import _, format_percent


def provisional(fw: Framework, coverage: object) -> bool:
    """Below the coverage the manifest requires to submit (`scoring.submit_min_coverage`)."""
    try:
        value = float(coverage)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True
    return math.isnan(value) or value < fw.manifest.scoring.submit_min_coverage


def tier_line(fw: Framework, tier: object, before_flags: object, coverage: object, lang: str) -> str:
    """Markdown: the tier with what limits it — greyed and marked provisional (with the coverage)
    below the submit coverage; "lifted by a red flag from …" when a red flag raised it."""
    if not isinstance(tier, str) or not tier:
        return _("Tier —")
    label = fw.tier(tier).label(lang)
    lifted = ""
    if isinstance(before_flags, str) and before_flags and before_flags != tier:
        lifted = " " + _("(lifted by a red flag from {tier})").format(tier=fw.tier(before_flags).label(lang))
    if provisional(fw, coverage):
        cov = 0.0 if not isinstance(coverage, (int, float)) or math.isnan(float(coverage)) else float(coverage)
        return ":gray[" + _("Tier {tier}{lifted} — provisional: coverage {coverage} is below the {need} needed to "
                            "submit").format(tier=label, lifted=lifted, coverage=format_percent(cov),
                                             need=format_percent(fw.manifest.scoring.submit_min_coverage)) + "]"
    return _("Tier **{tier}**{lifted}").format(tier=label, lifted=lifted)
