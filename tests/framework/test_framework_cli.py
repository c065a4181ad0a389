"""The framework CLI: in-process through click's CliRunner, plus one run in a subprocess as a user runs it."""

import json
import shutil
import subprocess
import sys
from types import SimpleNamespace

import yaml
from click.testing import CliRunner

from riskframe.cli import cli
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT


def run(*args):
    """`riskframe ARGS` in this process: returncode, stdout and stderr as a subprocess would give them."""
    result = CliRunner().invoke(cli, list(args), prog_name="riskframe")
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def test_check_in_a_subprocess_from_another_directory(tmp_path):
    """The one real process: `python -m riskframe.cli` finds the framework wherever it starts."""
    res = subprocess.run([sys.executable, "-m", "riskframe.cli", "framework", "check"], capture_output=True,
                         text=True, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "14 risk factors" in res.stdout


def test_check_passes_on_the_shipped_framework():
    res = run("framework", "check")
    assert res.returncode == 0, res.stderr
    assert "14 risk factors" in res.stdout
    n_risk = len([i for i in load_framework().indicators.values() if i.kind == "risk"])
    assert f"{n_risk} risk indicators" in res.stdout
    if n_risk < 143:
        assert "unverified for factors 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14" in res.stderr


def test_list_json_records():
    res = run("framework", "list", "--format", "json")
    assert res.returncode == 0, res.stderr
    records = json.loads(res.stdout)
    risk = [r for r in records if r["kind"] == "risk"]
    assert len({r["factor"] for r in risk}) == 14
    assert len(risk) == len([i for i in load_framework().indicators.values() if i.kind == "risk"]) >= 127
    assert len([r for r in records if r["kind"] == "resilience"]) >= 15
    for r in records:
        assert {"id", "kind", "factor", "factor_title", "group", "text", "tags", "red_flag", "source"} <= set(r)
        assert r["source"]


def test_list_in_french_uses_french_factor_titles():
    en = json.loads(run("framework", "list", "--format", "json").stdout)
    fr = json.loads(run("framework", "list", "--format", "json", "--lang", "fr").stdout)
    assert en[0]["factor_title"] != fr[0]["factor_title"]


def test_list_table_and_show():
    assert "1.1" in run("framework", "list").stdout
    res = run("framework", "show", "1.1")
    assert res.returncode == 0 and "Guidance:" in res.stdout and "Evidence sources:" in res.stdout


def test_show_unknown_id_exits_2():
    res = run("framework", "show", "99.1")
    assert res.returncode == 2 and "99.1" in res.stderr and res.stdout == ""


def test_check_broken_copy_exits_2_naming_file_and_field(tmp_path):
    dst = tmp_path / "indicators"
    shutil.copytree(REPO_ROOT / "indicators", dst)
    path = dst / "risk/rf03.yaml"
    data = yaml.safe_load(path.read_text())
    data["indicators"][0]["tags"] = ["not_a_tag"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    res = run("framework", "check", str(dst))
    assert res.returncode == 2
    assert "risk/rf03.yaml" in res.stderr and "indicators[0].tags[0]" in res.stderr


def test_docs_catalogue_is_current():
    """docs/framework.md is generated; regenerate with `riskframe framework docs --out docs/framework.md`."""
    res = run("framework", "docs")
    assert res.returncode == 0
    assert (REPO_ROOT / "docs/framework.md").read_text(encoding="utf-8") == res.stdout, (
        "docs/framework.md is stale: run `riskframe framework docs --out docs/framework.md`"
    )
