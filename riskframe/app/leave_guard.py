"""Typed text in the browser: a warning before leaving with unsaved input, autosave while typing,
and over-long pastes cut at the limit with the page saying so.

Streamlit cannot stop a reload or a sidebar page switch from the server, and a text area sends its
value only when it loses focus (or on Ctrl+Enter), so a few lines of script (run by `st.html` in
the page itself) do what only the browser can:
- a `beforeunload` prompt on reload, close or a typed address, and a confirm() on the sidebar's
  page links, while the server knows of unsaved input or a key was typed since this run;
- after a pause in typing in a text area outside a form, the same Ctrl+Enter a person could press,
  so the value reaches the server, which keeps it as a draft (riskframe.assessments.drafts);
- a paste that would take a box past its limit: Streamlit drops such a paste without a word, so the
  part that fits is inserted and sent, and the page then names the limit (see assess_indicators).
A popover's body (Assess's "Add sources") is drawn outside the main area and counts as part of it.
"""

from __future__ import annotations

import json

import streamlit as st

from riskframe.i18n import _

PAUSE_MS = 1500

_SCRIPT = """<script>
(function () {
  const w = window;
  w.__rfServerDirty = %(dirty)s;
  w.__rfTyped = false;
  w.__rfLeaveMessage = %(message)s;
  w.__rfLimits = %(limits)s;
  if (w.__rfGuard) { return; }
  w.__rfGuard = true;
  const inMain = (t) => t && t.closest && t.closest('[data-testid="stMain"], [data-testid="stPopoverBody"]');
  const pending = () => Boolean(w.__rfServerDirty || w.__rfTyped);
  const commit = (t) => t.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", code: "Enter",
    ctrlKey: true, bubbles: true, cancelable: true}));
  let timer = null;
  w.addEventListener("beforeunload", function (e) {
    if (pending()) { e.preventDefault(); e.returnValue = w.__rfLeaveMessage; return w.__rfLeaveMessage; }
  });
  w.document.addEventListener("input", function (e) {
    const t = e.target;
    if (!inMain(t)) { return; }
    w.__rfTyped = true;
    if (t.tagName === "TEXTAREA" && !t.closest('[data-testid="stForm"]')) {
      clearTimeout(timer);
      timer = setTimeout(function () { if (w.document.activeElement === t) { commit(t); } }, %(pause)d);
    }
  }, true);
  w.document.addEventListener("paste", function (e) {
    const t = e.target;
    if (!inMain(t) || (t.tagName !== "TEXTAREA" && t.tagName !== "INPUT")) { return; }
    const most = w.__rfLimits[t.getAttribute("aria-label")];
    const text = (e.clipboardData && e.clipboardData.getData("text")) || "";
    const kept = t.value.length - (t.selectionEnd - t.selectionStart);
    if (!most || kept + text.length <= most) { return; }
    e.preventDefault();
    w.document.execCommand("insertText", false, text.slice(0, Math.max(0, most - kept)));
    if (!t.closest('[data-testid="stForm"]')) { commit(t); }
  }, true);
  w.document.addEventListener("click", function (e) {
    const link = e.target && e.target.closest && e.target.closest('[data-testid="stSidebarNav"] a');
    if (!link || !pending()) { return; }
    if (w.confirm(w.__rfLeaveMessage)) { w.__rfServerDirty = false; w.__rfTyped = false; return; }
    e.preventDefault(); e.stopImmediatePropagation();
  }, true);
})();
</script>"""


def guard(dirty: bool, run: int, limits: dict[str, int] | None = None) -> None:
    """Arm (or disarm, with `dirty` False) the warning for this run of the page.

    `run` changes every run so the browser executes the script again and forgets keystrokes the
    server now knows; `limits` maps a box's label to its character limit (riskframe.app.limits)."""
    message = _("You have unsaved input on this page. Leave it anyway?")
    script = _SCRIPT % {"dirty": "true" if dirty else "false", "message": json.dumps(message),
                        "limits": json.dumps(limits or {}), "pause": PAUSE_MS}
    st.html(f"<!-- rf-leave-guard {run} -->{script}", unsafe_allow_javascript=True)
