"""After copy forward, in a real browser (issue 16): confirm a carried-over value in one click, and
change a carried measure's status without re-entering it."""

import re
import tempfile
from pathlib import Path

from browser_support import pass_the_gate
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

TIMEOUT = 30_000
SHOTS = Path(tempfile.gettempdir())


def test_confirm_a_carried_over_value_then_change_a_measure_status(app_server, page):
    page.goto(app_server + "/", timeout=TIMEOUT)
    pass_the_gate(page)
    page.get_by_role("button", name="Load the fictional demo data").click(timeout=TIMEOUT)
    expect(page.get_by_text("My assessments")).to_be_visible(timeout=180_000)

    page.goto(app_server + "/assess?country=XA&period=2026-Q4", timeout=TIMEOUT)
    pass_the_gate(page)  # still signed in (session cookie)
    page.get_by_role("button", name=re.compile("Copy forward")).click(timeout=TIMEOUT)
    expect(page.get_by_text(re.compile("carried over from 2025-Q4")).first).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Confirm", exact=True).first.click()
    expect(page.get_by_text(re.compile(r"Confirmed 1 carried-over value"))).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(SHOTS / "riskframe-confirm-carried.png"))

    page.goto(app_server + "/assess?country=XA&period=2026-Q4&section=measures", timeout=TIMEOUT)
    pass_the_gate(page)
    status = page.get_by_role("combobox", name="Status this period").first
    expect(status).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button", name="Add measure")).to_be_visible(timeout=60_000)  # the run has finished
    option = page.get_by_role("option", name="Implemented")
    for _attempt in range(4):  # a late rerun of the page may close the list as it opens: open it again
        status.click()
        try:
            option.wait_for(state="visible", timeout=10_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    option.click()
    page.get_by_role("button", name="Change status").first.click()  # one action
    expect(page.get_by_text(re.compile(r"is now Implemented \(revision"))).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    page.screenshot(path=str(SHOTS / "riskframe-measure-status.png"))
