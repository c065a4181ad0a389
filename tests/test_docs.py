"""The documentation's examples run: every ```` ```sh runnable ```` block of README.md and docs/*.md.

Blocks of one file run in order, each with bash, in the repository root, sharing one temporary
directory: RISKFRAME_DATA_DIR=<tmp>, RISKFRAME_DATABASE_URL=sqlite:///<tmp>/docs.db and .venv/bin
first on PATH. A block passes when it exits 0. Blocks must write only under $RISKFRAME_DATA_DIR.
Plain ```` ```sh ```` blocks (servers, PostgreSQL, sudo) are not run.

`.venv/bin/riskframe` in a block (it must exist) is run through tests/cli_forkserver.py: the same
`riskframe.cli.main()` with the same argv, environment, directory and streams, in a fork of a
process that imported riskframe once, instead of some forty processes importing it each.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_forkserver import client_script

from riskframe.settings import REPO_ROOT

FILES = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
RUNNABLE = "sh runnable"
BLOCK_TIMEOUT = 180
RISKFRAME = ".venv/bin/riskframe"


def blocks(path: Path) -> list[tuple[int, str, str]]:
    """(line number, info string, body) of every fenced block in `path`."""
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group("info").strip(), m.group("body"))
            for m in FENCE.finditer(text)]


def runnable(path: Path) -> list[tuple[int, str]]:
    return [(line, body) for line, info, body in blocks(path) if info == RUNNABLE]


def _name(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT))


WITH_RUNNABLE = [p for p in FILES if runnable(p)]


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RISKFRAME_")}
    venv_bin = REPO_ROOT / ".venv" / "bin"
    bin_dir = venv_bin if venv_bin.is_dir() else Path(sys.executable).parent
    env.update(RISKFRAME_DATA_DIR=str(tmp), RISKFRAME_DATABASE_URL=f"sqlite:///{tmp / 'docs.db'}",
               PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}")
    return env


def _repo_names() -> set[str]:
    """Files at the top of the repository and in docs/: a block must not add any. Hidden names are
    left out: tests running in parallel create caches such as .hypothesis."""
    return {p.name for p in REPO_ROOT.iterdir() if not p.name.startswith(".")} | \
        {f"docs/{p.name}" for p in (REPO_ROOT / "docs").iterdir() if not p.name.startswith(".")}


@pytest.fixture(scope="module")
def riskframe_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The path of a `riskframe` that runs each command in the fork server (see the module docstring)."""
    assert (REPO_ROOT / RISKFRAME).exists(), f"{RISKFRAME} is missing: run `make install-dev`"
    where = Path(tempfile.mkdtemp(prefix="rf-docs-"))  # short: a unix socket path has ~100 characters
    socket_path = str(where / "s")
    server = subprocess.Popen([sys.executable, str(Path(__file__).with_name("cli_forkserver.py")), socket_path],
                              cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready", "the fork server did not start"
        client = tmp_path_factory.mktemp("bin") / "riskframe"
        client.write_text(client_script(socket_path))
        client.chmod(0o755)
        yield str(client)
    finally:
        server.kill()
        server.wait()
        shutil.rmtree(where, ignore_errors=True)


@pytest.mark.parametrize("path", WITH_RUNNABLE, ids=_name)
def test_runnable_blocks_exit_0(path: Path, tmp_path: Path, riskframe_client: str):
    env = _env(tmp_path)
    before = _repo_names()
    for line, body in runnable(path):
        started = time.monotonic()
        script = re.sub(rf"(?<![\w/.]){re.escape(RISKFRAME)}\b", shlex.quote(riskframe_client), body)
        done = subprocess.run(["bash", "-c", "set -euo pipefail\n" + script], cwd=REPO_ROOT, env=env,
                              capture_output=True, text=True, timeout=BLOCK_TIMEOUT)
        took = time.monotonic() - started
        assert done.returncode == 0, (
            f"{_name(path)}, block at line {line} exited {done.returncode} after {took:.1f} s:\n{body}\n"
            f"--- stdout ---\n{done.stdout[-4000:]}\n--- stderr ---\n{done.stderr[-4000:]}")
    added = _repo_names() - before
    assert not added, f"{_name(path)}: runnable blocks wrote into the repository: {sorted(added)}; " \
                      "write outputs under $RISKFRAME_DATA_DIR"


def test_there_are_runnable_examples():
    assert sum(len(runnable(p)) for p in FILES) >= 10, "the runnable examples disappeared: check the info strings"


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_shell_blocks_say_sh_or_sh_runnable(path: Path):
    """A typo such as ```sh runable would silently stop a block from being tested."""
    odd = [(line, info) for line, info, _ in blocks(path) if info.startswith("sh") and info not in ("sh", RUNNABLE)]
    assert not odd, f"{_name(path)}: shell blocks must be ```sh or ```{RUNNABLE}: {odd}"


def test_readme_starts_with_make_run_and_make_test():
    """The first thing a reader sees: exactly two commands, `make run` and `make test`."""
    line, info, body = blocks(REPO_ROOT / "README.md")[0]
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# "), "README.md starts with its title"
    assert line <= 3, "the two commands come right after the title, before anything else"
    commands = [c.split("#", 1)[0].strip() for c in body.splitlines() if c.split("#", 1)[0].strip()]
    assert commands == ["make run", "make test"], commands


def test_readme_shows_the_screenshots():
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for image in ("docs/img/assess.png", "docs/img/compare.png"):
        assert f"]({image})" in text, image
        assert (REPO_ROOT / image).exists(), image


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file."""
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    out = set()
    for heading in re.findall(r"^#+\s+(.*)$", text, re.M):
        kept = "".join(ch for ch in heading.lower() if ch.isalnum() or ch in " -_")
        out.add(kept.replace(" ", "-"))
    return out


def test_relative_links_in_docs_point_to_files_and_headings():
    missing = []
    for path in FILES:
        text = FENCE.sub("", path.read_text(encoding="utf-8"))
        for target, anchor in re.findall(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)", text):
            if re.match(r"^[a-z]+:", target):
                continue
            linked = (path.parent / target) if target else path
            if not linked.exists():
                missing.append(f"{_name(path)} -> {target}")
            elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
                missing.append(f"{_name(path)} -> {target}#{anchor}")
    assert not missing, missing


def test_framework_guide_verification_table_matches_the_catalogue():
    """docs/framework-guide.md repeats the generated table of docs/framework.md; keep them equal."""
    def table(text: str) -> list[str]:
        start = text.index("| Factor | Indicators | Checked | Unchecked |")
        lines = []
        for line in text[start:].splitlines():
            if not line.startswith("|"):
                break
            lines.append(line)
        return lines

    catalogue = table((REPO_ROOT / "docs/framework.md").read_text(encoding="utf-8"))
    guide = table((REPO_ROOT / "docs/framework-guide.md").read_text(encoding="utf-8"))
    assert guide == catalogue, "copy the 'Verification status by factor' table of docs/framework.md into " \
                               "docs/framework-guide.md"


def test_readme_configuration_table_lists_every_setting():
    from riskframe.settings import Settings

    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    missing = [f"RISKFRAME_{name.upper()}" for name in Settings.model_fields if f"| `RISKFRAME_{name.upper()}` |" not in text]
    assert not missing, f"README.md's configuration table misses {', '.join(missing)} (riskframe/settings.py)"
