"""Nothing counted twice: `framework check` refuses a copy with an undeclared mirror pair."""

import shutil

import yaml
from click.testing import CliRunner

from riskframe.cli import cli
from riskframe.framework import check_framework, load_framework
from riskframe.settings import REPO_ROOT


def copy(tmp_path):
    dst = tmp_path / "indicators"
    shutil.copytree(REPO_ROOT / "indicators", dst)
    return dst


def edit_manifest(dst, change):
    path = dst / "manifest.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["method"]["mirrors"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def messages(dst):
    return [str(i) for i in check_framework(dst)]


def test_shipped_framework_declares_every_mirror():
    fw = load_framework(REPO_ROOT / "indicators")
    mirrors = fw.manifest.method.mirrors
    declared = {p.risk for p in mirrors.pairs} | {p.resilience for p in mirrors.pairs} | set(mirrors.no_mirror)
    for ind in fw.indicators.values():
        if ind.kind == "resilience" or ind.factor_id in mirrors.watched_factors:
            assert ind.id in declared
    assert len(mirrors.pairs) >= 12


def test_dropping_a_declared_pair_is_refused(tmp_path):
    dst = copy(tmp_path)
    edit_manifest(dst, lambda m: m.update(pairs=[p for p in m["pairs"] if p["risk"] != "6.2"]))
    found = messages(dst)
    assert any("factor-6 indicator 6.2 is not declared" in m for m in found), found
    assert any("resilience indicator R2.1 is not declared" in m for m in found), found


def test_a_new_resilience_indicator_must_say_whether_it_mirrors(tmp_path):
    dst = copy(tmp_path)
    path = dst / "resilience/r2.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    new = dict(data["indicators"][1])  # a copy of R2.2 (free media), i.e. a second mirror of 6.3
    new["id"] = f"R2.{len(data['indicators']) + 1}"
    data["indicators"].append(new)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["framework", "check", str(dst)])
    assert result.exit_code == 2
    assert f"resilience indicator {new['id']} is not declared" in result.output
    edit_manifest(dst, lambda m: m["pairs"].append({"risk": "6.3", "resilience": new["id"]}))
    assert not messages(dst)


def test_pairs_must_name_one_risk_and_one_resilience_indicator(tmp_path):
    dst = copy(tmp_path)
    edit_manifest(dst, lambda m: m["pairs"].append({"risk": "R2.1", "resilience": "6.2"}))
    found = messages(dst)
    assert any("'R2.1' is not a risk indicator" in m for m in found)
    assert any("'6.2' is not a resilience indicator" in m for m in found)


def test_every_red_flag_has_a_declared_kind(tmp_path):
    dst = copy(tmp_path)
    path = dst / "risk/rf10.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["indicators"][0]["red_flag"]["kind"] = "rumour"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert any("red flag 10.1 needs a kind" in m for m in messages(dst))
