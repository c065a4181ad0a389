"""Small display pieces shared by pages; they format, they never decide."""

from __future__ import annotations

import math

import streamlit as st

from riskframe.domain.countries import is_user_assigned
from riskframe.domain.status import status_label as status_name
from riskframe.i18n import N_, _, format_decimal, format_percent

__all__ = ["fictional_banner", "fmt", "local", "pct", "plain", "status_label"]

# A status with what it means for the person; the one-word label is riskframe.domain.status's.
STATUS_MEANINGS = {"draft": N_("draft"), "submitted": N_("submitted — awaiting review"),
                   "validated": N_("validated (locked)"), "returned": N_("returned with comments")}


def fictional_banner(codes) -> None:
    """Say so whenever fictional (user-assigned code) countries are on screen."""
    fictional = sorted({c for c in codes if c and is_user_assigned(c)})
    if fictional:
        st.warning(
            _("Fictional data: {codes} are invented countries (ISO user-assigned codes) used for "
              "demonstration. Their scores describe no real country.").format(codes=", ".join(fictional)),
            icon=":material/science:",
        )


def fmt(x, digits: int = 1) -> str:
    """A number as the current language writes it (`41,5` in French); — when there is none."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return format_decimal(float(x), digits)


def status_label(status: object) -> str:
    """An assessment status with what it means (`validated (locked)`), in the current language."""
    text = str(getattr(status, "value", status))
    return _(STATUS_MEANINGS[text]) if text in STATUS_MEANINGS else status_name(text)


def pct(x) -> str:
    """A share (0.41) as a percentage in the current language (`41 %` in French)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return format_percent(float(x))


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~:$&")


def plain(text: object) -> str:
    """User text made safe to put inside st.markdown/caption/info: every Markdown, HTML-ish and
    Streamlit directive character (links, images, :colour[…], $math$) is escaped, so it shows as
    typed and can load nothing. None becomes an empty string."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in ("" if text is None else str(text)))


def local(text: object, lang: str) -> str:
    """Framework text in `lang` with English fallback, whether the YAML holds it per language
    ({en: …, fr: …}) or, not yet translated, as one English string."""
    if isinstance(text, dict):
        return str(text.get(lang) or text.get("en") or next(iter(text.values()), ""))
    return "" if text is None else str(text)
