"""Every hostile string: stored exactly or refused with a sentence (both engines), written to CSV as
text, and shown as typed on the Assess page."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from riskframe.safety.csv_cells import csv_bytes
from riskframe.store import Actor, InvalidInput, VulnerableGroupIn
from tests.hostile.corpus import hostile_strings, storable

ADMIN = Actor(username="alice", role="admin")
IDS = {"1.1"}


@pytest.mark.parametrize("text", hostile_strings())
def test_the_store_keeps_it_exactly_or_refuses_it_with_a_sentence(store, text):
    a = store.create_assessment(ADMIN, "XA", "2026-Q1", "un-foa-2014", "1.0.0")
    before = store.data_version()
    if storable(text):
        rev = store.save_entries(ADMIN, a.id, 1, {"1.1": {"score": 1, "evidence": text,
                                                          "sources": [{"title": text}]}}, IDS).revision
        store.save_vulnerable_groups(ADMIN, a.id, rev, [VulnerableGroupIn(name=text[:300], description=text)])
        view = store.get_assessment(ADMIN, a.id)
        assert view.entries["1.1"].evidence == text and view.entries["1.1"].sources[0].title == text
        assert view.vulnerable_groups[0].description == text
    else:
        with pytest.raises(InvalidInput) as refused:
            store.save_entries(ADMIN, a.id, 1, {"1.1": {"score": 1, "evidence": text}}, IDS)
        assert "entries.1.1.evidence" in str(refused.value) and "Traceback" not in str(refused.value)
        assert store.data_version() == before


def test_every_string_is_text_in_a_csv():
    texts = [t for t in hostile_strings() if storable(t)]  # the others never reach the database
    rows = list(csv.reader(io.StringIO(csv_bytes(pd.DataFrame({"evidence": texts})).decode("utf-8-sig"),
                           newline="")))
    for original, (cell,) in zip(texts, rows[1:]):
        assert cell == ("'" + original if original.startswith(("=", "+", "-", "@", "\t", "\r")) else original)
