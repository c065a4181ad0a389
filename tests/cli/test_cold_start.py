"""What `riskframe app` and the app's first run pay before Streamlit starts (issue 18: cold start ≤ 2 s).

- The root group imports a command's module only when it runs (riskframe.cli.lazy): `riskframe app`
  must not import pandas, SQLAlchemy, matplotlib or Alembic, and COMMANDS must name every command
  the modules add, with the module that adds it.
- Store.upgrade on a database already at head answers without Alembic (riskframe.store.migrate):
  the head read from the scripts must be Alembic's, and a database behind it still upgrades.
"""

from __future__ import annotations

import json
import subprocess
import sys

import click
import sqlalchemy as sa

from riskframe.cli import cli
from riskframe.cli.lazy import COMMANDS, _register
from riskframe.store import migrate, open_store

HEAVY = ("pandas", "sqlalchemy", "matplotlib", "alembic", "numpy", "riskframe.store.api")


def _modules_after(code: str) -> list[str]:
    """The modules of HEAVY imported by a fresh interpreter running `code`."""
    probe = (f"import sys\ntry:\n    {code}\nexcept SystemExit:\n    pass\n"
             f"print('\\n' + __import__('json').dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_riskframe_app_imports_nothing_heavy_before_it_hands_over_to_streamlit():
    code = "sys.argv = ['riskframe', 'app', '--path']; from riskframe.cli import main; main()"
    assert _modules_after(code) == []


def test_a_store_command_still_imports_what_it_needs():
    # the probe can tell: a command that reads the store does import it
    assert "riskframe.store.api" in _modules_after(
        "sys.argv = ['riskframe', 'db', '--help']; from riskframe.cli import main; main()")


def test_commands_names_every_command_with_the_module_that_adds_it():
    found: dict[str, str] = {}
    for module_name in sorted(set(COMMANDS.values())):
        group = click.Group("probe")
        _register(group, __import__(f"riskframe.cli.{module_name}", fromlist=["x"]))
        for name in group.commands:
            found[name] = module_name
    assert found == COMMANDS


def test_the_lazy_root_lists_and_resolves_every_command():
    ctx = click.Context(cli)
    assert cli.list_commands(ctx) == sorted(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name
        assert type(command).__name__.startswith("Translated"), name  # help in the caller's language
    assert cli.get_command(ctx, "no-such-command") is None


def test_script_head_is_alembics_head():
    assert migrate.script_head() == migrate.head_revision() != ""


def test_script_head_is_none_with_two_heads(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        folder.mkdir()
        (folder / "a.py").write_text("revision = 'a'\ndown_revision = None\n")
        (folder / "b.py").write_text("revision = 'b'\ndown_revision = 'a'\n")
    (two / "c.py").write_text("revision = 'c'\ndown_revision = 'a'\n")
    assert migrate.script_head(one) == "b"
    assert migrate.script_head(two) is None


def test_upgrade_at_head_skips_alembic_and_a_database_behind_is_seen(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.db'}"
    with open_store(url) as store:
        assert migrate.at_head(store.db) is None  # empty database: Alembic creates the schema
        head = store.upgrade()
        assert head == migrate.head_revision()
        assert migrate.at_head(store.db) == head
    code = f"from riskframe.store import open_store; assert open_store({url!r}).upgrade() == {head!r}"
    assert "alembic" not in _modules_after(code)
    engine = sa.create_engine(url)
    with engine.begin() as c:
        c.execute(sa.text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    with open_store(url) as store:
        assert migrate.at_head(store.db) is None  # behind: upgrade goes through Alembic


def test_at_head_reads_the_stored_revision_on_each_engine(database_url):
    head = migrate.head_revision()
    engine = sa.create_engine(database_url)
    with open_store(database_url) as store:
        assert migrate.at_head(store.db) == head
        try:
            with engine.begin() as c:
                c.execute(sa.text("UPDATE alembic_version SET version_num = '0001'"))
            assert migrate.at_head(store.db) is None
        finally:
            with engine.begin() as c:
                c.execute(sa.text("UPDATE alembic_version SET version_num = :h"), {"h": head})
            engine.dispose()
        assert store.upgrade() == head
