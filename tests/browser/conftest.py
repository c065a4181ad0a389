"""A real app server and headless Debian Chromium for the end-to-end journey.

Runs in `make test`; skipped only when RISKFRAME_SKIP_BROWSER=1 is set explicitly.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from riskframe.settings import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    if os.environ.get("RISKFRAME_SKIP_BROWSER") == "1":
        skip = pytest.mark.skip(reason="RISKFRAME_SKIP_BROWSER=1 set")
        for item in items:
            if "tests/browser" in str(item.fspath):
                item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 60) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return time.monotonic() - start
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{base} not healthy after {timeout}s")


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """`streamlit run app.py` on a free port with a temporary database, as `make run` starts it."""
    tmp = tmp_path_factory.mktemp("browser")
    port = free_port()
    env = {**os.environ, "RISKFRAME_DATABASE_URL": f"sqlite:///{tmp / 'rf.db'}", "RISKFRAME_ACTOR": "focal.browser"}
    log = open(tmp / "server.log", "w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "streamlit"), "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (scripts/install-system-deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page that records every request's host, so tests can prove nothing leaves 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.requested_hosts = set()
    pg.on("request", lambda req: pg.requested_hosts.add(req.url.split("/")[2].split(":")[0]
                                                        if "://" in req.url else req.url))
    yield pg
    context.close()
