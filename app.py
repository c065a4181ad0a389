"""Streamlit entry point in a checkout: `streamlit run app.py` (`make run` uses `riskframe app`)."""

from riskframe.streamlit_app import main

main()
