"""The app's error boundary: a fault on a page shows a sentence and an error id, never a traceback.

Expected refusals (bad input, a refusal of rights, a revision conflict, an invalid RISKFRAME_*
setting, a database that cannot be opened) are shown as the sentence they carry. Anything else is a
fault of riskframe: the person sees an error id and what to do; the traceback goes to the server log
under that id (Streamlit's own error details are off in .streamlit/config.toml and `riskframe app`).
Streamlit's control flow (st.rerun, st.stop) derives from BaseException and passes through.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

import streamlit as st
from pydantic import ValidationError

from riskframe.app.components import plain
from riskframe.domain.sentences import settings_problems
from riskframe.i18n import _
from riskframe.store.errors import StoreError

LOG = logging.getLogger("riskframe.app")


def message_for(exc: Exception) -> tuple[str, str | None]:
    """The sentence to show and, for a fault, the error id under which the details were logged."""
    if isinstance(exc, StoreError):
        return str(exc), None
    if isinstance(exc, ValidationError) and exc.title == "Settings":
        return _("riskframe is not configured correctly: {problems}. Ask whoever runs it to fix the "
                 "setting.").format(problems=settings_problems(exc)), None
    error_id = secrets.token_hex(4)
    LOG.error("page fault, error id %s", error_id, exc_info=exc)
    return _("Something went wrong on this page (error id {error_id}). What you saved before is safe; reload "
             "the page to go on, and if it happens again, tell whoever runs riskframe the error id.").format(
        error_id=error_id), error_id


def guarded(render: Callable[[], None]) -> None:
    """Run a page (or the whole app script) inside the boundary."""
    try:
        render()
    except Exception as exc:  # the boundary: a sentence, never a traceback
        text, error_id = message_for(exc)
        st.error(plain(text), icon=":material/error:" if error_id else ":material/block:")
