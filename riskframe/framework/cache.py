"""A validated framework kept as JSON, keyed on its files and the code that reads them.

Parsing the YAML with line tracking and checking every rule costs 0.2–1.5 s (pure-Python YAML
construction, ~16,000 nodes); every CLI command, app start and benchmark paid it. A framework that
loaded without problems is written here once; the next load with the same files, root and loader
code reads it back in ~40 ms (pydantic validates the JSON again, so a damaged file is never trusted:
it is ignored and the YAML read as before). Any change to a framework file or to the framework code
gives a new key, so an edit is always checked in full; `check_framework` never uses the cache.

Where: `RISKFRAME_CACHE_DIR`, else `$XDG_CACHE_HOME/riskframe`, else `~/.cache/riskframe`;
`RISKFRAME_CACHE_DIR=off` turns the cache off. A cache that cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from riskframe.framework.models import Framework

ENV = "RISKFRAME_CACHE_DIR"
KEEP = 8
_CODE_DIRS = ("framework", "domain")  # the packages whose code decides what a loaded framework holds


def cache_dir() -> Path | None:
    """The directory for cached frameworks, or None when turned off."""
    explicit = os.environ.get(ENV, "").strip()
    if explicit.lower() == "off":
        return None
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "riskframe"


def _code_digest() -> bytes:
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for sub in _CODE_DIRS:
        for path in sorted((package / sub).glob("*.py")):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


def framework_key(root: Path, files: list[Path]) -> str:
    """A digest of the root (as given: the framework keeps it), every framework file (name and bytes) and the loader's code."""
    h = hashlib.sha256(str(root).encode() + b"\0" + str(root.resolve()).encode() + b"\0" + _code_digest())
    for path in sorted(files):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def read_cached(key: str) -> Framework | None:
    """The framework stored under `key`, or None (absent, unreadable or not a valid framework)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return Framework.model_validate_json((folder / f"framework-{key}.json").read_bytes())
    except (OSError, ValueError, ValidationError):
        return None


def write_cached(key: str, framework: Framework) -> None:
    """Store `framework` under `key` atomically; a cache that cannot be written is skipped."""
    folder = cache_dir()
    if folder is None:
        return
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".framework-", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(framework.model_dump_json().encode())
        os.replace(tmp, folder / f"framework-{key}.json")
        tmp = None
        _prune(folder)
    except OSError:
        return
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently written frameworks (each edit of a framework file makes a new one)."""
    stored = sorted(folder.glob("framework-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in stored[KEEP:]:
        old.unlink(missing_ok=True)
