"""docs/cli.md is generated from the click commands (riskframe/cli/docs_cmd.py) and must stay current."""

from __future__ import annotations

import click
from click.testing import CliRunner

from riskframe.cli import cli
from riskframe.cli.docs_cmd import REGENERATE, register, render_markdown, walk
from riskframe.settings import REPO_ROOT

DOC = REPO_ROOT / "docs" / "cli.md"


def test_every_command_and_option_is_documented():
    text = render_markdown(cli)
    for ctx, command in walk(cli):
        assert f"# {ctx.command_path}\n" in text, ctx.command_path
        for param in command.get_params(ctx):
            if isinstance(param, click.Option) and not param.hidden and param is not command.get_help_option(ctx):
                assert f"`{param.opts[0]}" in text, f"{ctx.command_path} {param.opts[0]}"


def test_cli_docs_command_writes_the_same_markdown(tmp_path):
    @click.group()
    def group() -> None:
        """A group."""

    @group.command()
    @click.option("--name", default="x", show_default=True, help="A name | with a pipe.")
    def hello(name: str) -> None:
        """Say hello."""

    register(group)
    out = tmp_path / "cli.md"
    result = CliRunner().invoke(group, ["cli-docs", "--out", str(out)], prog_name="riskframe")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == render_markdown(group)
    assert "## riskframe hello" in out.read_text(encoding="utf-8")
    printed = CliRunner().invoke(group, ["cli-docs"], prog_name="riskframe")
    assert printed.output == render_markdown(group)


def test_docs_cli_md_is_current():
    assert DOC.exists(), f"docs/cli.md is missing: run `.venv/bin/{REGENERATE}`"
    assert DOC.read_text(encoding="utf-8") == render_markdown(cli), (
        f"docs/cli.md is stale (a command or option changed): run `.venv/bin/{REGENERATE}` and commit the result")
