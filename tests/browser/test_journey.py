"""The main journey in a real browser: demo data, Assess, change a score, save, reload, see it."""

import os
import re
import tempfile
from pathlib import Path

import pytest

from browser_support import pass_the_gate
from playwright.sync_api import expect

from riskframe.settings import REPO_ROOT

TIMEOUT = 30_000


def screenshot_path(name: str) -> Path:
    """docs/img/NAME when RISKFRAME_UPDATE_SCREENSHOTS=1 (to refresh the README's pictures), else a
    temporary file: a test run must leave the checkout as it found it."""
    if os.environ.get("RISKFRAME_UPDATE_SCREENSHOTS") == "1":
        return REPO_ROOT / "docs" / "img" / name
    return Path(tempfile.gettempdir()) / f"riskframe-{name}"


def test_demo_assess_save_reload(app_server, page):
    page.goto(app_server + "/", timeout=TIMEOUT)
    pass_the_gate(page)  # first run: create the admin account, which signs in
    page.get_by_role("button", name="Load the fictional demo data").click(timeout=TIMEOUT)
    expect(page.get_by_text("My assessments")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile("Fictional data")).first).to_be_visible()

    page.goto(app_server + "/assess?country=XA&period=2026-Q4", timeout=TIMEOUT)
    pass_the_gate(page)  # a page load is a new session: sign in again (the link survives it)
    start = page.get_by_role("button", name=re.compile("Copy forward|Start an empty"))
    start.first.click(timeout=TIMEOUT)
    first_indicator = page.get_by_role("radiogroup").first
    expect(first_indicator).to_be_visible(timeout=TIMEOUT)
    first_indicator.get_by_text("3 · High", exact=True).click()
    save = page.get_by_role("button", name="Save section")
    expect(save).to_be_enabled(timeout=TIMEOUT)
    save.click()
    expect(page.get_by_text(re.compile(r"Saved 1 indicator"))).to_be_visible(timeout=TIMEOUT)

    page.reload()
    pass_the_gate(page)
    first_indicator = page.get_by_role("radiogroup").first
    expect(first_indicator).to_be_visible(timeout=TIMEOUT)
    expect(first_indicator.get_by_role("radio", name="3 · High")).to_be_checked(timeout=TIMEOUT)
    page.screenshot(path=str(screenshot_path("assess.png")))
    assert page.requested_hosts <= {"127.0.0.1"}, page.requested_hosts


def test_comparison_page_draws_the_map_offline(app_server, page):
    """Demo data is loaded by the journey above (same server); the map must draw with no CDN."""
    page.goto(app_server + "/compare", timeout=TIMEOUT)
    pass_the_gate(page)
    expect(page.get_by_text(re.compile("Fictional data")).first).to_be_visible(timeout=60_000)
    page.get_by_text("Include drafts").first.click(timeout=TIMEOUT) if page.get_by_text(
        "Include drafts").count() else None
    # the demo countries are fictional, so the (empty) map is drawn on demand (issue 18): open it
    show = page.get_by_text("Show the map anyway").first
    expect(show).to_be_visible(timeout=60_000)
    page.locator("[data-test-script-state='notRunning']").first.wait_for(state="attached", timeout=TIMEOUT)
    show.click(timeout=TIMEOUT)  # after the drafts toggle's rerun, so the click is not lost in it
    maps = page.locator(".js-plotly-plot .geo, .js-plotly-plot .choroplethlayer")
    expect(maps.first).to_be_attached(timeout=60_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(screenshot_path("compare.png")), full_page=False)
    assert page.requested_hosts <= {"127.0.0.1"}, page.requested_hosts


@pytest.mark.parametrize("path,heading", [("/country?country=XA", "Country dashboard"), ("/alerts", "Portfolio alerts")])
def test_other_dashboard_pages_render_offline(app_server, page, path, heading):
    """The country dashboard and the alerts render with demo data and request nothing off this machine."""
    page.goto(app_server + path, timeout=TIMEOUT)
    pass_the_gate(page)
    expect(page.get_by_role("heading", name=re.compile(heading)).first).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile("Fictional data")).first).to_be_visible(timeout=60_000)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    if path.startswith("/country"):
        expect(page.locator(".js-plotly-plot").first).to_be_attached(timeout=60_000)
    page.wait_for_timeout(1000)
    assert page.requested_hosts <= {"127.0.0.1"}, page.requested_hosts


FOCAL_USER, FOCAL_PASSWORD = "focal.arvenia", "focal point passphrase"


def test_a_reviewer_comment_reaches_the_focal_point_in_a_new_browser_session(app_server, page, browser):
    """Demo data is loaded by the first journey (same server): XA 2026-Q1 waits for review."""
    page.goto(app_server + "/admin", timeout=TIMEOUT)
    pass_the_gate(page)
    form = page.locator("[data-testid='stForm']").first  # "Add an account"
    form.get_by_label("Username", exact=True).fill(FOCAL_USER, timeout=TIMEOUT)
    form.get_by_label("Role").click()
    page.get_by_role("option", name="Focal point (assess, submit)").click()
    form.get_by_label("Countries", exact=True).fill("XA")
    form.get_by_label("Password", exact=True).fill(FOCAL_PASSWORD)
    form.get_by_label("Repeat the password").fill(FOCAL_PASSWORD)
    form.get_by_role("button", name="Add account").click()
    expect(page.get_by_text(f"Account {FOCAL_USER} (focal_point) created.")).to_be_visible(timeout=TIMEOUT)

    page.goto(app_server + "/review", timeout=TIMEOUT)
    pass_the_gate(page)
    expect(page.get_by_role("combobox", name="Assessment", exact=True)).to_have_value(re.compile(r"^XA · .*2026-Q1"),
                                                                          timeout=60_000)
    page.get_by_label("Comment or question").fill("Cite the Ombudsman's complaint figures for the rallies.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Comment added.")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name=re.compile(r"Return with comments \(1\)")).click()
    expect(page.get_by_text("Returned to the focal point with comments.")).to_be_visible(timeout=TIMEOUT)

    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # another browser, no shared session
    try:
        focal = context.new_page()
        focal.goto(app_server + "/assess?country=XA&period=2026-Q1", timeout=TIMEOUT)
        focal.get_by_label("Username or e-mail").fill(FOCAL_USER, timeout=TIMEOUT)
        focal.get_by_label("Password", exact=True).fill(FOCAL_PASSWORD)
        focal.get_by_role("button", name="Sign in", exact=True).click()
        expect(focal.get_by_text(re.compile("Returned by")).first).to_be_visible(timeout=60_000)
        expect(focal.get_by_text(re.compile("Cite the Ombudsman's complaint figures")).first).to_be_visible()
        expect(focal.get_by_role("button", name="Mark resolved")).to_be_visible()
        expect(focal.locator("[data-testid='stException']")).to_have_count(0)
    finally:
        context.close()
