"""The manifest is the one home of the scale, the coded values, the languages and the tiers with their colours.

A copy of indicators/ with a sixth tier and a fourth language must load, and the charts, an Excel
template (and the tier colours of workbooks) and the CLI help must follow it without a crash; the
code must hold no copy of a tier colour or of a tier or language code.
"""

from __future__ import annotations

import io
import re
import shutil
import tokenize
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from riskframe.analytics import build_panel
from riskframe.app import entry_widgets
from riskframe.charts import (
    composite_trend,
    coverage_confidence,
    risk_resilience_scatter,
    small_multiples,
    tier_scale,
    world_choropleth,
    world_geojson,
)
from riskframe.cli import cli
from riskframe.domain import EntryIn
from riskframe.excel import layout
from riskframe.excel.sheets import tier_rules
from riskframe.excel.styles import argb
from riskframe.excel.template import template_bytes
from riskframe.framework import check_framework, load_framework
from riskframe.palette import text_colour
from riskframe.scoring.inputs import ScoringInputError, parse_inputs
from riskframe.settings import REPO_ROOT
from riskframe.store import InvalidInput, open_store
from tests.charts.data import ADMIN, add, risk_entries

EXTREME = {"id": "extreme", "min": 90, "colour": "#4d0013", "en": "Extreme", "fr": "Extrême", "es": "Extremo",
           "de": "Extrem"}
GERMAN_TITLE = "Bewaffneter Konflikt oder andere Formen der Instabilität"


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def copy(tmp_path) -> Path:
    dst = tmp_path / "indicators"
    shutil.copytree(REPO_ROOT / "indicators", dst)
    return dst


@pytest.fixture
def six_tiers(copy) -> Path:
    """The copy with a sixth tier ('extreme', ≥ 90) and a fourth language (de), titled for factor 1."""
    def manifest(d):
        d["framework"]["languages"]["de"] = "Deutsch"
        d["scoring"]["tiers"].append(EXTREME)
        d["method"]["breadth_levels"]["extreme"] = 90  # the method says when breadth alone reaches it
    _edit(copy / "manifest.yaml", manifest)
    _edit(copy / "risk" / "rf01.yaml", lambda d: d["factor"]["title"].update(de=GERMAN_TITLE))
    return copy


def test_sixth_tier_and_fourth_language_load(six_tiers):
    fw = load_framework(six_tiers)
    assert [t.id for t in fw.tiers][-1] == "extreme" and fw.tier("extreme").colour == "#4d0013"
    assert list(fw.languages) == ["en", "fr", "es", "de"] and fw.languages["de"] == "Deutsch"


def _panel(fw, tmp_path):
    """XA rises from the bottom tier to the new top one (every risk indicator at the scale's top, resilience at 0)."""
    resilience = {i: EntryIn(score=0, confidence="high") for i, row in fw.indicator_table.iterrows()
                  if row["kind"] == "resilience"}
    with open_store(f"sqlite:///{tmp_path / 'six.db'}") as store:
        store.upgrade()
        store.ensure_country(ADMIN, "XA", "Arvenia (fictional)")
        add(store, fw, "XA", "2025-Q3", {**risk_entries(fw, 0), **resilience})
        add(store, fw, "XA", "2025-Q4", {**risk_entries(fw, fw.scale.max, flags_at=fw.scale.max), **resilience})
        return build_panel(store.entries_frame(ADMIN), fw, ("validated",))


def test_charts_show_the_sixth_tier_in_legend_bands_and_colours(six_tiers, tmp_path):
    fw = load_framework(six_tiers)
    panel = _panel(fw, tmp_path)
    rows = panel.country("XA")
    assert list(rows["tier"]) == ["low", "extreme"]
    for lang, label in (("en", "Extreme"), ("de", "Extrem")):
        tiers = tier_scale(fw, lang)
        scatter = risk_resilience_scatter(panel.latest(), tiers, "Risk and resilience")
        assert label in [t.name for t in scatter.data]  # the legend is the tier scale
        assert "#4d0013" in [t.marker.color for t in scatter.data]
        trend = composite_trend(rows, tiers, "XA", rows["period"].tolist())
        assert label in [a.text for a in trend.layout.annotations]  # the tier band is labelled
        line = next(t for t in trend.data if t.name == "Composite")
        assert list(line.marker.color)[-1] == "#4d0013"
        small_multiples(panel.assessments, tiers, panel.periods(), "All")
        world = world_choropleth(panel.latest().assign(country=["KE"]), tiers, world_geojson(), "Map")
        bar = next(t for t in world.data if t.colorbar and t.colorbar.ticktext)
        assert list(bar.colorbar.ticktext)[-1] == label and len(bar.colorbar.ticktext) == 6
    labels = [fw.scale.confidence_label(c) for c in fw.scale.confidence]
    cov = coverage_confidence(rows, rows["period"].tolist(), "Coverage", labels)
    assert list(cov.layout.yaxis2.ticktext) == labels


