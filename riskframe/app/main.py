"""The app's entry: page set-up and navigation. `app.py` at the repository root calls `run()`."""

from __future__ import annotations

import streamlit as st

from pathlib import Path

from riskframe.app.pages import assess, dashboards, framework, home, import_export, review

FAVICON = Path(__file__).parent / "static" / "favicon.png"


def pages() -> list:
    return [
        st.Page(home.page, title="Home", icon=":material/home:", url_path="home", default=True),
        st.Page(assess.page, title="Assess", icon=":material/edit_note:", url_path="assess"),
        st.Page(review.page, title="Review", icon=":material/fact_check:", url_path="review"),
        st.Page(dashboards.country_page, title="Country dashboard", icon=":material/monitoring:", url_path="country"),
        st.Page(dashboards.comparison_page, title="Compare countries", icon=":material/compare_arrows:",
                url_path="compare"),
        st.Page(dashboards.alerts_page, title="Alerts", icon=":material/notifications:", url_path="alerts"),
        st.Page(import_export.page, title="Import / Export", icon=":material/table_view:", url_path="import_export"),
        st.Page(framework.page, title="Framework", icon=":material/menu_book:", url_path="framework"),
    ]


def run() -> None:
    # A local favicon: a ":material/…:" page icon is fetched from a CDN, and the app must work offline.
    st.set_page_config(page_title="riskframe", page_icon=str(FAVICON), layout="wide")
    nav = st.navigation(pages())
    with st.sidebar:
        st.caption("riskframe · atrocity-risk assessments")
        st.selectbox("Framework language", ["en", "fr", "es"], key="lang",
                     help="Language of the framework text where translations exist.")
    nav.run()
