"""Fixtures: scored panels of the scenario and demo databases, and the tier scale."""

from __future__ import annotations

import pytest

from riskframe.analytics import build_panel
from riskframe.charts import tier_scale
from riskframe.store import open_store
from tests.charts.data import ADMIN, copy_to, demo_template, framework, scenario_template


@pytest.fixture(scope="session")
def fw():
    return framework()


@pytest.fixture(scope="session")
def tiers(fw):
    return tier_scale(fw)


@pytest.fixture
def scenario_store(tmp_path):
    with open_store(copy_to(scenario_template(), tmp_path / "scenario.db")) as store:
        yield store


@pytest.fixture(scope="session")
def scenario_entries():
    with open_store(f"sqlite:///{scenario_template()}") as store:
        return store.entries_frame(ADMIN)


@pytest.fixture(scope="session")
def scenario_panel(scenario_entries, fw):
    return build_panel(scenario_entries, fw, ("validated",))


@pytest.fixture(scope="session")
def demo_panel(fw):
    with open_store(f"sqlite:///{demo_template()}") as store:
        return build_panel(store.entries_frame(ADMIN), fw, ("validated",))
