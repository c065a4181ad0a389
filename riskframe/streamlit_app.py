"""The app's Streamlit script inside the package, so `streamlit run` works from an installed wheel.

`riskframe app` runs it (`riskframe app --path` prints its path); app.py in a checkout calls `main()`.
"""

from __future__ import annotations

import streamlit as st

from riskframe.app.main import run
from riskframe.i18n import _
from riskframe.store import StoreError


def main() -> None:
    """The app, or one sentence when the database cannot be opened (bad URL, missing driver)."""
    try:
        run()
    except StoreError as exc:
        st.error(_("riskframe cannot open its database: {reason}").format(reason=exc))


if __name__ == "__main__":  # how `streamlit run` executes a script
    main()
