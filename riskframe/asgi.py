"""The app with its session-cookie routes: `streamlit run riskframe/asgi.py` (what `riskframe app` runs).

Streamlit runs riskframe/streamlit_app.py for every browser session as before; st.App adds the two
routes of riskframe.app.session_routes, so a reload keeps the person signed in.

While the server starts and waits for the first browser, a background thread does what the first
run of Home would do, in its order (issue 18: the first page after a restart waited for all of it):
import the app and Pillow (the favicon), load the framework, open the store, import Home and Arrow,
and fill `inspect`'s map of module files (after the app's imports and again at the end) — Streamlit's
first element in a process calls inspect.stack() (streamlit.env_util.is_repl), which maps every
loaded module's file (~0.2 s here).
The first script run finds each ready, or waits on the same import or cached resource (only the
module map may be filled by both at once). A failure is left for that run to report.
"""

from __future__ import annotations

import importlib
import inspect
import threading
import time
from pathlib import Path

import streamlit as st

from riskframe.app.session_routes import ROUTES


def _warm() -> None:
    from streamlit import runtime

    for _ in range(400):  # the app's caches bind to the runtime: import once it exists (bounded wait)
        if runtime.exists():
            break
        time.sleep(0.025)
    try:
        importlib.import_module("riskframe.app.main")
        inspect.stack()  # maps the bulk now, before a browser usually connects; the second call, the rest
        importlib.import_module("PIL.PngImagePlugin")
        from riskframe.app import context
        from riskframe.settings import load_settings

        settings = load_settings()
        context.framework_for(settings)
        context.store_for(settings)
        importlib.import_module("riskframe.app.pages.home")
        importlib.import_module("pyarrow.json")
        inspect.stack()
    except Exception:  # the first run does it again and reports the problem there
        return


threading.Thread(target=_warm, name="riskframe-warm-imports", daemon=True).start()
app = st.App(str(Path(__file__).with_name("streamlit_app.py")), routes=ROUTES)
