"""Streamlit entry point: `streamlit run app.py` (or `make run`)."""

from riskframe.app.main import run

run()
