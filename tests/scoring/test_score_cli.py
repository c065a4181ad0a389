"""`riskframe score`: in-process through click's CliRunner, plus one run in a subprocess as a user runs it."""

import json
import subprocess
import sys
from types import SimpleNamespace

from click.testing import CliRunner

from riskframe.cli import cli
from riskframe.settings import REPO_ROOT


def run(*args, stdin=None):
    """`riskframe ARGS` in this process: returncode, stdout and stderr as a subprocess would give them."""
    result = CliRunner().invoke(cli, list(args), input=stdin, prog_name="riskframe")
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


GOOD = {"country": "XA", "period": "2026-Q3",
        "scores": {"1.1": {"score": 2, "confidence": "medium", "evidence": "Clashes in the north.", "sources": [{"title": "OCHA update"}]},
                   "4.3": {"missing": "unknown"}, "R1.1": {"score": 1}}}


def test_scores_one_assessment_as_json():
    res = run("score", "--input", "-", stdin=json.dumps(GOOD))
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    for key in ("composite", "tier", "coverage", "band", "risk_index", "resilience_index", "factors", "drivers",
                "red_flags", "explanation"):
        assert key in out
    assert out["band"][0] <= out["composite"] <= out["band"][1]
    assert {f["id"] for f in out["factors"]} >= {"1", "14", "R1"}


def test_scores_from_stdin_in_a_subprocess():
    """The one real process: stdin, stdout and the exit code of `python -m riskframe.cli score`."""
    res = subprocess.run([sys.executable, "-m", "riskframe.cli", "score", "--input", "-"], input=json.dumps(GOOD),
                         capture_output=True, text=True, cwd=REPO_ROOT)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["composite"] is not None


def test_scores_a_list_and_prints_a_table(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([GOOD, {**GOOD, "country": "XB"}]))
    res = run("score", "--input", str(path), "--format", "json")
    assert len(json.loads(res.stdout)) == 2
    table = run("score", "--input", str(path), "--format", "table")
    assert "XA/2026-Q3" in table.stdout and "XB/2026-Q3" in table.stdout


def bad(payload, *needles):
    res = run("score", "--input", "-", stdin=payload if isinstance(payload, str) else json.dumps(payload))
    assert res.returncode == 2, res
    assert res.stdout == ""
    for needle in needles:
        assert needle in res.stderr, res.stderr


def test_misspelled_indicator_id_exits_2_naming_it():
    bad({**GOOD, "scores": {"1.l": {"score": 1}}}, "1.l", "unknown indicator")


def test_score_out_of_range():
    bad({**GOOD, "scores": {"1.1": {"score": 4}}}, "scores.1.1.score", "4")


def test_malformed_json():
    bad('{"country": "XA",', "not valid JSON")


def test_unknown_country_and_bad_period():
    bad({**GOOD, "country": "QQ1"}, "country", "QQ1")
    bad({**GOOD, "country": "XX1"}, "country")
    bad({**GOOD, "country": "UK"}, "country", "UK")
    bad({**GOOD, "period": "2026-Q5"}, "period", "2026-Q5")


def test_score_and_missing_together():
    bad({**GOOD, "scores": {"1.1": {"score": 1, "missing": "unknown"}}}, "either a score or a missing code")