def test_template_and_workbook_colours_follow_the_copy(six_tiers):
    fw = load_framework(six_tiers)
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(fw, "XA", "2026-Q3", lang="de")))
    ws = wb[layout.SHEET]
    assert ws.cell(layout.FIRST_ROW, 2).value.startswith(f"1 · {GERMAN_TITLE}")  # the new language's text
    lists = sorted(dv.formula1 for dv in ws.data_validations.dataValidation)
    assert lists == sorted(['"' + ",".join(c.choices) + '"' for c in layout.columns(fw) if c.choices])
    assert '"Low,Medium,High"' in lists and '"0,1,2,3"' in lists  # labels in the drop-downs, codes in the data
    # Workbooks colour tiers by the manifest: the sixth tier gets its colour and a readable font.
    out = openpyxl.Workbook().active
    tier_rules(out, 1, layout.FIRST_ROW + 3, fw.tiers, by_value=False)
    rules = [r for rng in out.conditional_formatting for r in rng.rules]
    extreme = next(r for r in rules if r.formula == ['"extreme"'])
    assert extreme.dxf.fill.fgColor.rgb == argb("#4d0013")
    assert text_colour("#4d0013") == "#ffffff" and extreme.dxf.font.color.rgb.endswith("FFFFFF")  # white on dark
    assert len(rules) == 6


def test_cli_help_and_choices_offer_the_fourth_language(six_tiers, monkeypatch):
    monkeypatch.setenv("RISKFRAME_INDICATORS_DIR", str(six_tiers))
    runner = CliRunner()
    top = runner.invoke(cli, ["--help"], prog_name="riskframe")
    assert top.exit_code == 0, top.output
    for args in (["score", "--help"], ["framework", "list", "--help"], ["framework", "show", "--help"],
                 ["template", "--help"], ["export", "--help"]):
        res = runner.invoke(cli, args, prog_name="riskframe")
        assert res.exit_code == 0, res.output
        assert "[en|fr|es|de]" in res.output, args
    shown = runner.invoke(cli, ["framework", "show", "1.1", "--lang", "de"], prog_name="riskframe")
    assert shown.exit_code == 0, shown.output
    assert GERMAN_TITLE in shown.output
    refused = runner.invoke(cli, ["framework", "show", "1.1", "--lang", "it"], prog_name="riskframe")
    assert refused.exit_code == 2 and "'it' is not one of 'en', 'fr', 'es', 'de'" in refused.output


def test_assess_form_options_and_labels_come_from_the_manifest(copy):
    def relabel(d):
        d["scale"]["missing"]["unknown"]["en"] = "Cannot tell"
        d["scale"]["confidence"]["high"]["en"] = "Sure"
    _edit(copy / "manifest.yaml", relabel)
    fw = load_framework(copy)
    assert entry_widgets.score_options(fw) == ["not_assessed", "0", "1", "2", "3", "unknown", "not_applicable"]
    assert entry_widgets.confidence_options(fw) == ["", "low", "medium", "high"]
    assert entry_widgets.score_label(fw, "risk", "unknown") == "Cannot tell"
    assert entry_widgets.score_label(fw, "resilience", "3", "fr") == "3 · Forte"
    assert entry_widgets.confidence_label(fw, "high") == "Sure"
    entry = entry_widgets.entry_from_widgets({"score": "unknown", "confidence": "high"})
    assert (entry.score, entry.missing, entry.confidence) == (None, "unknown", "high")
    assert entry_widgets.widget_values(entry)["score"] == "unknown"


