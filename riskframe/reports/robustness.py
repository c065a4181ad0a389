"""How robust the tier is: the sensitivity analysis of one assessment, said in one sentence.

Runs riskframe.scoring.sensitivity with the manifest's settings (same seed, same sentence) on the
assessment alone, and reports the share of draws that give the plain tier.
"""

from __future__ import annotations

from riskframe.framework.models import Framework
from riskframe.i18n import _, current_language, format_decimal, format_percent
from riskframe.reports.history import CountryHistory
from riskframe.scoring.sensitivity import sensitivity, settings_of


def robustness_sentence(fw: Framework, history: CountryHistory, assessment_id: int) -> str | None:
    """None when the manifest has no sensitivity section or the assessment has no composite."""
    if fw.manifest.sensitivity is None:
        return None
    settings = settings_of(fw)
    frame = history.frame[history.frame["assessment_id"] == assessment_id]
    result = sensitivity(frame, fw, settings, [assessment_id])
    row = result.assessments.loc[assessment_id]
    plain = row["tier_plain"]
    if not isinstance(plain, str):
        return None
    share = float(result.tier_probabilities.loc[assessment_id, plain])
    label = fw.tier(plain).label(current_language())
    low, high = format_decimal(row["composite_low"]), format_decimal(row["composite_high"])
    if share >= settings.robust_at:
        text = _("The tier is robust: {share} of {draws} draws that vary the method's choices, the unknown "
                 "indicators and the confidence of each score give {tier} (the composite lies between {low} and "
                 "{high} in {width} of draws).")
    else:
        text = _("The tier is not robust: only {share} of {draws} draws that vary the method's choices, the "
                 "unknown indicators and the confidence of each score give {tier} (the composite lies between "
                 "{low} and {high} in {width} of draws); read it together with the band.")
    width = format_percent(settings.interval[1] - settings.interval[0])
    return text.format(share=format_percent(share), draws=settings.draws, tier=label, low=low, high=high,
                       width=width)

