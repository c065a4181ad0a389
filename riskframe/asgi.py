"""The app with its session-cookie routes: `streamlit run riskframe/asgi.py` (what `riskframe app` runs).

Streamlit runs riskframe/streamlit_app.py for every browser session as before; st.App adds the two
routes of riskframe.app.session_routes, so a reload keeps the person signed in.

While the server starts and waits for the first browser, a background thread imports the app and
its first page (issue 18: the first page after a restart waited for these imports); the first
script run then finds them loaded, or waits on the same import — never does the work twice.
"""

from __future__ import annotations

import importlib
import threading
import time
from pathlib import Path

import streamlit as st

from riskframe.app.session_routes import ROUTES

WARM = ("riskframe.app.main", "riskframe.app.pages.home")


def _warm() -> None:
    from streamlit import runtime

    for _ in range(400):  # the app's caches bind to the runtime: import once it exists (bounded wait)
        if runtime.exists():
            break
        time.sleep(0.025)
    for name in WARM:
        try:
            importlib.import_module(name)
        except Exception:  # the first run imports it again and reports the problem there
            return


threading.Thread(target=_warm, name="riskframe-warm-imports", daemon=True).start()
app = st.App(str(Path(__file__).with_name("streamlit_app.py")), routes=ROUTES)