def test_scores_outside_the_scale_are_refused_with_a_sentence(tmp_path):
    """A manifest scale narrower than what the database holds (0–2 here) is enforced where entries enter."""
    full = load_framework(REPO_ROOT / "indicators")
    scale = full.scale.model_copy(update={"max": 2})
    fw = full.model_copy(update={"manifest": full.manifest.model_copy(update={"scale": scale})})
    assert fw.entry_problem(EntryIn(score=2)) is None and full.entry_problem(EntryIn(score=3)) is None
    problem = fw.entry_problem(EntryIn(score=3))
    assert problem and "from 0 to 2" in problem
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.upgrade()
        a = store.create_assessment(ADMIN, "XA", "2026-Q3", fw.id, fw.version)
        with pytest.raises(InvalidInput) as err:
            store.save_entries(ADMIN, a.id, a.revision, {"1.1": {"score": 3}}, fw)
        assert err.value.field == "entries.1.1.score" and "from 0 to 2" in str(err.value)
        assert store.get_assessment(ADMIN, a.id).revision == a.revision  # nothing written
    with pytest.raises(ScoringInputError, match=r"scores\.1\.1\.score: score 3 is outside the scale"):
        parse_inputs('{"country": "XA", "period": "2026-Q3", "scores": {"1.1": {"score": 3}}}', fw)


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda d: d["scoring"]["tiers"][2].update(colour="#fffff0"), "scoring.tiers.2.colour", "darker"),
    (lambda d: d["scoring"]["tiers"][1].pop("colour"), "scoring.tiers.1.colour", "required"),
    (lambda d: d["scale"]["missing"].pop("unknown"), "scale.missing", "exactly those riskframe stores"),
    (lambda d: d["scale"]["confidence"].update(certain={"en": "Certain"}), "scale.confidence", "exactly"),
    (lambda d: d["scale"].update(min=1), "scale.min", "start at 0"),
    (lambda d: d["scale"].update(max=4), "scale.max", "largest score the database holds"),
    (lambda d: d["framework"]["languages"].pop("en"), "framework.required_language", "not one of"),
    (lambda d: d["scoring"]["tiers"][0].update(it="Basso"), "scoring.tiers.0.it", "declared language"),
])
def test_a_broken_parameter_is_named_with_its_field(copy, change, field, words):
    _edit(copy / "manifest.yaml", change)
    issues = check_framework(copy)
    found = [i for i in issues if i.file == "manifest.yaml" and i.field.replace("[", ".").replace("]", "") == field]
    assert found, [str(i) for i in issues]
    assert words in found[0].message


_TEXT_TOKENS = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}


def _string_literals(path: Path) -> list[tuple[int, str]]:
    out = []
    with path.open("rb") as fh:
        for tok in tokenize.tokenize(fh.readline):
            if tok.type in _TEXT_TOKENS:
                out.append((tok.start[0], tok.string))
    return out


def test_no_tier_colour_or_tier_or_language_code_is_copied_into_code():
    """Tier colours, tier ids and language codes live in the manifest only (riskframe/framework reads it).

    Tier ids that are also other codes (`low`, `high` are confidence levels and band columns) are
    left out, as they cannot be told apart by text.
    """
    fw = load_framework(REPO_ROOT / "indicators")
    colours = {t.colour.lower() for t in fw.tiers}
    other_codes = set(fw.scale.confidence) | set(fw.scale.missing)
    words = ({t.id for t in fw.tiers} - other_codes) | (set(fw.languages) - {fw.manifest.framework.required_language})
    literal = re.compile(r"^[rbuf]*(['\"])(?P<body>.*)\1$", re.S)
    found = []
    for path in sorted((REPO_ROOT / "riskframe").rglob("*.py")):
        if path.parent.name == "framework":
            continue
        for line, token in _string_literals(path):
            body = (m.group("body") if (m := literal.match(token)) else token).lower()
            if body in words or any(c in body for c in colours):
                found.append(f"{path.relative_to(REPO_ROOT)}:{line}: {token}")
    assert not found, "read these through the Framework (indicators/manifest.yaml) instead:\n" + "\n".join(found)
