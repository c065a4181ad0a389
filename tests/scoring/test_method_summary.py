"""The method is written once: the workbook's Method sheet is built from the manifest's parameters
(riskframe.scoring.method_summary), and docs/methodology.md must quote the same parameters."""

from __future__ import annotations

import re

import pytest

from riskframe.framework import load_framework
from riskframe.scoring.method_summary import method_rows
from riskframe.settings import REPO_ROOT

DOC = (REPO_ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
FW = load_framework()
M = FW.manifest.method


def _num(text: str) -> float:
    return float(text)


QUOTED = [  # (pattern in the documentation, the manifest's values it must show)
    (r"max_weight = ([\d.]+)", [M.aggregation.max_weight]),
    (r"`present_at` \(([\d.]+)\)", [M.aggregation.present_at]),
    (r"`strong_at` \(([\d.]+)\)", [M.aggregation.strong_at]),
    (r"\(low ([\d.]+), moderate ([\d.]+), elevated ([\d.]+), high ([\d.]+), very high ([\d.]+)\)",
     [M.breadth_levels[k] for k in ("low", "moderate", "elevated", "high", "very_high")]),
    (r"`severe_factor_floor.at` \(([\d.]+)\)", [M.severe_factor_floor.at]),
    (r"`method.escalators.steps_at` it reaches \(([\d.]+) and ([\d.]+)\)", M.escalators.steps_at),
    (r"`needs_common_present` \((\d+)\)", [M.escalators.needs_common_present]),
    (r"`max_steps_without_common` \((\d+)\)", [M.escalators.max_steps_without_common]),
    (r"`needs_present` \((\d+)\)", [M.red_flags["trigger"].needs_present]),
    (r"`under_way_at` level \((\d+)\)", [M.red_flags["under_way"].under_way_at]),
    (r"`common_min` \((\d+) %\)", [M.coverage.common_min * 100]),
    (r"`specific_min` \((\d+) %\)", [M.coverage.specific_min * 100]),
    (r"`method.band.unknown_low` \(([\d.]+)\)", [M.band.unknown_low]),
    (r"`unknown_high` \(([\d.]+)\)", [M.band.unknown_high]),
]


@pytest.mark.parametrize("pattern,expected", QUOTED, ids=[q[0][:40] for q in QUOTED])
def test_the_documentation_quotes_the_manifest(pattern, expected):
    found = re.search(pattern, DOC)
    assert found, f"docs/methodology.md no longer states {pattern!r}"
    assert [_num(g) for g in found.groups()] == [float(v) for v in expected], \
        f"docs/methodology.md says {found.group(0)!r}; the manifest says {expected}"


def test_the_method_sheet_is_built_from_the_parameters():
    rows = dict(method_rows(FW))
    assert f"version {M.version}" in rows["Method"]
    assert f"{M.aggregation.max_weight:g} × the highest" in rows["Factor intensity"]
    for level, lowest in M.breadth_levels.items():
        assert f"{FW.tier(level).label('en')} from {lowest:g}" in rows["Breadth of common risk"]
    assert f"{M.coverage.common_min:.0%}" in rows["Coverage"]
    assert f"{len(M.mirrors.pairs)} declared pairs" in rows["Nothing counted twice"]

