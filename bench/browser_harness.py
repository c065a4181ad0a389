"""The browser benchmark's machinery: an app server on 127.0.0.1, headless Debian Chromium, an in-page clock.

What one sample times, on the page's own clock (`performance.now()`, installed by `CLOCK_JS` on every
document with `page.add_init_script`):
- start: the first user input event of the action — `pointerdown`, `mousedown`, `click`, `change`,
  `input` or `keydown`, seen by a capture listener on `window` after the harness arms the clock just
  before the action; for a page load, the navigation start (0 of the new document's timeline);
- end: the time of the last DOM mutation (a MutationObserver on the document: subtree, childList,
  attributes — `data-test-script-state` included — and characterData) as it stands when Playwright
  finds the end state settled (noted in the page by that very check, `SETTLED_JS`): (a) the DOM that
  shows the result is visible — a text or element that only the new state draws — and (b) Streamlit
  reports the script run finished (the app root's `data-test-script-state` is `notRunning`).
So a sample is the time from the user's input to the last change the browser made to the page before
the result was complete. Playwright still drives (its `click()` runs actionability checks, 35–55 ms,
before the first event) and detects (`wait_for` polls with a backoff of up to 500 ms); neither is in
the sample any more. The old figure — wall clock from just before Playwright's call to its detection —
is kept as each sample's secondary `wall` value. A cold start adds, on the wall clock, the time from
the process start to the navigation start (`performance.timeOrigin`). The floor (bench/floor_app.py)
is clicked and measured the same way.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple
from collections.abc import Callable, Iterator

from riskframe.settings import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
# The launch flags of tests/browser_support.py: nothing phones home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 60_000
# Installed on every document before its own scripts: the clock of a sample (see the docstring).
CLOCK_JS = """(() => {
  const c = { armed: false, input: 0, mutation: 0, mutations: 0, lastInput: 0, lastRun: -1 };
  window.__rfClock = c;
  c.arm = () => { c.armed = true; c.input = null; c.end = null; };
  const seen = () => { c.lastInput = performance.now(); if (c.armed && c.input === null) c.input = c.lastInput; };
  for (const t of ['pointerdown', 'mousedown', 'click', 'change', 'input', 'keydown'])
    window.addEventListener(t, seen, true);
  const mo = new MutationObserver((records) => {
    c.mutation = performance.now(); c.mutations += 1;
    // a script run started (or ended) since the last input: untimed preparation waits for this
    if (records.some(r => r.attributeName === 'data-test-script-state')) c.lastRun = c.mutation; });
  mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();"""
READ_CLOCK_JS = ("() => { const c = window.__rfClock; return c ? { input: c.input, mutation: c.end ?? c.mutation,"
                 " mutations: c.mutations, origin: performance.timeOrigin } : null; }")
# A script run started after the last user input (set by CLOCK_JS), for untimed preparation steps.
RAN_SINCE_INPUT_JS = "() => { const c = window.__rfClock; return !!c && c.lastRun > c.lastInput; }"
IDLE_JS = ("() => { const a = document.querySelector('[data-testid=\"stApp\"]');"
           " return !!a && a.getAttribute('data-test-script-state') === 'notRunning'; }")
# IDLE_JS that also notes, when it finds the run finished, the last mutation so far as the sample's end
# (mutations after Playwright's detection, e.g. while the harness reads the clock, are not counted).
SETTLED_JS = ("() => { const a = document.querySelector('[data-testid=\"stApp\"]');"
              " const done = !!a && a.getAttribute('data-test-script-state') === 'notRunning';"
              " const c = window.__rfClock; if (done && c) c.end = c.mutation; return done; }")
# The same flags `riskframe app` passes to `streamlit run` (riskframe/cli/app_cmd.py).
SERVER_FLAGS = ["--server.headless", "true", "--browser.gatherUsageStats", "false",
                "--server.enableXsrfProtection", "true", "--client.toolbarMode", "minimal"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `riskframe app` (or `streamlit run SCRIPT`) process on a free 127.0.0.1 port."""

    def __init__(self, env: dict[str, str], log: Path, script: Path | None = None) -> None:
        self.env, self.log_path, self.script = env, log, script
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def command(self) -> list[str]:
        if self.script is None:
            return [str(Path(sys.executable).parent / "riskframe"), "app", "--address", "127.0.0.1",
                    "--port", str(self.port)]
        return [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.address", "127.0.0.1",
                "--server.port", str(self.port), *SERVER_FLAGS]

    def start(self, timeout: float = 60) -> None:
        """Start and wait until /_stcore/health answers (bounded)."""
        self.spawn()
        self.wait(timeout)

    def spawn(self) -> None:
        """Start the process without waiting (the caller does other work meanwhile, then `wait`)."""
        with open(self.log_path, "a") as log:
            self.proc = subprocess.Popen(self.command(), cwd=REPO_ROOT, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT)

    def wait(self, timeout: float = 60) -> None:
        """Until /_stcore/health answers 200 (bounded); the process must stay alive."""
        assert self.proc is not None, "spawn() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the app exited with {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.02)
        raise TimeoutError(f"{self.base} not healthy after {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        """Terminate this server only (its own pid), killing it if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


@contextmanager
def workdir(prefix: str) -> Iterator[Path]:
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright, closed whatever happens."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing (scripts/install-system-deps.sh installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Any) -> Any:
    """A page that records every request's host, so the run can prove nothing left 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.add_init_script(CLOCK_JS)
    page.requested_hosts = set()
    page.on("request", lambda req: page.requested_hosts.add(req.url.split("/")[2].split(":")[0]
                                                            if "://" in req.url else req.url))
    return page


def idle(page: Any, timeout: float = TIMEOUT_MS) -> None:
    """Wait until Streamlit says the script run has finished (bounded); the in-page clock notes the
    last mutation at that moment as the end of the sample."""
    page.wait_for_function(SETTLED_JS, timeout=timeout)


def settle(page: Any, marker: Any, timeout: float = TIMEOUT_MS) -> None:
    """The end of a sample: the marker (a locator only the new state draws) visible, the run finished."""
    marker.first.wait_for(state="visible", timeout=timeout)
    idle(page, timeout)


class Sample(NamedTuple):
    """One sample: `page` on the in-page clock (the figure reported), `wall` as timed before (secondary)."""
    page: float
    wall: float


def read_clock(page: Any) -> dict[str, float]:
    clock = page.evaluate(READ_CLOCK_JS)
    if clock is None:
        raise RuntimeError("the in-page clock is missing (add_init_script did not run on this document)")
    return clock


def arm(page: Any) -> None:
    """Just before an action: the next input event on this document starts the sample."""
    page.evaluate("() => window.__rfClock.arm()")


def since_input(page: Any) -> float:
    """Seconds from the armed action's first input event to the last DOM mutation so far."""
    clock = read_clock(page)
    if clock["input"] is None:
        raise RuntimeError("no input event reached the page during the action (the clock has no start)")
    if clock["mutation"] < clock["input"]:
        raise RuntimeError("the page did not change after the action's input event")
    return (clock["mutation"] - clock["input"]) / 1000


def since_navigation(page: Any) -> float:
    """Seconds from the document's navigation start (0 on its timeline) to its last DOM mutation so far."""
    return read_clock(page)["mutation"] / 1000


def timed(page: Any, action: Callable[[], object], marker: Callable[[], Any]) -> Sample:
    """From the action's first input event to the last DOM mutation once the `marker` is visible and
    the run finished (in-page clock); the wall time around the whole call as the secondary figure."""
    arm(page)
    t = time.perf_counter()
    action()
    settle(page, marker())
    wall = time.perf_counter() - t
    return Sample(since_input(page), wall)


def sample(n: int, prepare: Callable[[int], object] | None, measure: Callable[[int], Sample]) -> list[Sample]:
    """`n` samples; `prepare(i)` (untimed) brings the page to the state before the i-th action."""
    out = []
    for i in range(n):
        if prepare is not None:
            prepare(i)
        out.append(measure(i))
    return out


def app_env(db_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RISKFRAME_")}
    env.update(RISKFRAME_DATABASE_URL=db_url, RISKFRAME_AUTH="off", RISKFRAME_ACTOR="bench.analyst",
               RISKFRAME_DATA_DIR=str(data_dir))
    return env
