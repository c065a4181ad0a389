"""docs/methodology.md's worked example is computed by the code: recompute it and compare."""

import pytest

from riskframe.scoring import entries_frame_from_inputs, parse_inputs, score_entries
from riskframe.scoring.report import assessment_report
from riskframe.settings import REPO_ROOT

DOC = (REPO_ROOT / "docs/methodology.md").read_text(encoding="utf-8")


def row(step: str) -> str:
    line = next(l for l in DOC.splitlines() if l.startswith(f"| {step} |"))
    return line.rstrip(" |").rsplit("|", 1)[1].strip()


@pytest.fixture(scope="module")
def report(fw):
    inputs = parse_inputs((REPO_ROOT / "docs/examples/worked-example.json").read_text(), fw)
    scores = score_entries(entries_frame_from_inputs(inputs), fw, [inputs[0].key])
    return assessment_report(scores, fw, inputs[0].key)


def test_factor_intensities(report):
    for fid in ("1", "3", "7", "8"):
        assert row(f"Factor {fid} intensity") == f"{report['intensity_by_factor'][fid]:.2f}"
    assert report["intensity_by_factor"]["2"] is None  # not scored: no intensity, not 0


def test_breadth_levels_and_headline(report, fw):
    assert row("Breadth") == f"{report['common_breadth']:.2f}"
    assert row("Common factors present") == str(report["common_factors_present"])
    levels = {c["level"] for c in report["crimes"].values()}
    assert row("Level of each crime").endswith(levels.pop()) and not levels
    assert row("Headline") == report["headline"]
    assert row("Status") == report["status_text"]
    assert row("Provisional") == ("yes" if report["provisional"] else "no")
    assert row("Level band") == f"{report['level_band'][0]} – {report['level_band'][1]}"
    assert row("Red flags") == ", ".join(report["raised_red_flags"])
    assert f"{len(report['unresolved_red_flags'])} red flags unresolved" in DOC
    assert row("Resilience axis") == f"{report['resilience_axis']:.2f}"
    assert row("Escalators") == str(max(c["escalators"]["steps"] for c in report["crimes"].values()))


def test_the_composite_is_still_reported(report):
    assert f"composite of {report['composite']:.2f} (\"{report['tier']}\")" in DOC


def test_doc_quotes_the_manifest_parameters(fw):
    m = fw.manifest.method
    assert f"max_weight = {m.aggregation.max_weight}" in DOC
    levels = ", ".join(f"{t.replace('_', ' ')} {v:g}" for t, v in m.breadth_levels.items())
    assert f"({levels})" in DOC
    assert f"`method.escalators.steps_at` it reaches ({m.escalators.steps_at[0]:.1f} and {m.escalators.steps_at[1]:.1f})" in DOC
    assert f"`common_min` ({m.coverage.common_min:.0%})" in DOC.replace(" %", "%")
    assert f"`unknown_high` ({m.band.unknown_high:g})" in DOC
    assert f"`severe_factor_floor.at` ({m.severe_factor_floor.at:g})" in DOC
    assert f"dampening {fw.manifest.scoring.resilience_dampening}" in DOC
