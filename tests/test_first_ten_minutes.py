"""The first ten minutes of a new user: start the app as `make run` does, create the administrator's
account when the app asks for it, load the demo data, see a dashboard.

`make run` would also create the virtual environment and re-run pip, so the test runs the commands
of the Makefile's `run` recipe itself. `test_make_run_recipe_is_what_this_test_runs` keeps the two
from drifting apart: change RUN_RECIPE and the Makefile together.

Skipped only with RISKFRAME_SKIP_BROWSER=1 (like tests/browser/).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from browser_support import browser, free_port, page, skip_requested, stop, wait_healthy  # noqa: F401 (fixtures)

from riskframe.settings import REPO_ROOT

# The recipe of `make run` after its `install` prerequisite, exactly as the Makefile spells it.
RUN_RECIPE = [
    "$(BIN)/riskframe db upgrade",
    "$(BIN)/riskframe app --address 127.0.0.1 --port $(PORT)",
]
HEALTH_TIMEOUT = 60
TIMEOUT = 30_000
FIRST_PASSWORD = "first ten minutes, a long passphrase"


def makefile_recipe(target: str) -> tuple[list[str], list[str]]:
    """(prerequisites, recipe lines) of `target` in the Makefile."""
    lines = (REPO_ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        match = re.match(rf"^{re.escape(target)}\s*:(?!=)(.*)$", line)
        if match:
            recipe = []
            for body in lines[i + 1:]:
                if not body.startswith("\t"):
                    break
                recipe.append(body.strip())
            return match.group(1).split(), recipe
    raise AssertionError(f"the Makefile has no `{target}` target")


def commands(bin_dir: Path, port: int) -> list[list[str]]:
    """RUN_RECIPE with the Makefile's variables filled in, split as the shell would."""
    out = []
    for line in RUN_RECIPE:
        line = line.replace("$(BIN)", str(bin_dir)).replace("$(PORT)", str(port))
        assert "$(" not in line, f"unknown Makefile variable left in {line!r}"
        out.append(shlex.split(line))
    return out


def test_make_run_recipe_is_what_this_test_runs():
    prerequisites, recipe = makefile_recipe("run")
    assert prerequisites == ["install"], prerequisites
    assert recipe == RUN_RECIPE, (
        "the Makefile's `run` recipe changed: update RUN_RECIPE in tests/test_first_ten_minutes.py to match, "
        f"so the first-ten-minutes test starts the app the same way.\nMakefile: {recipe}\ntest:     {RUN_RECIPE}")


@pytest.fixture
def app_like_make_run(tmp_path):
    """Run the `make run` recipe from the checkout on a free port with an empty temporary database."""
    bin_dir = REPO_ROOT / ".venv" / "bin"
    assert (bin_dir / "riskframe").exists(), f"{bin_dir} has no riskframe: run `make install` first"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RISKFRAME_")}
    env.update(RISKFRAME_DATABASE_URL=f"sqlite:///{tmp_path / 'first.db'}", RISKFRAME_DATA_DIR=str(tmp_path))
    *setup, serve = commands(bin_dir, port)
    for argv in setup:
        done = subprocess.run(argv, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"`{shlex.join(argv)}` failed ({done.returncode}):\n{done.stdout}{done.stderr}"
    log_path = tmp_path / "server.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(serve, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_healthy(base, proc, timeout=HEALTH_TIMEOUT)
            except (RuntimeError, TimeoutError) as exc:
                raise AssertionError(f"{exc}; server log:\n{log_path.read_text()}") from None
            yield base
        finally:
            stop(proc)


@pytest.mark.browser
@pytest.mark.skipif(skip_requested(), reason="RISKFRAME_SKIP_BROWSER=1 set")
def test_start_load_demo_and_see_a_dashboard(app_like_make_run, page):
    from playwright.sync_api import expect

    base = app_like_make_run
    page.goto(base + "/", timeout=TIMEOUT)
    demo = page.get_by_role("button", name="Load the fictional demo data")
    first_run = page.get_by_role("button", name="Create the admin account")
    expect(demo.or_(first_run)).to_be_visible(timeout=TIMEOUT)
    if first_run.is_visible():  # a fresh database with sign-in on: the administrator's account comes first
        page.get_by_role("textbox", name="Username", exact=True).fill("admin")
        page.get_by_role("textbox", name="Password", exact=True).fill(FIRST_PASSWORD)
        page.get_by_role("textbox", name="Repeat the password", exact=True).fill(FIRST_PASSWORD)
        first_run.click()
    expect(demo).to_be_visible(timeout=TIMEOUT)
    demo.click()
    expect(page.get_by_text("My assessments")).to_be_visible(timeout=90_000)

    # Through the menu, as a user would: a fresh page load would start a new session (signed out).
    page.get_by_role("link", name="Country dashboard").click()
    expect(page.get_by_role("heading", name="Country dashboard")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile("Fictional data")).first).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.requested_hosts <= {"127.0.0.1"}, page.requested_hosts
