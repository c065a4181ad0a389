"""The prevention catalogue: its data hold the rules, and each kind of error names file, line and field."""

import shutil
from pathlib import Path

import pytest
import yaml

from riskframe.framework import FrameworkInvalid, check_framework, load_framework
from riskframe.settings import REPO_ROOT

HATE = "prevention/02_hate_speech.yaml"


@pytest.fixture(scope="module")
def fw():
    return load_framework(REPO_ROOT / "indicators")


@pytest.fixture
def copy(tmp_path) -> Path:
    dst = tmp_path / "indicators"
    shutil.copytree(REPO_ROOT / "indicators", dst)
    return dst


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def only(issues, **expected):
    matching = [i for i in issues if all(getattr(i, k) == v for k, v in expected.items())]
    assert matching, f"no issue with {expected}; got: {[str(i) for i in issues]}"
    assert matching[0].line and matching[0].line > 1, str(matching[0])
    return matching[0]


def test_the_catalogue_has_25_options_in_three_languages_each_linked_and_cited(fw):
    assert len(fw.options) >= 25
    section = fw.manifest.prevention
    assert set(section.actors) == {"government", "parliament", "judiciary", "nhri", "civil_society",
                                   "regional_body", "un_entity"}
    assert set(section.horizons) == {"immediate", "structural"}
    assert "unofficial" in section.note["en"]
    for o in fw.options:
        assert {"en", "fr", "es"} <= set(o.title) and {"en", "fr", "es"} <= set(o.description), o.id
        assert o.addresses.factors or o.addresses.themes or o.addresses.indicators, o.id
        assert o.sources and all(s.document.startswith("SEED-") and s.ref for s in o.sources), o.id
        assert o.actors and o.horizon in section.horizons, o.id
    used_actors = {a for o in fw.options for a in o.actors}
    assert used_actors == set(section.actors)   # every declared actor is used by some option


def test_the_seed_topics_are_covered(fw):
    ids = {o.id for o in fw.options}
    for expected in ("national_focal_point", "national_action_plan", "periodic_national_assessment",
                     "hate_speech_laws", "un_hate_speech_strategy", "religious_leaders_plan_of_action",
                     "investigate_and_prosecute", "truth_and_reconciliation", "human_rights_education",
                     "memorialisation_and_archives", "protect_civil_society_from_reprisals", "nhri_paris_principles",
                     "upr_atrocity_dimension", "upr_voluntary_fund", "special_procedures_cooperation",
                     "treaty_body_early_warning", "ohchr_technical_assistance", "inquiry_and_fact_finding",
                     "preventive_deployment", "development_assistance_atrocity_lens", "gender_perspective",
                     "youth_engagement"):
        assert expected in ids


def test_unknown_factor_indicator_theme_and_resilience_are_named(copy):
    def break_links(d):
        d["options"][0]["addresses"] = {"factors": ["99"], "indicators": ["7.99"], "themes": ["hatespeech"]}
        d["options"][0]["strengthens"] = ["R9.9"]

    edit(copy / HATE, break_links)
    issues = check_framework(copy)
    assert "unknown risk factor '99'" in only(issues, file=HATE, field="options[0].addresses.factors[0]").message
    assert "unknown risk indicator '7.99'" in only(issues, file=HATE, field="options[0].addresses.indicators[0]").message
    assert "unknown theme 'hatespeech'" in only(issues, file=HATE, field="options[0].addresses.themes[0]").message
    assert "unknown resilience indicator 'R9.9'" in only(issues, file=HATE, field="options[0].strengthens[0]").message


def test_a_resilience_indicator_is_not_a_risk_link(copy):
    edit(copy / HATE, lambda d: d["options"][1]["addresses"].update(indicators=["R4.4"]))
    assert "unknown risk indicator 'R4.4'" in only(check_framework(copy), file=HATE,
                                                   field="options[1].addresses.indicators[0]").message


def test_missing_citation_and_missing_links(copy):
    def strip(d):
        d["options"][2]["sources"] = []
        d["options"][3]["addresses"] = {}

    edit(copy / HATE, strip)
    issues = check_framework(copy)
    assert "cite at least one seed passage" in only(issues, file=HATE, field="options[2].sources").message
    assert "at least one risk factor, indicator or theme" in only(issues, file=HATE, field="options[3].addresses").message


def test_unknown_document_and_empty_paragraph(copy):
    edit(copy / HATE, lambda d: d["options"][0]["sources"][0].update(document="SEED-999", ref=" "))
    issues = check_framework(copy)
    assert "unknown document 'SEED-999'" in only(issues, file=HATE, field="options[0].sources[0].document").message
    assert "which paragraph" in only(issues, file=HATE, field="options[0].sources[0].ref").message


def test_duplicate_id_across_files(copy):
    edit(copy / HATE, lambda d: d["options"][1].update(id="national_focal_point"))
    dup = only(check_framework(copy), file=HATE, field="options[1].id")
    assert "duplicate option id" in dup.message and "prevention/01_national.yaml" in dup.message


def test_missing_english_title_unknown_actor_and_horizon(copy):
    def damage(d):
        del d["options"][0]["title"]["en"]
        d["options"][0]["actors"] = ["government", "army"]
        d["options"][0]["horizon"] = "someday"

    edit(copy / HATE, damage)
    issues = check_framework(copy)
    assert "missing 'en' title" in only(issues, file=HATE, field="options[0].title").message
    assert "unknown actor 'army'" in only(issues, file=HATE, field="options[0].actors[1]").message
    assert "unknown horizon 'someday'" in only(issues, file=HATE, field="options[0].horizon").message


def test_unknown_field_is_refused_with_its_line(copy):
    edit(copy / HATE, lambda d: d["options"][0].update(priority="high"))
    issue = only(check_framework(copy), file=HATE, field="options[0].priority")
    assert "unknown field" in issue.message


def test_actors_are_declared_in_the_manifest(copy):
    edit(copy / "manifest.yaml", lambda d: d["prevention"]["actors"].pop("nhri"))
    issues = check_framework(copy)
    assert any(i.file.startswith("prevention/") and "unknown actor 'nhri'" in i.message for i in issues)


def test_load_refuses_a_broken_catalogue(copy):
    edit(copy / HATE, lambda d: d["options"][0].update(horizon="someday"))
    with pytest.raises(FrameworkInvalid) as exc:
        load_framework(copy)
    assert any("someday" in str(i) for i in exc.value.issues)
