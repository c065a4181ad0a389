"""Helpers and fixtures for tests that drive a real app server in headless Debian Chromium.

Shared by tests/browser/ and tests/test_first_ten_minutes.py: import the fixtures (`browser`,
`page`) into a conftest or a test module, and call `free_port` / `wait_healthy` directly.
Such tests run in `make test`; they are skipped only when RISKFRAME_SKIP_BROWSER=1 is set.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SKIP_ENV = "RISKFRAME_SKIP_BROWSER"


def skip_requested() -> bool:
    return os.environ.get(SKIP_ENV) == "1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 60) -> float:
    """Poll `base`/_stcore/health until it answers 200; return the seconds it took."""
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


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server started by a test (only that process), killing it if it lingers."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


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


# The admin a browser test creates on the first-run page of its empty database, then signs in as.
GATE_USER, GATE_PASSWORD = "browser.admin", "browser admin passphrase"


def pass_the_gate(page, timeout: float = 30_000) -> None:
    """Create the first admin (first run) or sign in as it, whichever the app asks for.

    Every page load is a new Streamlit session; when the server set the session cookie (the app run
    as `riskframe app`), a reload is still signed in and there is nothing to do."""
    from playwright.sync_api import expect

    create = page.get_by_role("button", name="Create the admin account")
    sign_in = page.get_by_role("button", name="Sign in", exact=True)
    sign_out = page.get_by_role("button", name="Sign out")
    create.or_(sign_in).or_(sign_out).first.wait_for(timeout=timeout)
    if sign_out.count():
        return
    if create.count():
        page.get_by_label("Username", exact=True).fill(GATE_USER)
        page.get_by_label("Password", exact=True).fill(GATE_PASSWORD)
        page.get_by_label("Repeat the password").fill(GATE_PASSWORD)
        create.click()
    else:
        page.get_by_label("Username or e-mail").fill(GATE_USER)
        page.get_by_label("Password", exact=True).fill(GATE_PASSWORD)
        sign_in.click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=timeout)
