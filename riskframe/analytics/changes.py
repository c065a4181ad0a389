"""'What changed since last period': the indicators whose score or missing code moved.

Built from `Store.diff_assessments` (field-level changes between two assessments), keeping only
the value of each indicator, so an analyst sees old → new with the evidence behind the new value
and who last changed it, not a list of reworded evidence.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from riskframe.domain import MissingCode
from riskframe.framework.models import Framework, tr
from riskframe.i18n import _, current_language

COLUMNS = ["indicator_id", "factor_id", "indicator", "before", "after", "change", "red_flag", "evidence",
           "changed_by", "changed_at"]
_PREFIX = "entries."


def _label(score, missing, fw: Framework) -> str:
    """The score as text, or the manifest's label of the missing code (none given: not assessed)."""
    if score is not None:
        return str(int(score))
    return fw.scale.missing_label(missing or MissingCode.NOT_ASSESSED.value, current_language())


def indicator_moves(changes: Iterable, fw: Framework) -> pd.DataFrame:
    """One row per indicator whose value differs (columns COLUMNS), biggest moves first.

    `changes` are `riskframe.store.Change` objects (or anything with field/old/new/evidence/
    changed_by/changed_at). Indicators the framework does not know are kept, without a factor.
    """
    by_ind: dict[str, dict] = {}
    for ch in changes:
        if not ch.field.startswith(_PREFIX):
            continue
        iid, name = ch.field[len(_PREFIX):].rsplit(".", 1)
        if name not in ("score", "missing"):
            continue
        row = by_ind.setdefault(iid, {"old_score": None, "new_score": None, "old_missing": None,
                                      "new_missing": None, "evidence": ch.evidence,
                                      "changed_by": ch.changed_by, "changed_at": ch.changed_at})
        row[f"old_{name}"], row[f"new_{name}"] = ch.old, ch.new
    order = {iid: i for i, iid in enumerate(fw.indicators)}
    rows = []
    for iid, r in by_ind.items():
        ind = fw.indicators.get(iid)
        old_s, new_s = r["old_score"], r["new_score"]
        rows.append({
            "indicator_id": iid,
            "factor_id": ind.factor_id if ind else None,
            "indicator": tr(ind.text, current_language()) if ind else _("(not in this framework version)"),
            "before": _label(old_s, r["old_missing"], fw),
            "after": _label(new_s, r["new_missing"], fw),
            "change": (new_s - old_s) if old_s is not None and new_s is not None else None,
            "red_flag": bool(ind and ind.red_flag),
            "evidence": r["evidence"] or "",
            "changed_by": r["changed_by"] or "",
            "changed_at": r["changed_at"],
            "_order": order.get(iid, len(order)),
        })
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    out = pd.DataFrame(rows)
    out["change"] = out["change"].astype("Float64")
    out["_abs"] = out["change"].abs().fillna(0.5)  # a move to or from a missing code ranks after ±1
    out = out.sort_values(["_abs", "_order"], ascending=[False, True], kind="stable")
    return out[COLUMNS].reset_index(drop=True)
