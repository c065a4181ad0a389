"""Tier colours, read from the manifest's tiers; shared by the app, the charts and the Excel exports.

The colours themselves live in indicators/manifest.yaml (`scoring.tiers[].colour`). The framework
check refuses a tier scale whose colours do not get darker tier by tier: a sequential scale stays
distinguishable with colour blindness, and every view also names the tier in text, so colour is
never the only cue. This module only derives from them (text colour, Excel ARGB).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from riskframe.framework.models import Framework

DARK_BACKGROUND = 0.18
"""Relative luminance below which white text reads better than black (WCAG contrast crossover)."""


def relative_luminance(hex_colour: str) -> float:
    """WCAG relative luminance of `#rrggbb`, from 0 (black) to 1 (white)."""
    h = hex_colour.lstrip("#")
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def tier_colours(fw: Framework) -> dict[str, str]:
    """Tier id → `#rrggbb`, in tier order, as the manifest gives them."""
    return {t.id: t.colour for t in fw.manifest.scoring.tiers}


def text_colour(hex_colour: str) -> str:
    """Black or white, whichever reads better on `hex_colour`."""
    return "#ffffff" if relative_luminance(hex_colour) < DARK_BACKGROUND else "#000000"
