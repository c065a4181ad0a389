"""One throwaway PostgreSQL 15 cluster per bench run, shared by every workload that needs one.

Starting a cluster (initdb, pg_ctl start) costs about a second at idle and several under load; each
workload asked for its own. `database_url()` starts the run's cluster on first use (tests/pg.py's
PgCluster: a temp dir, fsync off, a free port on 127.0.0.1) and returns a URL of a new, empty
database in it, so workloads never see each other's tables (`upgraded_database_url()`: one already
at the schema's head, copied from a template upgraded once). The cluster is stopped and its files
deleted when the bench process exits (PgCluster registers that with atexit), or by `stop()`.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from riskframe.settings import REPO_ROOT

_lock = threading.Lock()
_cluster: dict[str, Any] = {}


def cluster() -> Any:
    """The run's running cluster (started here on first use)."""
    with _lock:
        if "c" not in _cluster:
            if str(REPO_ROOT) not in sys.path:
                sys.path.insert(0, str(REPO_ROOT))
            from tests.pg import PgCluster  # the same throwaway cluster the tests use

            _cluster["c"] = PgCluster().start()
        return _cluster["c"]


def database_url() -> str:
    """SQLAlchemy URL of a new empty database in the run's cluster."""
    c = cluster()
    return str(c.url(c.create_database()))


def upgraded_database_url() -> str:
    """SQLAlchemy URL of a new database already at the schema's head: a copy (CREATE DATABASE …
    TEMPLATE) of one upgraded once per run, instead of running every migration again (~0.3 s each)."""
    from riskframe.store import open_store

    c = cluster()
    with _lock:
        if "template" not in _cluster:
            name = c.create_database(name="bench_template")
            store = open_store(c.url(name))
            try:
                store.upgrade()
            finally:
                store.close()  # no connection may stay open on a template
            _cluster["template"] = name
    return str(c.url(c.create_database(template=_cluster["template"])))


def stop() -> None:
    """Stop the run's cluster now (idempotent; otherwise it stops when the process exits)."""
    with _lock:
        c = _cluster.pop("c", None)
    if c is not None:
        c.stop()
