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


def test_indices_and_composite(report):
    assert row("Risk index") == f"{report['risk_index']:.2f}"
    assert row("Resilience index") == f"{report['resilience_index']:.2f}"
    assert row("Composite") == f"{report['composite']:.2f}"
    assert row("Tier") == report["tier"]
    assert row("Band") == f"{report['band'][0]:.2f} – {report['band'][1]:.2f}"
    assert row("Coverage") == f"{report['coverage']:.2f}"
    assert row("Red flags") == ", ".join(f["id"] for f in report["red_flags"])


def test_factor_scores(report):
    scores = {f["id"]: f["score"] for f in report["factors"]}
    for fid in ("1", "7", "8"):
        assert row(f"Factor {fid}") == f"{scores[fid]:.2f}"
    for sid in ("R1", "R4"):
        assert row(f"Section {sid}") == f"{scores[sid]:.2f}"


def test_doc_quotes_the_manifest_parameters(fw):
    sc = fw.manifest.scoring
    assert f"× (1 − {sc.resilience_dampening} ×" in DOC
    assert f"`scoring.submit_min_coverage` is {sc.submit_min_coverage}" in DOC
