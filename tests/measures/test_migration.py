"""Migration 0010 on SQLite and PostgreSQL: measures stored as "done" become "implemented", and the new
follow-up fields read as empty on rows written before them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import text

from riskframe.store import Actor, Store
from riskframe.store.migrate import alembic_config

ADMIN = Actor(username="root.admin", role="admin")
AT = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def blank_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A database with no schema at all, on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database()
    yield cluster.url(name)
    cluster.drop_database(name)


def _upgrade_to(store: Store, target: str) -> None:
    config = alembic_config()
    with store.db.write() as session:
        config.attributes["connection"] = session.connection()
        command.upgrade(config, target)


def test_done_becomes_implemented(blank_url):
    with Store(blank_url) as store:
        _upgrade_to(store, "0007")  # the schema before follow-up fields
        with store.db.write() as session:
            session.execute(text("INSERT INTO countries (code, name, user_assigned, created_by, created_at) "
                                 "VALUES ('XA', 'Xaland (fictional)', true, 'seed', :at)"), {"at": AT})
            session.execute(text("INSERT INTO periods (id, label, kind, start_date, end_date) "
                                 "VALUES (1, '2026-Q1', 'quarter', :s, :e)"),
                            {"s": dt.date(2026, 1, 1), "e": dt.date(2026, 3, 31)})
            session.execute(text(
                "INSERT INTO assessments (id, country_code, period_id, framework_id, framework_version, status, "
                "revision, created_by, created_at, updated_by, updated_at) "
                "VALUES (1, 'XA', 1, 'fw', '1', 'draft', 1, 'seed', :at, 'seed', :at)"), {"at": AT})
            session.execute(text("INSERT INTO revisions (assessment_id, number, author, at, kind, status) "
                                 "VALUES (1, 1, 'seed', :at, 'create', 'draft')"), {"at": AT})
            for n, (key, status) in enumerate((("m1", "done"), ("m2", "in_progress"), ("m3", "dropped")), 1):
                session.execute(text(
                    "INSERT INTO measure_versions (id, assessment_id, item_key, revision, author, at, deleted, "
                    "title, linked_ids, measure_type, status, follow_up, description, owner) VALUES "
                    "(:id, 1, :key, 1, 'seed', :at, false, :title, '[]', 'operational', :status, '', '', '')"),
                    {"id": n, "key": key, "at": AT, "title": f"Measure {key}", "status": status})
        store.upgrade()
        with store.db.read() as session:
            stored = dict(session.execute(text("SELECT item_key, status FROM measure_versions")).all())
        assert stored == {"m1": "implemented", "m2": "in_progress", "m3": "dropped"}
        measures = {m.key: m for m in store.get_assessment(ADMIN, 1).measures}
        assert measures["m1"].status.value == "implemented"
        assert (measures["m3"].status_reason, measures["m3"].due_period, measures["m3"].option_id) == ("", None, None)
