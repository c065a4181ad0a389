"""A warning before the page is left with unsaved input: browser reload/close and the sidebar links.

Streamlit cannot stop a reload or a sidebar page switch from the server, so a few lines of script
(run by `st.html` in the page itself) ask the browser: a `beforeunload` prompt on reload, close or
a typed address, and a confirm() on the sidebar's page links. The page says whether the server
knows of unsaved input; any keystroke in the main area since that run also counts (a text area
sends its value only when it loses focus).
"""

from __future__ import annotations

import json

import streamlit as st

from riskframe.i18n import _

_SCRIPT = """<script>
(function () {
  const w = window;
  w.__rfServerDirty = %(dirty)s;
  w.__rfTyped = false;
  w.__rfLeaveMessage = %(message)s;
  if (w.__rfGuard) { return; }
  w.__rfGuard = true;
  const pending = () => Boolean(w.__rfServerDirty || w.__rfTyped);
  w.addEventListener("beforeunload", function (e) {
    if (pending()) { e.preventDefault(); e.returnValue = w.__rfLeaveMessage; return w.__rfLeaveMessage; }
  });
  w.document.addEventListener("input", function (e) {
    const t = e.target;
    if (t && t.closest && t.closest('[data-testid="stMain"]')) { w.__rfTyped = true; }
  }, true);
  w.document.addEventListener("click", function (e) {
    const link = e.target && e.target.closest && e.target.closest('[data-testid="stSidebarNav"] a');
    if (!link || !pending()) { return; }
    if (w.confirm(w.__rfLeaveMessage)) { w.__rfServerDirty = false; w.__rfTyped = false; return; }
    e.preventDefault(); e.stopImmediatePropagation();
  }, true);
})();
</script>"""


def guard(dirty: bool, run: int) -> None:
    """Arm (or disarm, with `dirty` False) the warning for this run of the page; `run` changes every
    run so the browser executes the script again and forgets keystrokes the server now knows."""
    message = _("You have unsaved input on this page. Leave it anyway?")
    script = _SCRIPT % {"dirty": "true" if dirty else "false", "message": json.dumps(message)}
    st.html(f"<!-- rf-leave-guard {run} -->{script}", unsafe_allow_javascript=True)

