"""Moving between pages with the place in the URL, so a browser refresh keeps it."""

from __future__ import annotations

import streamlit as st


def _noop() -> None:  # pragma: no cover - only the url_path of the target matters
    pass


def goto(url_path: str, **query: str) -> None:
    """Switch to the page registered under `url_path` with query parameters (e.g. country, period)."""
    st.switch_page(st.Page(_noop, title=url_path, url_path=url_path), query_params=query)
