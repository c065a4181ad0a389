"""prevention.suggest_many (the export's batch path) gives, for every assessment, exactly what
prevention.suggest gives for it alone: every field, in order, on the demo data and a random portfolio."""

import numpy as np
import pandas as pd
import pytest

from riskframe.excel.export_data import score_views
from riskframe.framework import load_framework
from riskframe.prevention import suggest, suggest_many
from riskframe.scoring import score_entries
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store


@pytest.fixture(scope="module")
def fw():
    return load_framework(REPO_ROOT / "indicators")


def _same(scores, fw, ids, lang):
    batch = suggest_many(scores, fw, ids, lang)
    assert list(batch) == list(ids)
    n = 0
    for aid in ids:
        expected = suggest(scores, fw, aid, lang)
        assert batch[aid].model_dump() == expected.model_dump(), aid
        assert [s.option_id for s in batch[aid].suggestions] == [s.option_id for s in expected.suggestions]
        n += len(expected.suggestions) + len(expected.triggers)
    assert n  # the data raise triggers and suggestions at all


def random_portfolio(fw, ids, seed):
    rng = np.random.default_rng(seed)
    rows = []
    for aid in ids:
        high = rng.random() < 0.5  # half the portfolio scored high, so flags, factors and themes trigger
        for iid in fw.indicators:
            draw = rng.integers(0, 8)
            score = int(min(3, draw + (1 if high else 0))) if draw < 5 else None
            rows.append((aid, iid, score, "" if score is not None else ("unknown" if draw < 7 else "not_applicable")))
    entries = pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing"])
    entries["score"] = entries["score"].astype("Float64")
    return score_entries(entries, fw, assessment_ids=ids)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_batch_equals_one_by_one_on_a_random_portfolio(fw, lang):
    ids = [31, 4, 17, 8, 22, 1, 40, 13, 9, 27, 35, 2]   # not in id order
    _same(random_portfolio(fw, ids, 18), fw, ids, lang)


def test_batch_of_a_subset_in_another_order(fw):
    ids = [5, 3, 9, 1, 7, 2]
    scores = random_portfolio(fw, ids, 7)
    _same(scores, fw, [9, 2, 5], "en")


def test_batch_equals_one_by_one_on_the_demo_data(fw, tmp_path):
    from riskframe.demo.load import load_demo

    store = open_store(f"sqlite:///{tmp_path / 'demo.db'}")
    store.upgrade()
    actor = Actor.system("test")
    load_demo(store, fw, REPO_ROOT / "seeds" / "demo", actor)
    views = [store.get_assessment(actor, a.id) for a in store.list_assessments(actor)]
    store.close()
    assert len(views) > 5
    _same(score_views(views, fw), fw, [v.id for v in views], "en")
