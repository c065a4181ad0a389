"""Excel tests run on SQLite copies of one upgraded database (see tests/conftest.py)."""

from __future__ import annotations

import shutil

import pytest

from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT
from tests.excel.helpers import deterministic_store


@pytest.fixture(scope="session")
def fw():
    return load_framework(REPO_ROOT / "indicators")


@pytest.fixture
def db_path(sqlite_template, tmp_path):
    path = tmp_path / "riskframe.db"
    shutil.copyfile(sqlite_template, path)
    return path


@pytest.fixture
def db_url(db_path):
    return f"sqlite:///{db_path}"


@pytest.fixture
def store(db_url):
    s = deterministic_store(db_url)
    yield s
    s.close()
