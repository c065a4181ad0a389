"""Interface text in the person's language: gettext catalogues read with Babel.

Every string a person reads is written in English in the code as ``_("…")`` and looked up in
``riskframe/i18n/locale/<lang>/LC_MESSAGES/<domain>.po`` at run time (the .po files are the source
and the runtime catalogue: nothing to compile on a fresh machine). The language of the current
action is a context variable, set once per request (app run, CLI call) with :func:`use_language`;
code never passes a language around just to translate a label.

Placeholders are ``str.format`` names: ``_("Coverage is {pct}%").format(pct=41)`` — the catalogue
check refuses a translation whose placeholders differ from the English.
"""

from __future__ import annotations

from riskframe.i18n.core import (
    DEFAULT_LANGUAGE,
    N_,
    _,
    available_languages,
    current_language,
    gettext,
    ngettext,
    use_language,
)
from riskframe.i18n.formats import format_date, format_datetime, format_decimal, format_percent

__all__ = [
    "DEFAULT_LANGUAGE", "N_", "_", "available_languages", "current_language", "format_date",
    "format_datetime", "format_decimal", "format_percent", "gettext", "ngettext", "use_language",
]
