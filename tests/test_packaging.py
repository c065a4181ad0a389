"""A built wheel carries the framework files and the demo seeds, and works outside the checkout.

The wheel is built from a copy of the source (nothing is written into the checkout, where other
tests watch the top-level names) with the venv's setuptools, without build isolation or network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from riskframe.settings import REPO_ROOT

SOURCE = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "riskframe", "indicators", "seeds"]


def _files(root: Path, folder: str) -> set[str]:
    return {p.relative_to(root / folder).as_posix() for p in (root / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("source")
    for name in SOURCE:
        path = REPO_ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "_data", "*.egg-info"))
        else:
            shutil.copy2(path, src / name)
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                           "-q", "-w", str(out), str(src)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("riskframe-*.whl")
    return built


def test_wheel_ships_framework_files_demo_seeds_and_the_app_script(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("indicators", "seeds/demo"):
        expected = _files(REPO_ROOT, folder)
        assert expected, folder
        missing = sorted(f for f in expected if f"riskframe/_data/{folder}/{f}" not in names)
        assert not missing, f"the wheel lacks {folder}/: {missing}"
    assert "riskframe/streamlit_app.py" in names
    assert not any(n.startswith(("indicators/", "seeds/", "tests/")) for n in names), "data belongs under riskframe/"


def test_installed_wheel_checks_the_framework_and_finds_the_demo_seeds_from_another_directory(wheel, tmp_path):
    """Installed without dependencies into a new venv that borrows this one's packages, run from a temporary
    directory. The borrowed site-packages is appended by a .pth line, so its own .pth files (the editable
    install of the checkout) are not processed and the wheel's copy is the one imported."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    Path(site, "borrowed.pth").write_text("\n".join(ours) + "\n")
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", site,
                           str(wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith("RISKFRAME_") and k != "PYTHONPATH"}
    env["RISKFRAME_DATA_DIR"] = str(tmp_path / "data")
    run = tmp_path / "elsewhere"
    run.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import riskframe, riskframe.settings as s; c = s.load_settings(); "
                            "print(riskframe.__file__); print(c.indicators_dir); print(s.demo_seeds_dir(c))"],
        cwd=run, env=env, capture_output=True, text=True, timeout=120)
    assert where.returncode == 0, where.stderr
    module, indicators, seeds = where.stdout.split()
    assert module.startswith(site), f"the checkout was imported instead of the installed wheel: {module}"
    assert indicators.startswith(site) and Path(indicators, "manifest.yaml").is_file(), indicators
    assert seeds.startswith(site) and sorted(p.name for p in Path(seeds).glob("*.yaml")) == \
        sorted(p.name for p in (REPO_ROOT / "seeds" / "demo").glob("*.yaml"))
    check = subprocess.run([str(python), "-m", "riskframe.cli", "framework", "check"], cwd=run, env=env,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "14 risk factors" in check.stdout
    app = subprocess.run([str(python), "-m", "riskframe.cli", "app", "--path"], cwd=run, env=env,
                         capture_output=True, text=True, timeout=120)
    assert app.returncode == 0 and app.stdout.strip().startswith(site), app.stdout + app.stderr


def test_app_without_psycopg_says_so_in_a_sentence(monkeypatch):
    """psycopg is the `postgres` extra: the app names it instead of showing a traceback."""
    import importlib.util

    from streamlit.testing.v1 import AppTest

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None if name == "psycopg" else real(name, *rest))
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", "postgresql://someone@127.0.0.1:1/riskframe")
    at = AppTest.from_file(str(REPO_ROOT / "riskframe" / "streamlit_app.py"), default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("postgres extra" in e.value for e in at.error), [e.value for e in at.error]
