"""Helpers every command shares: loading the framework, failing with exit 2, printing tables."""

from __future__ import annotations

import json
import sys
from typing import NoReturn

import click
import pandas as pd

from riskframe.framework import Framework, FrameworkInvalid, load_framework

EXIT_BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    """Print the error on stderr (never stdout) and exit 2."""
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def framework_or_fail(path: str | None = None) -> Framework:
    try:
        return load_framework(path)
    except FrameworkInvalid as exc:
        fail("the framework files are invalid:\n" + "\n".join(f"  {i}" for i in exc.issues))


def print_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def print_table(records: list[dict], columns: list[str] | None = None, max_width: int = 60) -> None:
    if not records:
        click.echo("(none)")
        return
    frame = pd.DataFrame(records)
    if columns:
        frame = frame[columns]
    for col in frame.columns:
        frame[col] = frame[col].map(lambda v: _cell(v, max_width))
    click.echo(frame.to_string(index=False))


def _cell(value, width: int) -> str:
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
