"""Framework version mappings: renumbered, split and removed ids; unmapped entries kept, never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import IDS, validated

from riskframe.domain import EntryIn
from riskframe.store import InvalidInput, Store, load_mappings, map_entries

MAPPINGS = Path(__file__).parent / "fixtures" / "mappings"


def test_map_entries_reports_and_keeps_unmapped():
    mappings = load_mappings(MAPPINGS)
    entries = {"1.1": "a", "1.6": "b", "2.7": "c", "3.9": "d", "14.9": "e"}
    mapped, report = map_entries(entries, "0.9.0", "1.0.0", mappings)
    assert mapped == {"1.1": "a", "1.5": "b", "2.4": "c", "2.5": "c", "3.9": "d", "14.9": "e"}
    assert report.mapped == {"1.6": ["1.5"], "2.7": ["2.4", "2.5"]}
    assert report.unmapped == ["3.9"] and not report.complete
    # knowing the current ids also reports old ids that no longer exist
    mapped, report = map_entries(entries, "0.9.0", "1.0.0", mappings, indicator_ids=IDS)
    assert report.unmapped == ["14.9", "3.9"] and mapped["14.9"] == "e" and mapped["3.9"] == "d"


def test_mappings_chain_and_missing_paths():
    mappings = load_mappings(MAPPINGS)
    mapped, report = map_entries({"1.6": 1}, "0.9.0", "1.1.0", mappings)
    assert mapped == {"1.4": 1} and len(report.steps) == 2
    with pytest.raises(InvalidInput, match="no mapping file leads from framework version 1.1.0 to 0.9.0"):
        map_entries({"1.1": 1}, "1.1.0", "0.9.0", mappings)
    same, report = map_entries({"1.1": 1}, "0.9.0", "0.9.0", mappings)
    assert same == {"1.1": 1} and report.steps == []


def test_collisions_keep_both_entries():
    from riskframe.store import VersionMapping

    merge = VersionMapping(from_version="1", to_version="2", map={"1.1": "1.1", "1.2": "1.1"})
    mapped, report = map_entries({"1.1": "x", "1.2": "y"}, "1", "2", [merge])
    assert mapped == {"1.1": "x", "1.2": "y"}
    assert report.collisions == {"1.1": ["1.1", "1.2"]} and report.unmapped == ["1.2"]


def test_copy_forward_maps_old_framework_version(database_url, alice):
    store = Store(database_url, mappings_dir=MAPPINGS)
    try:
        old_ids = {"1.1", "1.6", "2.7", "3.9"}
        validated(store, alice, "KE", "2025-Q4", {i: EntryIn(score=2, evidence=f"about {i}") for i in old_ids},
                  version="0.9.0", ids=old_ids)
        new = store.copy_forward(alice, "KE", "2026-Q1", "un-foa-2014", "1.0.0", indicator_ids=IDS)
        assert new.framework_version == "1.0.0"
        view = store.get_assessment(alice, new.id)
        assert sorted(view.entries) == ["1.1", "1.5", "2.4", "2.5", "3.9"]
        assert view.entries["2.5"].evidence == "about 2.7" and all(e.carried_over for e in view.entries.values())
        [revision] = store.list_revisions(alice, new.id)
        assert revision.kind == "copy_forward" and "kept as they were: 3.9" in revision.note
        [mapped] = store.audit_log(alice, assessment_id=new.id, action="assessment.map_framework")
        assert mapped.detail["unmapped"] == ["3.9"]
    finally:
        store.close()
