"""Nothing typed is lost, in a real browser (issue 16): an over-long paste into Evidence, one click
on Save with the cursor still in a text area, and a reload that warns and brings the text back."""

import re
import tempfile
from pathlib import Path

from browser_support import pass_the_gate
from playwright.sync_api import expect

TIMEOUT = 30_000
SHOTS = Path(tempfile.gettempdir())


def _start(page, app_server, period):
    page.goto(f"{app_server}/assess?country=XA&period={period}", timeout=TIMEOUT)
    pass_the_gate(page)
    page.get_by_role("button", name=re.compile("Copy forward|Start an empty")).first.click(timeout=TIMEOUT)
    expect(page.get_by_role("radiogroup").first).to_be_visible(timeout=TIMEOUT)


def _paste(page, box, text):
    """A real paste (Ctrl+V from the system clipboard)."""
    box.click()
    page.evaluate("t => navigator.clipboard.writeText(t)", text)
    page.keyboard.press("Control+V")


def test_fifty_thousand_characters_pasted_into_evidence_give_a_sentence(app_server, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    _start(page, app_server, "2026-Q3")
    evidence = page.locator("textarea[aria-label='Evidence']").first
    _paste(page, evidence, "Militia drills were reported near the border crossing. " * 910)  # 50,050
    expect(page.get_by_text(re.compile("Evidence has reached its limit of 20,000 characters"))).to_be_visible(
        timeout=TIMEOUT)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert len(evidence.input_value()) == 20000
    page.screenshot(path=str(SHOTS / "riskframe-over-long-evidence.png"))


def test_one_click_saves_with_the_cursor_in_a_text_area(app_server, page):
    _start(page, app_server, "2026-Q2")
    evidence = page.locator("textarea[aria-label='Evidence']").nth(1)
    evidence.click()
    page.keyboard.type("Hate speech on the national radio.")  # the cursor stays in the box
    page.get_by_role("button", name="Save section").click()  # one click, no blur before it
    expect(page.get_by_text(re.compile(r"Saved 1 indicator"))).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(SHOTS / "riskframe-one-click-save.png"))


def test_reload_warns_keeps_the_sign_in_and_brings_the_typed_text_back(app_server, page):
    _start(page, app_server, "2026-Q1")
    evidence = page.locator("textarea[aria-label='Evidence']").nth(2)
    evidence.click()
    page.keyboard.type("Curfew announced for the northern districts.")
    # A pause in typing sends the text as a draft (no blur, no click).
    expect(page.get_by_role("button", name="Discard changes")).to_be_enabled(timeout=TIMEOUT)
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", on_dialog)
    page.reload(timeout=TIMEOUT)
    assert dialogs == ["beforeunload"]
    # Still signed in: the session cookie is HttpOnly (the page's script cannot read it).
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_have_count(0)
    assert "riskframe_session" not in page.evaluate("() => document.cookie")
    cookie = next(c for c in page.context.cookies() if c["name"] == "riskframe_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    expect(page.get_by_text(re.compile("You have unsaved drafts from"))).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("textarea[aria-label='Evidence']").nth(2)).to_have_value("Curfew announced for the northern districts.")
    page.screenshot(path=str(SHOTS / "riskframe-draft-after-reload.png"))
    # Signing out ends it: a reload asks to sign in again.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible(timeout=TIMEOUT)
    page.reload(timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible(timeout=TIMEOUT)


def test_sources_typed_in_the_add_sources_popover_are_kept_and_saved(app_server, page):
    """An empty Sources box waits behind "Add sources" (issue 18); what is typed there is a draft
    after a pause, like any box, then shows in the card and is saved."""
    _start(page, app_server, "2025-Q4")
    page.get_by_role("button", name="Add sources").first.click()
    box = page.locator("[data-testid='stPopoverBody'] textarea")
    box.click()
    page.keyboard.type("Border monitor bulletin | https://example.org | 2025-12-01")
    expect(page.get_by_role("button", name="Discard changes")).to_be_enabled(timeout=TIMEOUT)  # the pause sent it
    page.keyboard.press("Escape")
    sources = page.locator("textarea[aria-label='Sources (one per line: title | URL | date)']").first
    expect(sources).to_have_value("Border monitor bulletin | https://example.org | 2025-12-01", timeout=TIMEOUT)
    page.get_by_role("button", name="Save section").click()
    expect(page.get_by_text(re.compile(r"Saved 1 indicator"))).to_be_visible(timeout=TIMEOUT)
    expect(sources).to_have_value("Border monitor bulletin | https://example.org | 2025-12-01")
    page.screenshot(path=str(SHOTS / "riskframe-sources-popover.png"))
