"""The root `riskframe` group imports a command's module only when that command runs (issue 18).

Importing every command module costs ~2 s (pandas, SQLAlchemy, matplotlib, the report writers);
`riskframe app` then replaces itself with Streamlit and used none of it, so the app's cold start
paid those seconds for nothing. `COMMANDS` says which module's `register(group)` adds each
top-level command; `get_command` imports just that module. Whatever walks the whole tree (the help
listing, `cli-docs`, the help catalogue) reads `commands`, which loads every module first, so the
tree it sees is the same as before. tests/cli checks that COMMANDS matches what the modules add.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import click

# top-level command -> the module under riskframe.cli whose register() adds it
COMMANDS: dict[str, str] = {
    "agreement": "agreement_cmd", "app": "app_cmd", "assessments": "store_cmds", "backup": "store_cmds",
    "cli-docs": "docs_cmd", "db": "store_cmds", "demo": "demo_cmd", "export": "excel_cmds",
    "framework": "framework_cmds", "i18n": "i18n_cmd", "import": "excel_cmds", "measures": "measures_cmd",
    "reference": "reference_cmd", "report": "report_cmd", "restore": "store_cmds", "rounds": "rounds_cmd",
    "score": "score_cmd", "scores": "scores_cmd", "sensitivity": "sensitivity_cmd", "template": "excel_cmds",
    "user": "user_cmds",
}


def _register(group: click.Group, module: Any) -> None:
    if hasattr(module, "register"):
        module.register(group)
    else:  # i18n_cmd defines the group only
        group.add_command(module.i18n)


class LazyGroup(click.Group):
    """A click group whose subcommands' modules are imported on first use (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._commands: dict[str, click.Command] = {}
        self._loaded: set[str] = set()
        self._registering = 0
        self.on_load: Callable[[click.Command], None] = lambda command: None  # e.g. translate its help
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        if not self._registering:  # a register() looking at its own group sees what is there so far
            self.load_all()
        return self._commands

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._commands = dict(value)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        name = name or cmd.name
        if name is None:
            raise TypeError("Command has no name.")
        self._commands[name] = cmd

    def load(self, module_name: str) -> None:
        if module_name in self._loaded:
            return
        self._loaded.add(module_name)
        before = dict(self._commands)
        self._registering += 1
        try:
            _register(self, importlib.import_module(f"riskframe.cli.{module_name}"))
        finally:
            self._registering -= 1
        for name, command in self._commands.items():  # once the module has added everything below them
            if before.get(name) is not command:
                self.on_load(command)

    def load_all(self) -> None:
        for module_name in sorted(set(COMMANDS.values())):
            self.load(module_name)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            self.load(COMMANDS[cmd_name])
        elif cmd_name not in self._commands:
            self.load_all()
        return self._commands.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self._commands))
