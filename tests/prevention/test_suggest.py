"""Suggestions on a fixed assessment: which options, in which order, and the sentence saying why."""

import pandas as pd
import pytest

from riskframe.framework import load_framework
from riskframe.prevention import suggest
from riskframe.scoring import score_entries
from riskframe.scoring.explain import contributions
from riskframe.settings import REPO_ROOT

# Every risk indicator at 1 except: hate speech (7.14, 8.7) at 3 and their red flags raised, 4.8 at 2,
# impunity (2.3, 2.4) at 3, which lifts factor 2 to 50, and 7.5 (militias) at 2: a red flag no option names.
HIGH = {"7.14": 3, "8.7": 3, "4.8": 2, "2.3": 3, "2.4": 3, "7.5": 2}


@pytest.fixture(scope="module")
def fw():
    return load_framework(REPO_ROOT / "indicators")


def scored(fw, high, aid=1):
    rows = [(aid, i, high.get(i, 1), None) for i, ind in fw.indicators.items() if ind.kind == "risk"]
    return score_entries(pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing"]), fw, [aid])


@pytest.fixture(scope="module")
def report(fw):
    return suggest(scored(fw, HIGH), fw, 1)


def test_triggers_are_the_raised_flags_and_the_factor_at_the_threshold(report):
    assert [t.key for t in report.triggers] == ["red_flag:7.5", "red_flag:7.14", "red_flag:8.7", "factor:2"]
    assert report.unanswered == ["red_flag:7.5"]      # said, not hidden
    assert report.thresholds == {"indicator_at": 2, "factor_at": 50, "theme_at": 50}


def test_ranking_on_a_fixed_assessment(report):
    assert [s.option_id for s in report.suggestions] == [
        "investigate_and_prosecute", "icc_cooperation", "inquiry_and_fact_finding",   # 2.3 + 2.4, factor 2 has 8
        "un_hate_speech_strategy",                                                   # 7.14 + 8.7 + 4.8
        "hate_speech_laws", "media_hate_speech_dialogue", "religious_leaders_plan_of_action",
        "nhri_hate_speech_monitoring",                                               # 7.14 + 8.7
        "nhri_civil_society_platforms",                                              # 2.3
        "national_early_warning",                                                    # 8.7
    ]
    assert report.n_linked == 15 and len(report.suggestions) == 10   # manifest max_suggestions


def test_points_are_the_summed_contributions_of_the_high_linked_indicators(fw, report):
    points = contributions(scored(fw, HIGH), fw).loc[1]
    by_id = {s.option_id: s for s in report.suggestions}
    assert by_id["un_hate_speech_strategy"].points == pytest.approx(points[["7.14", "8.7", "4.8"]].sum(), abs=0.01)
    assert by_id["investigate_and_prosecute"].points == pytest.approx(points[["2.3", "2.4"]].sum(), abs=0.01)
    ranks = [s.points for s in report.suggestions]
    assert ranks == sorted(ranks, reverse=True)


def test_reasons_name_the_indicators_and_their_scores(report):
    by_id = {s.option_id: s for s in report.suggestions}
    assert by_id["hate_speech_laws"].reason.startswith(
        "addresses 7.14 and 8.7, both scored 3; linked to raised red flags 7.14, 8.7")
    assert by_id["un_hate_speech_strategy"].reason == (
        "addresses 7.14 (scored 3), 8.7 (scored 3) and 4.8 (scored 2); linked to raised red flags 7.14, 8.7.")
    assert by_id["investigate_and_prosecute"].reason == (
        "addresses 2.3 and 2.4, both scored 3; linked to factor 2 (Record of serious violations of "
        "international human rights and humanitarian law) at 50.")
    assert by_id["hate_speech_laws"].sources == ["SEED-003, para 31", "SEED-003, para 6"]


def test_nothing_high_suggests_nothing(fw):
    report = suggest(scored(fw, {}), fw, 1)
    assert report.triggers == [] and report.suggestions == []


def test_thresholds_come_from_the_manifest(fw):
    t = fw.manifest.prevention.thresholds
    stricter = fw.model_copy(update={"manifest": fw.manifest.model_copy(update={"prevention": fw.manifest.prevention.model_copy(
        update={"thresholds": t.model_copy(update={"factor_at": 60.0, "indicator_at": 3, "max_suggestions": 3})})})})
    report = suggest(scored(stricter, HIGH), stricter, 1)
    assert "factor:2" not in [tr.key for tr in report.triggers]
    assert len(report.suggestions) == 3
    by_id = {s.option_id: s for s in report.suggestions}
    assert "investigate_and_prosecute" not in by_id                      # only factor 2 linked it
    assert by_id["un_hate_speech_strategy"].reason.startswith("addresses 7.14 and 8.7, both scored 3")  # 4.8 at 2 no longer high


def test_a_driver_theme_above_the_threshold_asks_for_its_options(fw):
    hate = {i: 3 for i, ind in fw.indicators.items() if ind.kind == "risk" and "hate_speech" in ind.tags
            and ind.red_flag is None}
    report = suggest(scored(fw, hate), fw, 1)
    assert "theme:hate_speech" in [t.key for t in report.triggers]
    laws = next(s for s in report.suggestions if s.option_id == "hate_speech_laws")
    assert "theme Hate speech and incitement at" in laws.reason
    assert "4.5" in [i.id for i in laws.indicators]   # tagged hate_speech, linked through the theme
