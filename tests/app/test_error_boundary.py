"""A fault on a page shows a sentence and an error id; the traceback goes to the server log only."""

from __future__ import annotations

import logging

from streamlit.testing.v1 import AppTest

SCRIPT = """
from riskframe.app.errors import guarded

def broken():
    raise RuntimeError("secret internals at /srv/riskframe/app.py line 12")

guarded(broken)
"""

SETTINGS_SCRIPT = """
from riskframe.app.errors import guarded
from riskframe.settings import load_settings

guarded(load_settings)
"""


def test_a_fault_shows_an_error_id_and_logs_the_details(caplog):
    caplog.set_level(logging.ERROR, logger="riskframe.app")
    at = AppTest.from_string(SCRIPT, default_timeout=30).run()
    assert not at.exception, "the boundary must catch it: no Streamlit exception element"
    shown = " ".join(e.value for e in at.error)
    assert "error id" in shown and "secret internals" not in shown and "/srv" not in shown
    assert any("secret internals" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


def test_an_invalid_setting_is_named_in_a_sentence(monkeypatch):
    monkeypatch.setenv("RISKFRAME_LOCKOUT_MINUTES", "forever")
    at = AppTest.from_string(SETTINGS_SCRIPT, default_timeout=30).run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "RISKFRAME\\_LOCKOUT\\_MINUTES must be a whole number" in shown, shown


def test_the_whole_app_is_inside_the_boundary(monkeypatch, tmp_path):
    """The real app script with a database file that is not a database: a sentence, no traceback."""
    from riskframe.settings import REPO_ROOT

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 300)
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", f"sqlite:///{bad}")
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(e.value for e in at.error)
    assert "damaged or is not a riskframe database" in shown, shown
