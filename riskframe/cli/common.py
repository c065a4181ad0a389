"""Helpers every command shares: loading the framework, failing with exit 2, printing tables."""

from __future__ import annotations

import json
import sys
from typing import NoReturn

from typing import TYPE_CHECKING

import click

from riskframe.i18n import _

if TYPE_CHECKING:  # pandas and the framework loader are imported by the commands that use them (issue 18)
    from riskframe.framework import Framework

EXIT_BAD_INPUT = 2


def error_line(message: object) -> str:
    """``error: …`` in the current language: how every refusal and fault starts on stderr."""
    return _("error: {message}").format(message=message)


def fail(message: str) -> NoReturn:
    """Print the error on stderr (never stdout) and exit 2."""
    click.echo(error_line(message), err=True)
    sys.exit(EXIT_BAD_INPUT)


def framework_or_fail(path: str | None = None) -> Framework:
    from riskframe.framework import FrameworkInvalid, load_framework

    try:
        return load_framework(path)
    except FrameworkInvalid as exc:
        fail(_("the framework files are invalid:") + "\n" + "\n".join(f"  {i}" for i in exc.issues))


def print_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def print_table(records: list[dict], columns: list[str] | None = None, max_width: int = 60,
                headers: dict[str, str] | None = None) -> None:
    """Records as a text table; ``headers`` maps a record key to the column title people read."""
    if not records:
        click.echo(_("(none)"))
        return
    import pandas as pd

    frame = pd.DataFrame(records)
    if columns:
        frame = frame[columns]
    if headers:
        frame = frame.rename(columns=headers)
    for col in frame.columns:
        frame[col] = frame[col].map(lambda v: _cell(v, max_width))
    click.echo(frame.to_string(index=False))


def _cell(value, width: int) -> str:
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
