"""The CLI's last line: no traceback reaches a person, whatever goes wrong.

Bad input (a refused value, an unknown id, a refusal of rights, an invalid RISKFRAME_* setting)
prints one sentence and exits 2; a fault of the machine or of riskframe prints one sentence with an
error id and exits 1, and the traceback goes to a log file (owner-only) that the sentence names.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sys
import tempfile
import traceback
from pathlib import Path

from typing import TYPE_CHECKING

import click

from riskframe.cli.common import error_line
from riskframe.i18n import _

if TYPE_CHECKING:
    from pydantic import ValidationError

EXIT_BAD_INPUT = 2
EXIT_FAULT = 1


def log_path() -> Path:
    """Where tracebacks go: RISKFRAME_LOG_FILE, else riskframe-errors.log in the temp folder."""
    configured = os.environ.get("RISKFRAME_LOG_FILE")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "riskframe-errors.log"


def _log(error_id: str, exc: BaseException) -> Path | None:
    path = log_path()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            out.write(f"--- {dt.datetime.now(dt.UTC).isoformat()} error {error_id}: {' '.join(sys.argv)}\n")
            out.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return None


def _settings_sentence(exc: ValidationError) -> str:
    from riskframe.domain.sentences import settings_problems

    return _("invalid configuration: {problems} (fix the environment variable or .env file)").format(
        problems=settings_problems(exc))


def describe(exc: BaseException) -> tuple[int, str]:
    """The exit code and the one-line message for an exception that reached the top."""
    # Imported here, when something went wrong: `riskframe app` must not pay for the store (issue 18).
    from pydantic import ValidationError

    from riskframe.store.errors import ConflictError, InvalidInput, NotFound, PermissionDenied, StoreError

    if isinstance(exc, (InvalidInput, NotFound, ConflictError, PermissionDenied)):
        return EXIT_BAD_INPUT, error_line(exc)
    if isinstance(exc, ValidationError) and exc.title == "Settings":
        return EXIT_BAD_INPUT, error_line(_settings_sentence(exc))
    if isinstance(exc, StoreError):
        return EXIT_FAULT, error_line(exc)
    if isinstance(exc, OSError) and exc.errno == 28:  # ENOSPC
        return EXIT_FAULT, error_line(_("the disk is full: nothing was written; free some space and try again"))
    if isinstance(exc, RecursionError):
        return EXIT_BAD_INPUT, error_line(_("the input is nested too deeply to be read; check that it is the right file"))
    error_id = secrets.token_hex(4)
    where = _log(error_id, exc)
    if where:
        sentence = _("riskframe hit an internal problem (error id {error_id}); details are in {log}. Nothing was "
                     "changed by the step that failed; please report the error id.").format(error_id=error_id, log=where)
    else:
        sentence = _("riskframe hit an internal problem (error id {error_id}). Nothing was changed by the step that "
                     "failed; please report the error id.").format(error_id=error_id)
    return EXIT_FAULT, error_line(sentence)


def run_guarded(command: click.Command, prog_name: str) -> None:
    """Run the click group with every exception turned into a sentence and an exit code."""
    try:
        rv = command.main(prog_name=prog_name, standalone_mode=False)
    except click.exceptions.Abort as exc:
        cause = exc.__cause__
        if cause is None or isinstance(cause, KeyboardInterrupt):
            click.echo(_("Interrupted: the step under way was not saved."), err=True)
            sys.exit(EXIT_FAULT)
        code, message = describe(cause)
        click.echo(message, err=True)
        sys.exit(code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except Exception as exc:  # the last line: a sentence, never a traceback
        code, message = describe(exc)
        click.echo(message, err=True)
        sys.exit(code)
    sys.exit(rv if isinstance(rv, int) and not isinstance(rv, bool) else 0)  # click returns Exit codes
