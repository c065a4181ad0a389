"""The number formats are babel's own: the parsed-once patterns give what babel's functions give."""

from __future__ import annotations

from babel import numbers
from hypothesis import given, settings
from hypothesis import strategies as st

from riskframe.i18n import core
from riskframe.i18n.formats import format_decimal, format_percent

LANGS = ["en", "fr", "es"]


@settings(max_examples=300, deadline=None)
@given(value=st.floats(min_value=-1e9, max_value=1e9) | st.just(float("nan")) | st.integers(-10**7, 10**7),
       digits=st.integers(0, 3), lang=st.sampled_from(LANGS))
def test_equal_to_babel(value, digits, lang):
    with core.use_language(lang):
        decimals = "#,##0" + ("." + "0" * digits if digits else "")
        assert format_decimal(value, digits) == numbers.format_decimal(value, format=decimals, locale=lang)
        assert format_percent(value, digits) == numbers.format_percent(value, format=decimals + "%", locale=lang)
