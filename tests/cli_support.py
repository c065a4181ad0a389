"""Running `riskframe` in-process for a test, as the console script would: one helper for every test file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from riskframe.cli import cli


def cli_invoker(monkeypatch: pytest.MonkeyPatch, database_url: str, data_dir: Path,
                actor: str | None = None) -> Callable[..., Result]:
    """A function running `riskframe ARGS` on `database_url` (no account signed in; `actor` names the
    system actor); a traceback or an unexpected exception fails the test."""
    for name in ("RISKFRAME_USER", "RISKFRAME_PASSWORD", "RISKFRAME_AUTH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", database_url)
    monkeypatch.setenv("RISKFRAME_DATA_DIR", str(data_dir))
    if actor is not None:
        monkeypatch.setenv("RISKFRAME_ACTOR", actor)

    def invoke(*args: object) -> Result:
        result = CliRunner().invoke(cli, [str(a) for a in args], prog_name="riskframe")
        assert "Traceback" not in result.stderr, result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    return invoke
