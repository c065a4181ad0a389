"""Read `indicators/` and validate it, collecting every problem before giving up.

`check_framework` returns the problems as data; `load_framework` raises FrameworkInvalid with all
of them, so a broken edit is reported in one go, each naming file, line and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from riskframe.framework.cache import framework_key, read_cached, write_cached
from riskframe.framework.models import Factor, FactorFile, Framework, Manifest
from riskframe.framework.issues import FrameworkIssue
from riskframe.framework.parameter_rules import check_parameters
from riskframe.framework.prevention_models import PreventionFile
from riskframe.framework.prevention_rules import check_prevention
from riskframe.framework.rules import check_rules
from riskframe.framework.translation_rules import missing_translations
from riskframe.framework.yaml_lines import field_name, line_of, load_yaml

MANIFEST = "manifest.yaml"
FACTOR_DIRS = ("risk", "resilience")
PREVENTION_DIR = "prevention"


class FrameworkInvalid(Exception):
    """The framework files have problems; `.issues` lists every one."""

    def __init__(self, issues: list[FrameworkIssue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


def _read(path: Path, rel: str, issues: list[FrameworkIssue]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        issues.append(FrameworkIssue(file=rel, message=f"cannot read the file: {exc}"))
        return None
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        issues.append(
            FrameworkIssue(file=rel, line=mark.line + 1 if mark else None, message=f"not valid YAML: {problem}")
        )
        return None


def _validation_issues(exc: ValidationError, tree: Any, rel: str) -> list[FrameworkIssue]:
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (check its spelling against indicators/FORMAT.md)"
        elif err["type"] == "missing":
            msg = "required field is missing"
        out.append(FrameworkIssue(file=rel, line=line_of(tree, loc), field=field_name(loc), message=msg))
    return out


def _factor_files(root: Path) -> list[Path]:
    return [p for d in FACTOR_DIRS for p in sorted((root / d).glob("*.yaml"))]


def _parse_files(root: Path, paths: list[Path], model: Any, expected: str,
                 issues: list[FrameworkIssue]) -> list[tuple[Any, Any, str]]:
    """Read and validate YAML files against `model`, each with its tree and relative path; every
    problem (unreadable YAML, not a mapping, invalid fields) goes to `issues` with its place."""
    out = []
    for path in paths:
        rel = path.relative_to(root).as_posix()
        tree = _read(path, rel, issues)
        if tree is None:
            continue
        if not isinstance(tree, dict):
            issues.append(FrameworkIssue(file=rel, message=f"expected a mapping with {expected}"))
            continue
        try:
            out.append((model.model_validate(tree), tree, rel))
        except ValidationError as exc:
            issues += _validation_issues(exc, tree, rel)
    return out


def _parse_options(root: Path, issues: list[FrameworkIssue]) -> list[tuple[PreventionFile, Any, str]]:
    """The prevention catalogue files (indicators/prevention/*.yaml), each with its tree and path."""
    return _parse_files(root, sorted((root / PREVENTION_DIR).glob("*.yaml")), PreventionFile, "'options'", issues)


def _parse(root: Path) -> tuple[Manifest | None, list[tuple[FactorFile, Any, str]], list[FrameworkIssue]]:
    issues: list[FrameworkIssue] = []
    manifest = None
    mpath = root / MANIFEST
    if not mpath.is_file():
        issues.append(FrameworkIssue(file=MANIFEST, message=f"no {MANIFEST} in {root}"))
    else:
        tree = _read(mpath, MANIFEST, issues)
        if tree is not None:
            try:
                manifest = Manifest.model_validate(tree)
                issues += check_parameters(manifest, tree)
            except ValidationError as exc:
                issues += _validation_issues(exc, tree, MANIFEST)
    files = _parse_files(root, _factor_files(root), FactorFile, "'factor' and 'indicators'", issues)
    return manifest, files, issues


def _assemble(manifest: Manifest, files: list[tuple[FactorFile, Any, str]], root: Path,
              option_files: list[tuple[PreventionFile, Any, str]] | None = None) -> Framework:
    factors = []
    for ff, _tree, rel in files:
        h = ff.factor
        inds = tuple(i.model_copy(update={"factor_id": h.id, "kind": h.kind}) for i in ff.indicators)
        factors.append(
            Factor(id=h.id, kind=h.kind, group=h.group, title=h.title, description=h.description,
                   source=h.source, indicators=inds, file=rel)
        )
    factors.sort(key=lambda f: f.sort_key)
    options = tuple(o.model_copy(update={"file": rel}) for pf, _tree, rel in option_files or [] for o in pf.options)
    return Framework(manifest=manifest, factors=tuple(factors), root=str(root), options=options)


def check_framework(root: str | Path) -> list[FrameworkIssue]:
    """Every problem in the framework at `root` (empty list: valid)."""
    root = Path(root)
    manifest, files, issues = _parse(root)
    option_files = _parse_options(root, issues)
    if manifest is not None:
        issues += check_rules(manifest, files)
        issues += check_prevention(manifest, files, option_files)
    return issues


def load_framework(root: str | Path | None = None) -> Framework:
    """Load and validate the framework; raise FrameworkInvalid listing every problem."""
    if root is None:
        from riskframe.settings import load_settings

        root = load_settings().indicators_dir
    root = Path(root)
    key = _cache_key(root)
    cached = read_cached(key) if key else None
    if cached is not None:
        return cached
    manifest, files, issues = _parse(root)
    option_files = _parse_options(root, issues)
    if manifest is not None:
        issues += check_rules(manifest, files)
        issues += check_prevention(manifest, files, option_files)
    if issues or manifest is None:
        raise FrameworkInvalid(issues)
    try:
        framework = _assemble(manifest, files, root, option_files)
    except ValueError as exc:  # a factor id that is not numbered as the format says
        raise FrameworkInvalid([FrameworkIssue(file=MANIFEST, message=str(exc))]) from None
    if key:
        write_cached(key, framework)
    return framework


def _cache_key(root: Path) -> str | None:
    """The key of this framework's files in the cache (riskframe/framework/cache.py); None when a file
    cannot be read (the full load then reports it)."""
    files = [root / MANIFEST, *_factor_files(root), *sorted((root / PREVENTION_DIR).glob("*.yaml"))]
    try:
        return framework_key(root, files)
    except OSError:
        return None


def check_translations(root: str | Path, lang: str) -> list[FrameworkIssue]:
    """Every framework text with no `lang` version, each with its place (empty: all translated).

    Run on a valid framework (`check_framework` first); raises FrameworkInvalid when it is not.
    """
    root = Path(root)
    manifest, files, issues = _parse(root)
    option_files = _parse_options(root, issues)
    if manifest is None or issues:
        raise FrameworkInvalid(issues)
    if lang not in manifest.framework.languages:
        raise FrameworkInvalid([FrameworkIssue(
            file=MANIFEST, field="framework.languages",
            message=f"language {lang!r} is not declared ({', '.join(manifest.framework.languages)})")])
    tree = _read(root / MANIFEST, MANIFEST, [])
    return missing_translations(manifest, tree, files, option_files, lang)
