"""Rater agreement for a report: Krippendorff's alpha of every closed rating round of the assessment.

Only closed rounds are read: their sheets are open to anyone who may read the assessment
(riskframe.store.rounds), so a report never asks for scores a rater is still blind to.
"""

from __future__ import annotations

import math

from riskframe.reports.model import AgreementRow
from riskframe.scoring.agreement import AgreementError, agreement, unit_spread
from riskframe.store import Store
from riskframe.store.actor import Actor
from riskframe.store.rounds import Rounds

BOOTSTRAP = 1000
FLAG_AT = 2.0  # raters two levels apart on one indicator


def agreement_rows(store: Store, actor: Actor, assessment_id: int) -> list[AgreementRow]:
    rounds = Rounds(store)
    out = []
    for r in rounds.list_rounds(actor, assessment_id):
        if r.status != "closed":
            continue
        table, units, raters = rounds.reliability(actor, r.id)
        try:
            result = agreement(table, r.level, n_boot=BOOTSTRAP, seed=0)
        except AgreementError:
            continue
        flagged = [s.unit for s in unit_spread(table, units, FLAG_AT) if s.flagged]
        out.append(AgreementRow(round_number=r.number, raters=len(raters), units=result.units,
                                alpha=None if math.isnan(result.alpha) else round(result.alpha, 2),
                                interval=(round(result.interval[0], 2), round(result.interval[1], 2))
                                if result.interval else None, level=r.level, flagged=flagged))
    return out
