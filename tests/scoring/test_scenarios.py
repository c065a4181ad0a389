"""The scenario table: fictional archetypes and the levels a prevention analyst expects of them.

The same table is printed in docs/methodology.md (between the scenario-table markers); the last
test regenerates it from the code, so a parameter change that moves a number fails here until the
document says so too. To refresh the document: PYTHONPATH=. python -m tests.scoring.test_scenarios
"""

import pandas as pd
import pytest

from riskframe.framework import load_framework
from riskframe.scoring import score_entries
from riskframe.settings import REPO_ROOT
from tests.scoring import scenarios as sc

FW = load_framework(REPO_ROOT / "indicators")
RANK = {t.id: i for i, t in enumerate(FW.manifest.scoring.tiers)}
START, END = "<!-- scenario-table:start -->", "<!-- scenario-table:end -->"


def scored(values: dict, aid="XA/2026-Q1"):
    s = score_entries(sc.entries(values, aid), FW, [aid])
    return s.assessments.loc[aid], s.crimes[s.crimes["assessment_id"] == aid].set_index("crime")


@pytest.fixture(scope="module")
def table():
    entries, ids = sc.batch(FW)
    s = score_entries(entries, FW, ids)
    return s.assessments, s.crimes


def level(a) -> int:
    return RANK[a["headline_level"]]


# --- the acceptance lines of issue 24 ------------------------------------------------------------

def test_widespread_attack_alone_is_at_least_high_and_may_be_under_way():
    values = sc.factor(sc.base(FW, 0, None), FW, "11", 3)
    a, crimes = scored(values)
    assert level(a) >= RANK["high"]
    assert a["status"] == "under_way" and a["headline_crime"] == "crimes_against_humanity"
    assert crimes.loc["crimes_against_humanity", "under_way"]
    assert not a["provisional"]


def test_genocide_signs_alone_name_genocide_above_a_war_alone():
    a_gen, _ = scored(sc.factor(sc.factor(sc.base(FW, 0, None), FW, "9", 3), FW, "10", 3))
    a_war, _ = scored(sc.factor(sc.base(FW, 0, None), FW, "1", 3))
    assert a_gen["headline"].startswith("genocide:")
    assert level(a_gen) > level(a_war)


def test_a_one_factor_assessment_is_provisional():
    a, _ = scored(sc.one_factor_only(FW))
    assert a["provisional"] and a["unresolved_red_flags"]
    full, _ = scored(sc.factor(sc.base(FW, 0, None), FW, "7", 3))
    assert not full["provisional"]


def test_one_trigger_in_an_all_zero_assessment_stays_below_elevated():
    a, _ = scored({**sc.base(FW, 0, None), "8.1": 2})
    assert level(a) < RANK["elevated"]
    assert "8.1" not in a["raised_red_flags"]


# --- the archetypes -------------------------------------------------------------------------------

def test_the_fully_assessed_archetypes_are_not_provisional(table):
    a, _ = table
    assert not a.drop(index="Only factor 7 assessed (all at 3)")["provisional"].any()


def test_stable_democracies_stay_below_elevated(table):
    a, _ = table
    for name in ("Stable democracy", "Stable democracy with one trigger (8.1 at 2)"):
        assert level(a.loc[name]) < RANK["elevated"] and a.loc[name, "status"] == "onset"


def test_orderings_a_prevention_analyst_expects(table):
    a, _ = table
    lv = {name: level(a.loc[name]) for name in a.index}
    democracy, trigger = lv["Stable democracy"], lv["Stable democracy with one trigger (8.1 at 2)"]
    war = lv["Fragile State at war without atrocity signs"]
    incitement = lv["Incitement and preparation before onset"]
    genocide = lv["Genocide under way in a capable, peaceful State"]
    attack = lv["Widespread attack on civilians under way"]
    assert democracy <= trigger < war
    assert war <= incitement < genocide
    assert genocide > war and attack > war
    assert attack >= RANK["high"] and incitement >= RANK["high"]


def test_status_and_named_crime(table):
    a, _ = table
    assert a.loc["Genocide under way in a capable, peaceful State", "status"] == "under_way"
    assert a.loc["Genocide under way in a capable, peaceful State", "headline_crime"] == "genocide"
    assert a.loc["Widespread attack on civilians under way", "status"] == "under_way"
    assert a.loc["Widespread attack on civilians under way", "headline_crime"] == "crimes_against_humanity"
    assert a.loc["Incitement and preparation before onset", "status"] == "onset"
    assert a.loc["Incitement and preparation before onset", "headline_crime"] == "genocide"
    assert a.loc["Fragile State at war without atrocity signs", "status"] == "onset"
    assert a.loc["Fragile State at war without atrocity signs", "headline_crime"] == "war_crimes"


def test_the_old_composite_got_these_wrong(table):
    """Why the method changed: the mean ranks the one-factor assessment above every other archetype."""
    a, _ = table
    assert a["composite"].idxmax() == "Only factor 7 assessed (all at 3)"
    assert (a.loc["Genocide under way in a capable, peaceful State", "composite"]
            < a.loc["Fragile State at war without atrocity signs", "composite"])


# --- the table in docs/methodology.md ---------------------------------------------------------------

def render(assessments: pd.DataFrame) -> str:
    head = ("| Scenario | Headline | Status | Provisional | Level band | Breadth (0–100) "
            "| Common factors present | Old composite (tier) |\n|---|---|---|---|---|---|---|---|")
    rows = []
    for name, a in assessments.iterrows():
        rows.append(f"| {name} | {a['headline']} | {a['status_text']} | {'yes' if a['provisional'] else 'no'} "
                    f"| {a['headline_level_low']} – {a['headline_level_high']} | {a['common_breadth']:.1f} "
                    f"| {a['common_present']} of {len(FW.manifest.method.common)} | {a['composite']:.1f} ({a['tier']}) |")
    return "\n".join([head, *rows])


def test_the_document_shows_the_table_the_code_computes(table):
    doc = (REPO_ROOT / "docs/methodology.md").read_text(encoding="utf-8")
    assert START in doc and END in doc
    shown = doc.split(START, 1)[1].split(END, 1)[0].strip()
    expected = render(table[0])
    assert shown == expected, "docs/methodology.md scenario table is stale; replace it with:\n" + expected


if __name__ == "__main__":
    entries, ids = sc.batch(FW)
    print(render(score_entries(entries, FW, ids).assessments))
