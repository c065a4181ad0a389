"""A real app server and headless Debian Chromium for the end-to-end journey.

Runs in `make test`; skipped only when RISKFRAME_SKIP_BROWSER=1 is set explicitly. The helpers and
the `browser` / `page` fixtures live in tests/browser_support.py, shared with
tests/test_first_ten_minutes.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, browser, free_port, page, skip_requested, stop, wait_healthy

from riskframe.settings import REPO_ROOT

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "app_server", "browser", "free_port", "page", "wait_healthy"]


def pytest_collection_modifyitems(config, items):
    if skip_requested():
        skip = pytest.mark.skip(reason="RISKFRAME_SKIP_BROWSER=1 set")
        for item in items:
            if "tests/browser" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """`streamlit run riskframe/asgi.py` on a free port with a temporary database, as `make run`
    (`riskframe app`) starts it: the app with its session-cookie routes."""
    tmp = tmp_path_factory.mktemp("browser")
    port = free_port()
    env = {**os.environ, "RISKFRAME_DATABASE_URL": f"sqlite:///{tmp / 'rf.db'}", "RISKFRAME_ACTOR": "focal.browser",
           "RISKFRAME_DATA_DIR": str(tmp)}
    log = open(tmp / "server.log", "w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "streamlit"), "run", "riskframe/asgi.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
        yield base
    finally:
        stop(proc)
        log.close()
