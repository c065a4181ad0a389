"""Fictional archetypes for the scenario table (docs/methodology.md, tests/scoring/test_scenarios.py).

Each builds a full assessment: every indicator gets a score, except where the archetype says
otherwise. Country codes are fictional (XA…XF); no archetype describes a real country.
"""

from __future__ import annotations

import pandas as pd

from riskframe.framework.models import Framework

NO_CONFLICT = "no armed conflict: international humanitarian law does not apply (fictional note)"


def base(fw: Framework, risk: int = 0, resilience: int | None = 2, peacetime: bool = True) -> dict:
    """Every risk indicator at `risk`, every resilience indicator at `resilience`; 13–14 not
    applicable with a note in peacetime."""
    out: dict = {}
    for ind in fw.indicators.values():
        if ind.kind == "resilience":
            out[ind.id] = resilience
        elif peacetime and ind.factor_id in ("13", "14"):
            out[ind.id] = ("not_applicable", NO_CONFLICT)
        else:
            out[ind.id] = risk
    return out


def _set(values: dict, **levels) -> dict:
    """Set indicators by id with keyword names like i1_1=3 (for 1.1)."""
    for key, v in levels.items():
        values[key[1:].replace("_", ".")] = v
    return values


def factor(values: dict, fw: Framework, fid: str, level) -> dict:
    for ind in fw.factor_by_id[fid].indicators:
        values[ind.id] = level
    return values


def stable_democracy(fw):
    v = base(fw, 0, 3)
    return _set(v, i1_8=1, i1_10=1, i3_5=1, i4_1=1, i8_8=1, i6_4=1)


def stable_democracy_one_trigger(fw):
    return _set(stable_democracy(fw), i8_1=2)


def fragile_war_no_atrocity_signs(fw):
    v = base(fw, 1, 1, peacetime=False)
    for f in ("9", "10", "11", "12"):
        factor(v, fw, f, 0)
    for f in ("13", "14"):
        factor(v, fw, f, 0)
    return _set(v, i1_1=3, i1_2=2, i1_3=2, i1_5=2, i1_8=2, i1_9=2, i2_1=2, i2_8=2, i3_2=2, i3_5=2, i3_9=2,
                i3_10=2, i4_3=2, i5_1=2, i5_2=2, i5_5=2, i6_5=2, i6_9=2, i8_1=2, i8_2=2, i8_9=2, i9_5=1,
                i13_1=2, i13_2=2, i13_3=1, i14_1=2, i14_2=1)


def incitement_and_preparation(fw):
    v = base(fw, 1, 1)
    for f in ("10", "11", "12"):
        factor(v, fw, f, 0)
    return _set(v, i1_6=2, i1_11=2, i2_1=2, i2_3=2, i2_6=2, i4_5=3, i4_7=2, i4_8=2, i5_3=2, i7_6=2,
                i7_13=3, i7_14=3, i8_7=3, i9_1=2, i9_2=2, i9_4=2, i10_1=2, i10_6=1, i11_4=1, i12_1=1)


def genocide_under_way_capable_peaceful(fw):
    v = base(fw, 0, 2)
    factor(v, fw, "9", 3)
    return _set(v, i1_11=2, i2_1=2, i3_3=1, i4_4=3, i4_5=3, i4_7=3, i5_1=3, i5_2=3, i5_4=2, i6_3=1,
                i7_3=3, i7_10=3, i7_12=3, i7_14=3, i10_1=2, i10_2=3, i10_3=3, i10_7=3, i11_1=2)


def widespread_attack_under_way(fw):
    v = base(fw, 1, 1)
    factor(v, fw, "11", 3)
    for f in ("9", "10"):
        factor(v, fw, f, 0)
    return _set(v, i1_6=2, i1_10=2, i2_1=2, i3_3=2, i4_1=2, i5_1=2, i7_1=2, i12_1=2, i12_2=2, i12_4=2)


def one_factor_only(fw):
    return factor({}, fw, "7", 3)


SCENARIOS = {
    "Stable democracy": stable_democracy,
    "Stable democracy with one trigger (8.1 at 2)": stable_democracy_one_trigger,
    "Fragile State at war without atrocity signs": fragile_war_no_atrocity_signs,
    "Incitement and preparation before onset": incitement_and_preparation,
    "Genocide under way in a capable, peaceful State": genocide_under_way_capable_peaceful,
    "Widespread attack on civilians under way": widespread_attack_under_way,
    "Only factor 7 assessed (all at 3)": one_factor_only,
}


def entries(values: dict, aid: str = "XA/2026-Q1") -> pd.DataFrame:
    rows = []
    for ind, v in values.items():
        if isinstance(v, tuple):
            rows.append((aid, ind, None, v[0], None, v[1]))
        elif isinstance(v, str):
            rows.append((aid, ind, None, v, None, ""))
        elif v is not None:
            rows.append((aid, ind, v, None, "high", "fictional"))
    frame = pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing", "confidence", "evidence"])
    frame["score"] = frame["score"].astype("Float64")
    return frame


def batch(fw: Framework) -> tuple[pd.DataFrame, list[str]]:
    """All scenarios as one entries frame (one call scores them all); ids are the scenario names."""
    frames = [entries(build(fw), name) for name, build in SCENARIOS.items()]
    return pd.concat(frames, ignore_index=True), list(SCENARIOS)
