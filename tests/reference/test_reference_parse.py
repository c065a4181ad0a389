"""Reading reference files (issue 22 item 4): the EWP's two tables and a generic CSV; problems by row and column."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from riskframe.reference import load_crosswalk, read_series
from riskframe.reference.crosswalk import ALIAS_FILE, COW_FILE, _rows, iso2_of
from riskframe.settings import REPO_ROOT

FIX = Path(__file__).parent / "fixtures"
ROOT = REPO_ROOT / "indicators"
CW = load_crosswalk(ROOT)


def _known(code: str) -> bool:
    return code == "XK" or pycountry.countries.get(alpha_2=code) is not None


@pytest.mark.parametrize("name", [COW_FILE, ALIAS_FILE])
def test_crosswalk_tables_name_real_iso_codes(name):
    rows = _rows(ROOT / name)
    assert rows and all(_known(r["iso2"]) for r in rows), [r for r in rows if not _known(r["iso2"])]
    assert (ROOT / name).read_text(encoding="utf-8").startswith("#")  # the header comment names the source


def test_cow_codes_are_unique_and_so_are_their_countries():
    rows = _rows(ROOT / COW_FILE)
    assert len({r["ccode"] for r in rows}) == len(rows)
    assert len({r["iso2"] for r in rows}) == len(rows)
    assert CW.from_ccode(490) == "CD" and CW.from_ccode(484) == "CG" and CW.from_ccode(347) == "XK"
    assert CW.from_ccode(345) == "RS" and CW.from_ccode(713) == "TW" and CW.from_ccode(626) == "SS"


def test_small_ewp_table_maps_names_and_lists_the_unmapped():
    parsed = read_series(FIX / "ewp_small.csv", "ewp", CW)
    assert parsed.ok, parsed.problems
    assert parsed.base_year == 2024
    got = {r.country: r for r in parsed.rows}
    assert set(got) == {"CD", "MM", "CI", "KP", "XK", "CG", "KE", "TR", "NO"}
    assert got["CD"].value == 0.21 and got["CD"].rank == 1
    assert (got["KE"].year, got["KE"].covers_from, got["KE"].covers_to) == (2024, 2025, 2026)
    assert [(u.row, u.name) for u in parsed.unmapped] == [(9, "Atlantis")]
    assert "2025 or 2026" in parsed.measure


def test_full_ewp_table_maps_by_ccode_and_ignores_predictors():
    parsed = read_series(FIX / "ewp_full.csv", "ewp", CW)
    assert parsed.ok, parsed.problems
    assert parsed.base_year == 2023
    got = {r.country: r.value for r in parsed.rows}
    assert got == {"CD": 0.19, "MM": 0.17, "XK": 0.02, "KE": 0.014, "RS": 0.005}
    [lost] = parsed.unmapped
    assert (lost.row, lost.name, lost.ccode) == (5, "Mystery Land", "9999")


def test_bad_values_are_named_by_row_and_column():
    parsed = read_series(FIX / "ewp_bad.csv", "ewp", CW)
    found = {(p.row, p.column) for p in parsed.problems}
    assert found == {(3, "risk_1or2.from2024"), (4, "risk_1or2.from2024"), (5, "ewp_name"),
                     (6, "risk_rank.from2024")}
    text = "\n".join(str(p) for p in parsed.problems)
    assert "row 3, column risk_1or2.from2024: 'high' is not a number" in text
    assert "not a probability" in text and "appears twice (also row 2)" in text


def test_an_ewp_file_without_its_forecast_column_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("ewp_name,risk.from2024\nKenya,0.1\n", encoding="utf-8")
    parsed = read_series(path, "ewp", CW)
    assert not parsed.ok and parsed.problems[0].row == 1 and "risk_1or2.from<YEAR>" in str(parsed.problems[0])


def test_generic_csv_takes_alpha2_alpha3_and_user_assigned_codes():
    parsed = read_series(FIX / "generic.csv", "csv", CW)
    assert parsed.ok, parsed.problems
    assert {(r.country, r.year, r.covers_from, r.covers_to, r.value) for r in parsed.rows} == {
        ("KE", 2026, 2026, 2026, 3.5), ("NO", 2026, 2026, 2026, 0.4), ("XA", 2026, 2026, 2026, 2.0)}
    assert [(u.row, u.name) for u in parsed.unmapped] == [(5, "ZZZ")]


def test_generic_csv_problems(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("country,year,value\nKE,2026,1\nKE,2026,2\nNO,20x6,1\nFR,2026,\n", encoding="utf-8")
    parsed = read_series(path, "csv", CW)
    assert {(p.row, p.column) for p in parsed.problems} == {(3, "country"), (4, "year"), (5, "value")}


def test_iso2_of():
    assert iso2_of("ken") == "KE" and iso2_of("KE") == "KE" and iso2_of("XA") == "XA"
    assert iso2_of("JJ") is None and iso2_of("Kenya") is None


def test_aliases_agree_with_pycountry_where_it_knows_the_name():
    for row in _rows(ROOT / ALIAS_FILE):
        try:
            known = pycountry.countries.lookup(row["name"]).alpha_2
        except LookupError:
            continue
        assert known == row["iso2"], row


@pytest.mark.parametrize(("label", "code"), [
    ("Congo-Kinshasa", "CD"), ("Congo-Brazzaville", "CG"), ("Myanmar (Burma)", "MM"), ("Ivory Coast", "CI"),
    ("Côte d'Ivoire", "CI"), ("North Korea", "KP"), ("South Korea", "KR"), ("Kosovo", "XK"), ("Russia", "RU"),
    ("  bosnia and  herzegovina ", "BA"), ("Timor-Leste", "TL"), ("Eswatini", "SZ"), ("Guinea-Bissau", "GW")])
def test_ewp_style_names_map(label, code):
    assert CW.from_name(label) == code
