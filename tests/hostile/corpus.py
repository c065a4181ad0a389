"""The hostile corpus: strings from tests/hostile/strings.txt, decoded, for every text-taking test."""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|n|r|t)")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    return _SIMPLE[code] if code in _SIMPLE else chr(int(code[1:], 16))


def hostile_strings() -> list[str]:
    lines = (HERE / "strings.txt").read_text(encoding="utf-8").splitlines()
    return [_ESCAPE.sub(_unescape, line) for line in lines if line and not line.startswith("# ")]


def storable(text: str) -> bool:
    """Whether both engines can store `text` (no NUL, no lone surrogate)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
