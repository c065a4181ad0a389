"""Report tests run on one SQLite copy of the demo data (loaded once per session) and on small stores of their own."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from riskframe.demo import load_demo
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store

SEEDS = REPO_ROOT / "seeds" / "demo"
ADMIN = Actor.system("test")


def need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"{tool} is not installed; run `make system-deps` (poppler-utils, LibreOffice Writer)")
    return found


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run([need("pdftotext"), "-enc", "UTF-8", *args, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def fw():
    return load_framework(REPO_ROOT / "indicators")


@pytest.fixture(scope="session")
def demo_url(sqlite_template, tmp_path_factory, fw) -> str:
    path = tmp_path_factory.mktemp("reports-demo") / "riskframe.db"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        load_demo(store, fw, SEEDS, ADMIN)
    return url


@pytest.fixture(scope="session")
def demo_store(demo_url):
    with open_store(demo_url) as store:
        yield store


@pytest.fixture(scope="session")
def validated_id(demo_store) -> int:
    """XA 2025-Q4: validated, red flags raised, measures with follow-up, a previous period."""
    found = demo_store.find_assessment(ADMIN, "XA", "2025-Q4")
    assert found is not None and found.status == "validated"
    return found.id


@pytest.fixture(scope="session")
def demo_pdf(demo_store, fw, validated_id, tmp_path_factory) -> Path:
    from riskframe.reports import assessment_report

    outcome = assessment_report(demo_store, ADMIN, fw, validated_id, "pdf", lang="en")
    assert outcome.ok, outcome.message
    path = tmp_path_factory.mktemp("pdf") / outcome.file_name
    path.write_bytes(outcome.data)
    return path


@pytest.fixture(scope="session")
def demo_docx(demo_store, fw, validated_id, tmp_path_factory) -> Path:
    from riskframe.reports import assessment_report

    outcome = assessment_report(demo_store, ADMIN, fw, validated_id, "docx", lang="en")
    assert outcome.ok, outcome.message
    path = tmp_path_factory.mktemp("docx") / outcome.file_name
    path.write_bytes(outcome.data)
    return path


@pytest.fixture
def small_store(sqlite_template, tmp_path):
    path = tmp_path / "riskframe.db"
    shutil.copyfile(sqlite_template, path)
    with open_store(f"sqlite:///{path}") as store:
        yield store
