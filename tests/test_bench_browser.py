"""The browser benchmark's harness (bench/w8_browser.py) still works: the floor workload, twice.

Keeps `python -m bench` from rotting between full runs; no timing is asserted, only that each
sample ended on the DOM it waits for and nothing left 127.0.0.1. Skipped only with
RISKFRAME_SKIP_BROWSER=1, like tests/browser.
"""

from __future__ import annotations

import math
import sys

import pytest
from browser_support import skip_requested

from riskframe.settings import REPO_ROOT

if str(REPO_ROOT) not in sys.path:  # bench/ sits beside riskframe/ in the checkout, not in the wheel
    sys.path.insert(0, str(REPO_ROOT))

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(skip_requested(), reason="RISKFRAME_SKIP_BROWSER=1 set")]


def test_floor_workload_runs_twice_and_ends_on_the_counter(tmp_path):
    from bench import browser_harness as h
    from bench import w8_browser

    server = h.Server(h.app_env(f"sqlite:///{tmp_path / 'floor.db'}", tmp_path), tmp_path / "floor.log",
                      script=REPO_ROOT / "bench" / "floor_app.py")
    try:
        server.start()
        with h.chromium() as browser:
            page = h.new_page(browser)
            samples = w8_browser.floor(page, server.base, 2)
            # The harness waited for the counter the second click draws, and the run to finish.
            assert page.get_by_text("Clicked 2 time(s)", exact=True).is_visible()
            assert page.evaluate(h.IDLE_JS)
            hosts = page.requested_hosts
            page.context.close()
    finally:
        server.stop()
    assert server.proc is not None and server.proc.poll() is not None, "the server was not stopped"
    assert len(samples) == 2
    # the in-page clock starts at the click event and ends at the last change: inside the wall-clock span
    assert all(math.isfinite(s.page) and 0 < s.page <= s.wall for s in samples), samples
    assert hosts == {"127.0.0.1"}, hosts
    row = w8_browser._row("floor", samples, samples[0].page, None)
    assert {"p50", "p95", "n"} <= set(row) and row["n"] == 2
