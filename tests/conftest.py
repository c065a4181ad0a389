"""Shared fixtures: one PostgreSQL cluster per test run (shared by the xdist workers), and a fresh
upgraded store per test on each engine (`store`, `database_url`; parametrised sqlite / postgresql)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg import SKIP_ENV, PgCluster, RunLock, in_worker, shared_cluster, skip_requested, stop_shared

from riskframe.store import Store, open_store
from riskframe.store.models import Base

ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the xdist controller, or a run without xdist
        stop_shared()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    if skip_requested():
        pytest.skip(f"{SKIP_ENV}=1: PostgreSQL tests skipped on request")
    cluster = shared_cluster()
    yield cluster
    if not in_worker():
        cluster.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "riskframe.db"
    with open_store(f"sqlite:///{path}") as store:
        store.upgrade()
    return path


@pytest.fixture(scope="session")
def pg_template(pg_cluster: PgCluster) -> str:
    """An upgraded database to copy from, made once per run (whichever worker comes first)."""
    name = "riskframe_template"
    with RunLock():
        if not pg_cluster.has_database(name):
            pg_cluster.create_database(name="riskframe_template_building")
            with open_store(pg_cluster.url("riskframe_template_building")) as store:
                store.upgrade()
            with pg_cluster._admin() as conn:
                conn.execute(f'ALTER DATABASE riskframe_template_building RENAME TO "{name}"')
    return name


@pytest.fixture(scope="session")
def pg_databases(pg_cluster: PgCluster, pg_template: str) -> list[str]:
    """Two upgraded databases per test process, emptied before each test that uses them."""
    return [pg_cluster.create_database(template=pg_template) for _ in range(2)]


def _pg_database(request: pytest.FixtureRequest, index: int) -> str:
    """The URL of an empty, upgraded PostgreSQL database (index 0 or 1) for this test."""
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    name = request.getfixturevalue("pg_databases")[index]
    cluster.truncate(name, [table.name for table in Base.metadata.sorted_tables])
    return cluster.url(name)


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database at the latest schema, on each engine."""
    if request.param == "sqlite":
        target = tmp_path / "riskframe.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        return f"sqlite:///{target}"
    return _pg_database(request, 0)


@pytest.fixture
def pg_second_url(request: pytest.FixtureRequest) -> str:
    """Another empty, upgraded PostgreSQL database, e.g. to restore a backup into."""
    return _pg_database(request, 1)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with open_store(database_url) as opened:
        yield opened


@pytest.fixture
def pg_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A store on an empty, upgraded PostgreSQL database, for behaviour only PostgreSQL has."""
    with open_store(_pg_database(request, 0)) as opened:
        yield opened


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A CLI call in-process (`riskframe --lang fr …`) sets the language of the context it runs in;
    the next test starts in English again whatever the last one chose."""
    from riskframe.i18n.core import set_language

    yield
    set_language(None)
