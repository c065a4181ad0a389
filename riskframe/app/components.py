"""Small display pieces shared by pages; they format, they never decide."""

from __future__ import annotations

import math

import streamlit as st

from riskframe.domain.countries import is_user_assigned



def fictional_banner(codes) -> None:
    """Say so whenever fictional (user-assigned code) countries are on screen."""
    fictional = sorted({c for c in codes if c and is_user_assigned(c)})
    if fictional:
        st.warning(
            f"Fictional data: {', '.join(fictional)} are invented countries (ISO user-assigned codes) "
            "used for demonstration. Their scores describe no real country.",
            icon=":material/science:",
        )


def fmt(x, digits: int = 1) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:.{digits}f}"


def pct(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x * 100:.0f}%"


def status_label(status: str) -> str:
    return {"draft": "draft", "submitted": "submitted — awaiting review", "validated": "validated (locked)",
            "returned": "returned with comments"}.get(str(status), str(status))


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~:$&")


def plain(text: object) -> str:
    """User text made safe to put inside st.markdown/caption/info: every Markdown, HTML-ish and
    Streamlit directive character (links, images, :colour[…], $math$) is escaped, so it shows as
    typed and can load nothing. None becomes an empty string."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in ("" if text is None else str(text)))
