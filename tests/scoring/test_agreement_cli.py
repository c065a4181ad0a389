"""`riskframe agreement` in-process (click's CliRunner): the published figures, and bad input refused by row and column."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from riskframe.cli import cli
from riskframe.settings import REPO_ROOT

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "krippendorff-2011-missing-values.csv"
PUBLISHED = {"nominal": "0.743", "ordinal": "0.815", "interval": "0.849", "ratio": "0.797"}


def run(*args: str):
    return CliRunner().invoke(cli, ["agreement", *args], prog_name="riskframe")


@pytest.mark.parametrize("level", list(PUBLISHED))
def test_prints_the_published_alpha_for_each_level(level):
    res = run("--input", str(FIXTURE), "--level", level, "--bootstrap", "200")
    assert res.exit_code == 0, res.output
    assert f"Krippendorff's alpha ({level}): {PUBLISHED[level]}\n" in res.stdout
    assert "units: 11 pairable of 12; raters: 4; pairable values: 40" in res.stdout
    assert "95% interval: " in res.stdout and "200 resamples, seed 0" in res.stdout


def test_json_output_and_seeded_interval():
    first = run("--input", str(FIXTURE), "--format", "json", "--seed", "4", "--bootstrap", "300")
    again = run("--input", str(FIXTURE), "--format", "json", "--seed", "4", "--bootstrap", "300")
    other = run("--input", str(FIXTURE), "--format", "json", "--seed", "5", "--bootstrap", "300")
    out = json.loads(first.stdout)
    assert out["level"] == "ordinal"
    assert round(out["alpha"], 3) == 0.815
    assert (out["units"], out["units_total"], out["pairable_values"], out["raters"]) == (11, 12, 40, 4)
    interval = out["interval"]
    assert interval["low"] < out["alpha"] <= interval["high"]
    assert (interval["resamples"], interval["seed"], interval["confidence"]) == (300, 4, 0.95)
    assert json.loads(again.stdout)["interval"] == interval
    assert json.loads(other.stdout)["interval"] != interval


def test_no_bootstrap_leaves_the_interval_out():
    out = json.loads(run("--input", str(FIXTURE), "--format", "json", "--bootstrap", "0").stdout)
    assert out["interval"] is None


def test_spread_lists_units_and_flags_two_levels_apart():
    res = run("--input", str(FIXTURE), "--spread", "--format", "json", "--bootstrap", "0")
    spread = {s["unit"]: s for s in json.loads(res.stdout)["units_spread"]}
    assert spread["6"]["range"] == 3 and spread["6"]["flagged"] is True
    assert spread["6"]["distribution"] == {"1": 1, "2": 1, "3": 1, "4": 1}
    assert spread["2"]["flagged"] is False and spread["12"]["ratings"] == 1
    table = run("--input", str(FIXTURE), "--spread", "--bootstrap", "0").stdout
    assert "differ by 2+" in table and "1×1 2×1 3×1 4×1" in table


def write(tmp_path, text: str):
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def refused(path: str, *needles: str, level: str = "ordinal"):
    res = run("--input", path, "--level", level)
    assert res.exit_code == 2, res.output
    assert res.stdout == ""
    assert "Traceback" not in res.stderr and isinstance(res.exception, SystemExit)
    for needle in needles:
        assert needle in res.stderr, res.stderr
    return res.stderr


def test_missing_column_is_named(tmp_path):
    refused(write(tmp_path, "unit,coder,value\n1,A,1\n"), "row 1 (the header)", "no column 'rater'", "found: unit, coder, value")


def test_semicolon_separated_file_gets_a_hint(tmp_path):
    refused(write(tmp_path, "unit;rater;value\n1;A;1\n"), "row 1 (the header)", "commas, not semicolons")


def test_undefined_alpha_is_said_not_printed_as_a_number(tmp_path):
    path = write(tmp_path, "unit,rater,value\n1,A,2\n1,B,2\n2,A,2\n2,B,2\n")
    res = run("--input", path, "--bootstrap", "50")
    assert res.exit_code == 0, res.output
    assert "alpha (ordinal): undefined (the pairable values do not vary)" in res.stdout
    assert "undefined in every resample" in res.stdout
    out = json.loads(run("--input", path, "--format", "json", "--bootstrap", "50").stdout)
    assert out["alpha"] is None and out["interval"] is None and "undefined" in out["note"]


def test_non_numeric_value_names_row_and_column(tmp_path):
    refused(write(tmp_path, "unit,rater,value\n1,A,1\n1,B,high\n"), "row 3, column value", "'high' is not a number")


def test_every_problem_is_listed_at_once(tmp_path):
    err = refused(write(tmp_path, "unit,rater,value\n1,A,x\n,B,1\n2,A,inf\n1,A,2\n"), "4 problems", "nothing was computed")
    assert "row 2, column value" in err and "row 3, column unit" in err and "row 4, column value" in err
    assert "row 5, column rater" in err and "in row 2" in err


def test_duplicate_unit_rater_pair_names_both_rows(tmp_path):
    refused(write(tmp_path, "unit,rater,value\n1,A,1\n1,B,2\n1,A,3\n"),
            "row 4, column rater", "rater 'A' already has a value for unit '1' in row 2")


def test_nothing_pairable(tmp_path):
    refused(write(tmp_path, "unit,rater,value\n1,A,1\n1,B,\n2,B,2\n"), "nothing to compare", "column value")


def test_negative_value_at_ratio_level(tmp_path):
    refused(write(tmp_path, "unit,rater,value\n1,A,1\n1,B,-2\n"), "row 3, column value", "ratio", level="ratio")


def test_empty_file_and_header_only(tmp_path):
    refused(write(tmp_path, ""), "is empty")
    refused(write(tmp_path, "unit,rater,value\n"), "no rows")


def test_unreadable_file(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("unit,rater,value\nrégion,A,1\n".encode("latin-1"))
    refused(str(path), "not UTF-8")
    refused(str(tmp_path / "absent.csv"), "cannot read --input")


def test_columns_in_any_order_with_extra_columns_and_bom(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\ufeffValue,note,Rater,Unit\n1,,A,x\n1,,B,x\n0,,A,y\n0,ok,B,y\n", encoding="utf-8")
    res = run("--input", str(path), "--level", "nominal", "--bootstrap", "0")
    assert res.exit_code == 0, res.output
    assert "alpha (nominal): 1.000" in res.stdout
