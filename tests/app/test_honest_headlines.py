"""Honest headlines (issue 16, item 7): a provisional tier below the submit coverage, drafts drawn
apart from validated points, a tier lifted by a red flag says so, a missing period is a gap."""

from riskframe.app.honest import provisional, tier_line
from riskframe.domain import EntryIn
from tests.app.conftest import open_app
from tests.app.test_assess_flow import new_assessment, no_exception


def test_the_live_preview_greys_the_tier_below_the_submit_coverage(store, fw, actor):
    a = new_assessment(store, fw, actor)
    store.save_entries(actor, a.id, a.revision, {"1.1": EntryIn(score=3, evidence="Fighting.")}, fw.indicator_ids())
    at = open_app("assess", country="XA", period="2026-Q3")
    no_exception(at)
    line = next(c.value for c in at.caption if "Tier" in c.value)
    assert line.startswith(":gray[Tier ") and "provisional: coverage 1% is below the 80% needed to submit" in line
    assert any(m.value.endswith(" *") for m in at.metric if m.label.startswith("Composite"))


def test_a_full_assessment_has_a_firm_tier_and_a_lift_says_so(fw):
    tier_ids = [t.id for t in fw.manifest.scoring.tiers]
    assert not provisional(fw, 0.95) and provisional(fw, 0.01) and provisional(fw, float("nan"))
    firm = tier_line(fw, tier_ids[-1], tier_ids[-1], 0.95, "en")
    assert firm.startswith("Tier **") and "provisional" not in firm
    lifted = tier_line(fw, tier_ids[-1], tier_ids[0], 0.95, "en")
    assert f"lifted by a red flag from {fw.tier(tier_ids[0]).label('en')}" in lifted


def test_charts_draw_drafts_hollow_and_name_a_red_flag_lift(fw):
    import pandas as pd

    from riskframe.charts import tier_scale
    from riskframe.charts.trend import composite_trend

    tiers = tier_scale(fw)
    ids = [t.id for t in fw.manifest.scoring.tiers]
    rows = pd.DataFrame([
        {"country": "XA", "period": "2025-Q1", "status": "validated", "composite": 30.0, "band_low": 25.0,
         "band_high": 35.0, "tier": ids[0], "tier_before_flags": ids[0], "coverage": 0.9, "red_flags": [],
         "composite_delta": float("nan"), "top_contributors": ""},
        {"country": "XA", "period": "2025-Q3", "status": "draft", "composite": 40.0, "band_low": 35.0,
         "band_high": 45.0, "tier": ids[-1], "tier_before_flags": ids[0], "coverage": 0.9, "red_flags": ["7.14"],
         "composite_delta": 10.0, "top_contributors": ""},
    ])
    fig = composite_trend(rows, tiers, "XA")
    line = next(t for t in fig.data if t.name == "Composite")
    assert list(line.x) == ["2025-Q1", "2025-Q2", "2025-Q3"] and line.y[1] is None and line.connectgaps is False
    hollow = next(t for t in fig.data if t.legendgroup == "draft")
    assert list(hollow.x) == ["2025-Q3"] and hollow.marker.symbol == "circle-open"
    assert any("tier lifted by red flag" in (a.text or "") for a in fig.layout.annotations)
