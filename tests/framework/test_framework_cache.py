"""The validated-framework cache: same framework as a full load, never stale after an edit, never trusted
when damaged, and a load that works without it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from riskframe.framework import FrameworkInvalid, load_framework
from riskframe.framework import cache
from riskframe.settings import REPO_ROOT


@pytest.fixture
def framework_copy(tmp_path: Path) -> Path:
    root = tmp_path / "indicators"
    shutil.copytree(REPO_ROOT / "indicators", root)
    return root


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


def _full_load(root: Path, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        m.setenv(cache.ENV, "off")
        return load_framework(root)


def test_a_second_load_reads_the_cache_and_equals_a_full_load(framework_copy, cache_dir, monkeypatch):
    first = load_framework(framework_copy)
    stored = list(cache_dir.glob("framework-*.json"))
    assert len(stored) == 1
    second = load_framework(framework_copy)
    assert second == first == _full_load(framework_copy, monkeypatch)
    assert second.root == str(framework_copy)
    # the second load came from the file: a changed stored title shows through
    stored[0].write_text(stored[0].read_text().replace(first.factors[0].title["en"], "Cached title", 1))
    assert load_framework(framework_copy).factors[0].title["en"] == "Cached title"


def test_an_edited_file_is_read_again_and_a_broken_edit_is_reported(framework_copy, cache_dir):
    load_framework(framework_copy)
    manifest = framework_copy / "manifest.yaml"
    text = manifest.read_text()
    factor_file = sorted((framework_copy / "risk").glob("*.yaml"))[0]
    factor_text = factor_file.read_text()
    factor_file.write_text(factor_text.replace("factor:", "factor:\n  unexpected_field: 1", 1))
    with pytest.raises(FrameworkInvalid, match="unknown field"):
        load_framework(framework_copy)
    factor_file.write_text(factor_text)
    manifest.write_text(text + "\n# an edit that changes no value\n")
    edited = load_framework(framework_copy)
    assert len(list(cache_dir.glob("framework-*.json"))) == 2  # the valid edit got its own entry
    assert edited == load_framework(REPO_ROOT / "indicators").model_copy(update={"root": str(framework_copy)})


def test_a_damaged_cache_file_is_ignored(framework_copy, cache_dir, monkeypatch):
    load_framework(framework_copy)
    (stored,) = cache_dir.glob("framework-*.json")
    stored.write_text('{"manifest": "not a manifest"')
    assert load_framework(framework_copy) == _full_load(framework_copy, monkeypatch)


def test_off_writes_nothing_and_an_unwritable_cache_is_skipped(framework_copy, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.cache_dir() is None
    load_framework(framework_copy)
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    assert load_framework(framework_copy) == _full_load(framework_copy, monkeypatch)
    assert not list(tmp_path.rglob("framework-*.json"))
