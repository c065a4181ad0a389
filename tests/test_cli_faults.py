"""No traceback reaches a person from the CLI: each fault is one sentence and an exit code.

Runs the real entry point (`riskframe.cli.main`) in-process, as the console script does.
"""

from __future__ import annotations

import gzip
import sys

import pytest

from riskframe.cli import cli, main


def _run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["riskframe", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out, err = capsys.readouterr()
    code = exited.value.code
    return (0 if code is None else int(code)), out, err


@pytest.fixture
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'rf.db'}"
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", url)
    monkeypatch.setenv("RISKFRAME_AUTH", "off")
    monkeypatch.setenv("RISKFRAME_LOG_FILE", str(tmp_path / "errors.log"))
    return url


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err and 'File "' not in err and "Aborted!" not in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_invalid_setting_is_named(db, monkeypatch, capsys):
    monkeypatch.setenv("RISKFRAME_SESSION_TIMEOUT_MINUTES", "soon")
    code, out, err = _run(monkeypatch, capsys, "assessments", "list")
    assert code == 2 and out == ""
    assert "RISKFRAME_SESSION_TIMEOUT_MINUTES must be a whole number" in err
    _no_traceback(err)


def test_damaged_database_file(db, tmp_path, monkeypatch, capsys):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 500)
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", f"sqlite:///{bad}")
    code, _, err = _run(monkeypatch, capsys, "assessments", "list")
    assert code == 1 and "damaged or is not a riskframe database" in err
    _no_traceback(err)


def test_unreachable_postgresql(db, monkeypatch, capsys):
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", "postgresql://u:pw@127.0.0.1:9/x")
    code, _, err = _run(monkeypatch, capsys, "assessments", "list")
    assert code == 1 and "cannot be reached" in err and "pw" not in err.replace("postgresql", "")
    _no_traceback(err)


@pytest.mark.parametrize("bad_id", [str(2**63), str(2**64 + 5)])
def test_ids_past_the_integer_range(db, monkeypatch, capsys, bad_id):
    assert _run(monkeypatch, capsys, "db", "upgrade")[0] == 0
    code, _, err = _run(monkeypatch, capsys, "assessments", "show", bad_id)
    assert code == 2 and f"assessment {bad_id} does not exist" in err
    _no_traceback(err)


def test_truncated_gzip_backup(db, tmp_path, monkeypatch, capsys):
    assert _run(monkeypatch, capsys, "db", "upgrade")[0] == 0
    path = tmp_path / "b.json.gz"
    assert _run(monkeypatch, capsys, "backup", str(path))[0] == 0
    data = gzip.decompress(path.read_bytes())
    path.write_bytes(gzip.compress(data)[:200])
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert _run(monkeypatch, capsys, "db", "upgrade")[0] == 0
    code, _, err = _run(monkeypatch, capsys, "restore", str(path))
    assert code == 2 and "damaged or incomplete" in err
    _no_traceback(err)


def test_deeply_nested_json(db, tmp_path, monkeypatch, capsys):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    code, _, err = _run(monkeypatch, capsys, "score", "--input", str(path))
    assert code == 2 and "nested too deeply" in err
    _no_traceback(err)


def test_internal_fault_gives_an_error_id_and_a_log(db, tmp_path, monkeypatch, capsys):
    @cli.command("explode-for-test", hidden=True)
    def explode() -> None:
        raise RuntimeError("secret internals /srv/path")

    try:
        code, _, err = _run(monkeypatch, capsys, "explode-for-test")
    finally:
        cli.commands.pop("explode-for-test", None)
    assert code == 1 and "error id" in err and "secret internals" not in err
    _no_traceback(err)
    log = (tmp_path / "errors.log")
    assert "RuntimeError: secret internals" in log.read_text()
    assert log.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("score", ['"2"', "true", '"high"'])
def test_a_score_that_is_not_a_number_is_refused_not_coerced(db, tmp_path, monkeypatch, capsys, score):
    path = tmp_path / "in.json"
    path.write_text('{"country": "XA", "period": "2026-Q2", "scores": {"1.1": {"score": %s}}}' % score)
    code, out, err = _run(monkeypatch, capsys, "score", "--input", str(path))
    assert code == 2 and out == "" and "scores.1.1.score" in err and "whole number" in err, err


def test_contradictory_and_invalid_options_are_refused(db, monkeypatch, capsys):
    assert _run(monkeypatch, capsys, "db", "upgrade")[0] == 0
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO("a long enough password\n"))
    code, _, err = _run(monkeypatch, capsys, "user", "add", "--username", "boss", "--role", "admin",
                        "--country", "XA", "--password-stdin")
    assert code == 2 and "works on every country; give no country" in err, err
    code, _, err = _run(monkeypatch, capsys, "framework", "list", "--lang", "xx")
    assert code == 2 and "xx" in err


def test_a_full_disk_is_a_sentence(db, tmp_path, monkeypatch, capsys):
    """ENOSPC while writing a backup: one sentence, exit 1, no traceback."""
    import errno

    assert _run(monkeypatch, capsys, "db", "upgrade")[0] == 0
    from riskframe.store import backup as backups

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "write_backup", full)
    code, _, err = _run(monkeypatch, capsys, "backup", str(tmp_path / "b.json"))
    assert code == 1 and "the disk is full" in err, err
    _no_traceback(err)
