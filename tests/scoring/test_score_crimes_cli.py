"""`riskframe score` JSON: risk per crime, headline, status, provisional, unresolved red flags (in-process)."""

import json

from click.testing import CliRunner

from riskframe.cli import cli
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT

FW = load_framework(REPO_ROOT / "indicators")
NOTE = "no armed conflict (fictional)"


def assessment(levels: dict[str, int], default=0, country="XA") -> dict:
    """Every risk indicator assessed at `default` (13–14 not applicable with a note), then `levels`."""
    scores = {}
    for ind in FW.indicators.values():
        if ind.kind != "risk":
            continue
        if ind.factor_id in ("13", "14"):
            scores[ind.id] = {"missing": "not_applicable", "comment": NOTE}
        else:
            scores[ind.id] = {"score": default}
    for fid, lvl in levels.items():
        for ind in FW.factor_by_id[fid].indicators:
            scores[ind.id] = {"score": lvl}
    return {"country": country, "period": "2026-Q1", "scores": scores}


def score(payload) -> dict | list:
    result = CliRunner().invoke(cli, ["score", "--input", "-"], input=json.dumps(payload))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


RANK = {t.id: i for i, t in enumerate(FW.manifest.scoring.tiers)}


def test_the_json_has_the_per_crime_keys():
    out = score(assessment({}))
    for key in ("crimes", "headline", "status", "provisional", "unresolved_red_flags", "composite", "tier"):
        assert key in out
    assert set(out["crimes"]) == {"genocide", "crimes_against_humanity", "war_crimes"}
    for crime in out["crimes"].values():
        assert {"level", "breadth", "escalators"} <= set(crime)
    assert out["status"] == "onset" and out["provisional"] is False and out["unresolved_red_flags"] == []


def test_factor_11_at_3_is_high_and_may_be_under_way():
    out = score(assessment({"11": 3}))
    assert RANK[out["level"]] >= RANK["high"]
    assert out["status"] == "under_way" and out["status_text"] == "atrocity crimes may be under way"
    assert out["headline"].startswith("crimes against humanity:")
    assert out["crimes"]["crimes_against_humanity"]["escalators"]["present"] == ["11"]


def test_factors_9_10_name_genocide_above_factor_1():
    gen, war = score([assessment({"9": 3, "10": 3}), assessment({"1": 3}, country="XB")])
    assert gen["headline"].startswith("genocide:")
    assert RANK[gen["level"]] > RANK[war["level"]]


def test_only_factor_7_is_provisional_and_lists_unresolved_flags():
    scores = {ind.id: {"score": 3} for ind in FW.factor_by_id["7"].indicators}
    out = score({"country": "XA", "period": "2026-Q1", "scores": scores})
    assert out["provisional"] is True and out["provisional_reasons"]
    assert "10.2" in out["unresolved_red_flags"] and "7.14" not in out["unresolved_red_flags"]


def test_one_trigger_at_2_stays_below_elevated():
    payload = assessment({})
    payload["scores"]["8.1"] = {"score": 2}
    out = score(payload)
    assert RANK[out["level"]] < RANK["elevated"]


def test_not_applicable_outside_13_14_counts_as_unknown():
    payload = assessment({})
    for ind in FW.factor_by_id["10"].indicators:
        payload["scores"][ind.id] = {"missing": "not_applicable", "comment": "we think not"}
    out = score(payload)
    assert out["provisional"] is True and "10.2" in out["unresolved_red_flags"]


def test_table_format_names_the_headline():
    result = CliRunner().invoke(cli, ["score", "--input", "-", "--format", "table"],
                                input=json.dumps(assessment({"11": 3})))
    assert result.exit_code == 0
    assert "crimes against humanity: very high" in result.output and "may be under way" in result.output
