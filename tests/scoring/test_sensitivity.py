"""Sensitivity analysis (riskframe.scoring.sensitivity) and `riskframe sensitivity` on the demo data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_support import cli_invoker
from riskframe.demo import load_demo
from riskframe.framework import load_framework
from riskframe.scoring.sensitivity import sensitivity, settings_of
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store
from tests.scoring.scenarios import SCENARIOS, base, batch, entries

ZERO = {"max_weight": {"low": 0.5, "high": 0.5}, "breadth_shift": {"low": 0, "high": 0},
        "resilience_dampening": {"low": 0.3, "high": 0.3}, "weights_concentration": None,
        "geometric_share": 0.0, "unknowns": False, "confidence": False}


def _copy_with(tmp_path: Path, **changes) -> Path:
    dst = tmp_path / "indicators"
    shutil.copytree(REPO_ROOT / "indicators", dst)
    path = dst / "manifest.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sensitivity"].update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dst


def _random_entries(fw, rng: np.random.Generator, n: int, p_unknown: float = 0.1) -> tuple[pd.DataFrame, list[str]]:
    """n fictional assessments: every indicator scored 0–3 or unknown, some with low/medium confidence."""
    ids = list(fw.indicators)
    rows = []
    for a in range(n):
        for i in ids:
            if rng.random() < p_unknown:
                rows.append((f"X{a}", i, None, "unknown", None))
            else:
                rows.append((f"X{a}", i, float(rng.integers(0, 4)), None, rng.choice(["low", "medium", "high"])))
    frame = pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing", "confidence"])
    return frame, [f"X{a}" for a in range(n)]


@pytest.fixture(scope="module")
def zero_fw(tmp_path_factory):
    return load_framework(_copy_with(tmp_path_factory.mktemp("zero"), **ZERO))


def test_zero_width_ranges_reproduce_the_plain_result_exactly(zero_fw):
    frame, ids = batch(zero_fw)
    more, more_ids = _random_entries(zero_fw, np.random.default_rng(1), 12)
    frame = pd.concat([frame, more], ignore_index=True)
    r = sensitivity(frame, zero_fw, settings_of(zero_fw, draws=30), ids + more_ids)
    a = r.assessments
    assert (a["breadth_median"] == a["breadth_plain"]).all()
    assert (a["breadth_low"] == a["breadth_high"]).all()
    assert (a["composite_median"] == a["composite_plain"]).all()
    assert (a["level_modal"] == a["level_plain"]).all() and (a["level_modal_share"] == 1.0).all()
    assert (a["tier_modal"] == a["tier_plain"]).all() and a["level_robust"].all()


def test_a_range_that_excludes_the_method_value_is_refused_naming_the_field(tmp_path):
    fw = load_framework(_copy_with(tmp_path, max_weight={"low": 0.6, "high": 0.9}))
    with pytest.raises(ValueError, match=r"sensitivity\.max_weight.*contain the method's value 0\.5"):
        settings_of(fw)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), p_unknown=st.floats(0, 0.6))
def test_probabilities_sum_to_one_and_the_rank_band_holds_the_median(fw, seed, p_unknown):
    frame, ids = _random_entries(fw, np.random.default_rng(seed), 4, p_unknown)
    r = sensitivity(frame, fw, settings_of(fw, draws=40, seed=seed), ids)
    assert np.allclose(r.level_probabilities.sum(axis=1), 1.0)
    assert np.allclose(r.tier_probabilities.sum(axis=1), 1.0)
    a = r.assessments
    assert ((a["rank_low"] <= a["rank_median"]) & (a["rank_median"] <= a["rank_high"])).all()
    assert ((a["rank_low"] >= 1) & (a["rank_high"] <= 4)).all()
    assert (a["level_robust"] == (a["level_modal_share"] >= 0.8)).all()
    assert ((a["breadth_low"] <= a["breadth_median"]) & (a["breadth_median"] <= a["breadth_high"])).all()


def test_same_seed_same_result_and_another_seed_another(fw):
    frame, ids = batch(fw)
    one = sensitivity(frame, fw, settings_of(fw, draws=100, seed=7), ids)
    two = sensitivity(frame, fw, settings_of(fw, draws=100, seed=7), ids)
    other = sensitivity(frame, fw, settings_of(fw, draws=100, seed=8), ids)
    pd.testing.assert_frame_equal(one.assessments, two.assessments)
    pd.testing.assert_frame_equal(one.level_probabilities, two.level_probabilities)
    assert one.settings == two.settings and one.settings["seed"] == 7 and one.settings["draws"] == 100
    assert not one.assessments["breadth_median"].equals(other.assessments["breadth_median"])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_more_unknowns_never_narrow_the_interval(tmp_path, seed):
    """Only unknowns vary; each step turns more scored risk indicators of one assessment to unknown."""
    fw = load_framework(_copy_with(tmp_path, **(ZERO | {"unknowns": True})))
    rng = np.random.default_rng(seed)
    values = base(fw, risk=1)
    risk_ids = [i for i, ind in fw.indicators.items() if ind.kind == "risk" and ind.factor_id not in ("13", "14")]
    order = rng.permutation(risk_ids)
    widths = []
    for n in (0, 10, 30, 60, 100):
        step = dict(values) | dict.fromkeys(order[:n], "unknown")
        r = sensitivity(entries(step, "XA"), fw, settings_of(fw, draws=400, seed=seed), ["XA"])
        row = r.assessments.loc["XA"]
        widths.append(row["breadth_high"] - row["breadth_low"])
    assert widths[0] == 0.0
    assert all(b >= a for a, b in zip(widths, widths[1:])), widths


def test_rater_sheets_that_disagree_make_the_level_uncertain(zero_fw):
    values = base(zero_fw, risk=0)
    frame = entries(values, "XA")
    n_i = len(zero_fw.indicators)
    col = list(zero_fw.indicators).index("11.1")   # a crimes-under-way red flag
    sheets = np.full((2, 1, n_i), np.nan)
    sheets[0, 0, col], sheets[1, 0, col] = 3.0, 0.0
    r = sensitivity(frame, zero_fw, settings_of(zero_fw, draws=400, seed=3), ["XA"], raters=sheets)
    p = r.level_probabilities.loc["XA"]
    assert 0.35 < p["very_high"] < 0.65 and 0.35 < p["low"] < 0.65
    assert not r.assessments.loc["XA", "level_robust"] and r.settings["raters"] == 2
    plain = sensitivity(frame, zero_fw, settings_of(zero_fw, draws=50), ["XA"])
    assert plain.level_probabilities.loc["XA", "low"] == 1.0


def test_every_scenario_keeps_its_plain_level_as_the_modal_one_or_says_it_is_not_robust(fw):
    frame, ids = batch(fw)
    r = sensitivity(frame, fw, settings_of(fw, draws=300), ids)
    a = r.assessments
    assert list(a.index) == list(SCENARIOS)
    ok = (a["level_modal"] == a["level_plain"]) | ~a["level_robust"]
    assert ok.all(), a[["level_plain", "level_modal", "level_modal_share"]]
    assert set(r.indices["output"]) == {"breadth", "level", "composite"}
    assert r.indices["index"].between(0, 1).all()


# -- the command on the demo data ---------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, fw):
    directory = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{directory / 'demo.db'}"
    store = open_store(url)
    store.upgrade()
    load_demo(store, fw, REPO_ROOT / "seeds" / "demo", Actor.system("test"))
    store.close()
    return url, directory


@pytest.fixture
def run(demo_db, monkeypatch):
    url, directory = demo_db
    return cli_invoker(monkeypatch, url, directory)


def test_cli_json_sums_to_one_has_a_rank_band_and_repeats_with_the_seed(run):
    args = ("sensitivity", "--country", "XA", "--period", "2026-Q2", "--draws", 300, "--seed", 11, "--format", "json")
    first, second = run(*args), run(*args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout
    out = json.loads(first.stdout)
    assert abs(sum(out["level"]["probabilities"].values()) - 1) < 1e-9
    assert abs(sum(out["composite"]["tier_probabilities"].values()) - 1) < 1e-9
    rank = out["rank"]
    assert rank["of"] == 6 and 1 <= rank["low"] <= rank["median"] <= rank["high"] <= 6
    assert out["settings"]["seed"] == 11 and out["settings"]["draws"] == 300
    other = json.loads(run(*args[:-4], "--seed", 12, "--format", "json").stdout)
    assert other["breadth"] != out["breadth"]


def test_cli_table_and_errors(run):
    table = run("sensitivity", "--country", "XA", "--period", "2026-Q2", "--draws", 100)
    assert table.exit_code == 0 and "headline level" in table.stdout and "rank:" in table.stdout
    missing = run("sensitivity", "--country", "XA", "--period", "2031-Q1")
    assert missing.exit_code == 2 and missing.stdout == ""
    assert "no assessment of XA for 2031-Q1" in missing.stderr


def test_the_result_does_not_depend_on_the_block_size(fw, monkeypatch):
    from riskframe.scoring import sensitivity as module
    frame, ids = _random_entries(fw, np.random.default_rng(5), 5, 0.2)
    s = settings_of(fw, draws=60, seed=4).model_copy(update={"unknowns_shared": 0.5})
    whole = sensitivity(frame, fw, s, ids)
    monkeypatch.setattr(module, "CHUNK_ROWS", 7)   # one draw of the 5 assessments per block
    pd.testing.assert_frame_equal(whole.assessments, sensitivity(frame, fw, s, ids).assessments)


def test_first_order_index_names_the_only_choice_that_varies(tmp_path):
    fw = load_framework(_copy_with(tmp_path, **(ZERO | {"max_weight": {"low": 0.2, "high": 0.8}})))
    values = base(fw, risk=0)
    for ind in fw.factor_by_id["1"].indicators[:1] + fw.factor_by_id["2"].indicators[:1]:
        values[ind.id] = 3          # one severe indicator per factor: intensity moves with the max/mean mix
    r = sensitivity(entries(values, "XA"), fw, settings_of(fw, draws=300), ["XA"])
    idx = r.indices[(r.indices["assessment_id"] == "XA") & (r.indices["output"] == "breadth")].set_index("parameter")
    assert idx.loc["max_weight", "index"] > 0.9
    assert idx.drop("max_weight")["index"].max() < 0.1
    assert r.assessments.loc["XA", "breadth_low"] < r.assessments.loc["XA", "breadth_high"]


def test_cli_with_every_range_at_zero_width_prints_the_plain_composite_as_median(run, tmp_path, monkeypatch):
    monkeypatch.setenv("RISKFRAME_INDICATORS_DIR", str(_copy_with(tmp_path, **ZERO)))
    done = run("sensitivity", "--country", "XA", "--period", "2026-Q2", "--draws", 50, "--format", "json")
    assert done.exit_code == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["composite"]["median"] == out["composite"]["plain"] == out["composite"]["low"]
    assert out["breadth"]["median"] == out["breadth"]["plain"]
    assert out["level"]["robust"] and out["level"]["modal"] == out["level"]["plain"]
