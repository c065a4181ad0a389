"""The shipped framework: complete, numbered and grouped as the 2014 document, with resilience."""

from collections import Counter

import pytest

from riskframe.framework import check_framework, load_framework
from riskframe.settings import REPO_ROOT

FW = load_framework(REPO_ROOT / "indicators")

GROUPS = {
    "common": [str(n) for n in range(1, 9)],
    "genocide": ["9", "10"],
    "crimes_against_humanity": ["11", "12"],
    "war_crimes": ["13", "14"],
}


def test_shipped_framework_is_valid():
    assert check_framework(REPO_ROOT / "indicators") == []


def test_all_14_risk_factors_present_in_order():
    assert [f.id for f in FW.factors_of("risk")] == [str(n) for n in range(1, 15)]


def test_missing_indicators_are_declared_not_invented():
    """Every gap to the document's stated 143 is declared in the manifest, which names every factor whose
    indicator count no copy confirmed, without guessing where the missing ones sit."""
    cov = FW.manifest.document_coverage
    risk = [i for i in FW.indicators.values() if i.kind == "risk"]
    assert cov.document_risk_indicators == 143
    assert len(risk) <= 143
    # Only the lists of factors 8 and 9 were read in full (a third-party reproduction): their counts are known.
    read_in_full = {"8": 12, "9": 6}
    for fid, n in read_in_full.items():
        assert len(FW.factor_by_id[fid].indicators) == n and fid not in cov.unverified_factors
    if len(risk) < 143:
        assert cov.unverified_factors == [f.id for f in FW.factors_of("risk") if f.id not in read_in_full]


def test_checked_indicators_are_only_those_read():
    """7.1-7.10, 8.x, 9.x and 13.1-13.9 were read in a copy; every other risk indicator says `unchecked`."""
    read = {f"7.{n}" for n in range(1, 11)} | {f"13.{n}" for n in range(1, 10)} | \
        {i.id for i in FW.indicators.values() if i.factor_id in ("8", "9")}
    for ind in FW.indicators.values():
        if ind.kind == "risk":
            unchecked = ind.source.checked_against.lower().startswith("unchecked")
            assert unchecked == (ind.id not in read), f"{ind.id}: {ind.source.checked_against}"


@pytest.mark.xfail(strict=True, reason="16 indicators, in factors whose counts are unverified, await checking "
                   "against the original document (docs/framework.md, Verification status); this passes, and must be "
                   "un-marked, once they are added")
def test_143_risk_indicators_as_in_the_2014_document():
    assert len([i for i in FW.indicators.values() if i.kind == "risk"]) == 143


@pytest.mark.parametrize("group,factor_ids", GROUPS.items())
def test_factor_groups_follow_the_document(group, factor_ids):
    assert [f.id for f in FW.factors_of("risk") if f.group == group] == factor_ids


def test_indicators_are_numbered_without_gaps_under_their_factor():
    for factor in FW.factors:
        assert [i.id for i in factor.indicators] == [f"{factor.id}.{n}" for n in range(1, len(factor.indicators) + 1)]


def test_every_indicator_cites_its_source_and_has_guidance():
    for ind in FW.indicators.values():
        assert ind.source.document in FW.manifest.documents
        assert ind.source.ref.strip()
        assert ind.source.checked_against.strip(), f"{ind.id} does not say what it was checked against"
        assert set(ind.guidance["en"]) == {"0", "1", "2", "3"}
        assert ind.evidence_sources


def test_risk_indicators_cite_the_un_document_by_number():
    for ind in FW.indicators.values():
        if ind.kind == "risk":
            assert ind.source.document == "UN-FOA-2014"
            assert ind.id in ind.source.ref, f"{ind.id} cites {ind.source.ref!r}"


def test_resilience_indicators_come_from_the_seeds():
    res = [i for i in FW.indicators.values() if i.kind == "resilience"]
    assert len(res) >= 15
    assert all(i.source.document.startswith("SEED-") for i in res)
    assert all(i.red_flag is None for i in res)


def test_each_driver_theme_is_on_at_least_three_indicators():
    counts = Counter(t for i in FW.indicators.values() for t in i.tags)
    for theme in ("hate_speech", "impunity", "civic_space", "discrimination"):
        assert counts[theme] >= 3, theme
    assert FW.manifest.scoring.drivers == ["hate_speech", "impunity", "civic_space", "discrimination"]


def test_red_flags_have_reasons_and_are_a_minority():
    flags = [i for i in FW.indicators.values() if i.red_flag]
    assert flags and all(i.red_flag.reason_in("en").strip() for i in flags)
    assert len(flags) < len(FW.indicators) / 2


def test_factor_titles_exist_in_french_and_spanish():
    for factor in FW.factors:
        for lang in ("en", "fr", "es"):
            assert factor.title.get(lang, "").strip(), f"factor {factor.id} has no {lang} title"
