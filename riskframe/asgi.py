"""The app with its session-cookie routes: `streamlit run riskframe/asgi.py` (what `riskframe app` runs).

Streamlit runs riskframe/streamlit_app.py for every browser session as before; st.App adds the two
routes of riskframe.app.session_routes, so a reload keeps the person signed in.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from riskframe.app.session_routes import ROUTES

app = st.App(str(Path(__file__).with_name("streamlit_app.py")), routes=ROUTES)
