"""The scored panel: one row per assessment, with what every dashboard reads.

Dashboards never score on their own: they read this panel, built once from `Store.entries_frame`
output by `riskframe.scoring`, so a number means the same on every chart. Pure pandas, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from riskframe.analytics.hover import contributor_texts
from riskframe.domain.countries import is_user_assigned
from riskframe.domain.periods import Period
from riskframe.framework.models import Framework
from riskframe.i18n import _, current_language
from riskframe.scoring.summary import INDEX_COLUMNS, Summary, headline_texts, known_entries, summarise
from riskframe.scoring.tiers import tier_rank

VALIDATED = ("validated",)
ALL_STATUSES = ("draft", "submitted", "returned", "validated")
META = ["country", "period", "period_start", "status", "revision"]
# What the per-crime method decides (riskframe/scoring/crimes.py), carried for the dashboards.
# ("status" there is onset / under way; here it becomes "crime_status", beside the workflow status)
METHOD_COLUMNS = ["headline", "headline_level", "crime_status", "status_text", "provisional", "method_version"]


@dataclass(frozen=True)
class Panel:
    """Assessments (indexed by assessment id, sorted by country then period) and factor scores (long)."""

    assessments: pd.DataFrame
    factors: pd.DataFrame
    drivers: tuple[str, ...]
    statuses: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return self.assessments.empty

    def country(self, code: str) -> pd.DataFrame:
        """One country's assessments, oldest first."""
        return self.assessments[self.assessments["country"] == code]

    def latest(self) -> pd.DataFrame:
        """Each country's latest assessment (by period)."""
        latest = self.assessments.groupby("country", sort=True).tail(1)
        return latest.set_index(latest["country"].rename(None))

    def at_period(self, period: str) -> pd.DataFrame:
        return self.assessments[self.assessments["period"] == period]

    def periods(self) -> list[str]:
        """Every period label in the panel, in date order."""
        p = self.assessments[["period", "period_start"]].drop_duplicates("period")
        return p.sort_values(["period_start", "period"])["period"].tolist()


def select_statuses(include_drafts: bool) -> tuple[str, ...]:
    """Validated only unless the user asked for drafts (submitted, returned and draft too)."""
    return ALL_STATUSES if include_drafts else VALIDATED


@cache
def period_end(label: str) -> pd.Timestamp:
    return pd.Timestamp(Period.parse(label).end)


def _new_flags(current: tuple, previous) -> tuple:
    if not current:
        return ()
    before = set(previous) if isinstance(previous, tuple) else set()
    return tuple(f for f in current if f not in before)


def _previous(a: pd.DataFrame, ranks: dict[str, int]) -> pd.DataFrame:
    """Previous-period values within each country, and the changes since then."""
    g = a.groupby("country", sort=False)
    prev_id = g["assessment_id"].shift(1)
    a["prev_assessment_id"] = prev_id.astype("Int64")
    a["prev_period"] = g["period"].shift(1)
    a["composite_prev"] = g["composite"].shift(1)
    a["composite_delta"] = a["composite"] - a["composite_prev"]
    a["tier_prev"] = g["tier"].shift(1)
    a["tier_rank"] = a["tier"].map(ranks).astype(float)
    a["tier_change"] = a["tier_rank"] - a["tier_prev"].map(ranks).astype(float)
    prev_flags = g["red_flags"].shift(1)
    a["new_red_flags"] = [_new_flags(cur, prev) for cur, prev in zip(a["red_flags"], prev_flags)]
    return a


def build_panel(entries: pd.DataFrame, fw: Framework, statuses=None, top_n: int = 3) -> Panel:
    """Score the assessments in `entries` (Store.entries_frame output) into a Panel.

    `statuses` keeps only assessments in those states (default: all given); previous-period
    deltas compare each assessment with the country's previous one *in the same selection*, so the
    validated view never compares with a draft.
    """
    statuses = tuple(statuses) if statuses is not None else ALL_STATUSES
    if statuses != ALL_STATUSES and len(entries):
        entries = entries[entries["status"].isin(list(statuses)).to_numpy()]
    entries = known_entries(entries, fw)  # entries kept under ids an older framework version had
    if entries.empty:
        return empty_panel(tuple(fw.manifest.scoring.drivers), statuses)
    header = entries.drop_duplicates("assessment_id").set_index("assessment_id")[META]
    return panel_from_summary(header, summarise(entries, fw, top_n), fw, statuses)


def panel_from_summary(header: pd.DataFrame, summary: Summary, fw: Framework, statuses=None) -> Panel:
    """The Panel of summarised assessments (riskframe.scoring.summary; e.g. read from the store's derived
    scores): `header` gives META per assessment id, `summary` the numbers; assessments missing from either
    are left out. Texts (headline, status, hover) are written in the current language."""
    drivers = tuple(fw.manifest.scoring.drivers)
    statuses = tuple(statuses) if statuses is not None else ALL_STATUSES
    s = summary.assessments
    a = header[META].join(s.drop(columns=["top_ids", "top_points"]), how="inner")
    if a.empty:
        return empty_panel(drivers, statuses)
    if "headline_crime" in a.columns:  # the per-crime method: its texts in the reader's language
        heads, texts = headline_texts(a, fw, current_language())
        a.insert(a.columns.get_loc("headline_level"), "headline", heads)
        a.insert(a.columns.get_loc("provisional"), "status_text", texts)
        a = a.drop(columns=["headline_crime"])
    a["last_changed_at"] = a["last_changed_at"].astype("datetime64[ns, UTC]")
    a["assessment_id"] = a.index.to_numpy()
    a.index.name = None  # the id is also a column; an unnamed index keeps sorting unambiguous
    a = a.sort_values(["country", "period_start", "period", "assessment_id"])
    a["period_end"] = a["period"].map(period_end).astype("datetime64[ns]")
    a["fictional"] = a["country"].map(is_user_assigned).astype(bool)
    a["n_red_flags"] = a["red_flags"].map(len).astype(int)
    a = _previous(a, tier_rank(fw.manifest.scoring))
    top = s[["top_ids", "top_points"]].reindex(a.index)
    a["top_contributors"] = contributor_texts(top["top_ids"], top["top_points"], a.index, fw)
    f = summary.factors
    factors = f[f["assessment_id"].isin(a.index)].join(a[["country", "period", "period_start"]], on="assessment_id")
    return Panel(assessments=a, factors=factors.reset_index(drop=True), drivers=drivers, statuses=statuses)


def empty_panel(drivers: tuple[str, ...] = (), statuses: tuple[str, ...] = VALIDATED) -> Panel:
    """A panel with the right columns and no rows: pages test `.empty` and show what to do."""
    cols = {c: pd.Series(dtype=object) for c in [
        "assessment_id", *META, "confidence", "last_changed_at", *INDEX_COLUMNS, *drivers, "period_end",
        "fictional", "n_red_flags", "prev_assessment_id", "prev_period", "composite_prev", "composite_delta",
        "tier_prev", "tier_rank", "tier_change", "new_red_flags", "top_contributors"]}
    a = pd.DataFrame(cols)
    for c in ["composite", "band_low", "band_high", "risk_index", "resilience_index", "coverage", "confidence",
              "composite_prev", "composite_delta", "tier_rank", "tier_change", *drivers]:
        a[c] = a[c].astype(float)
    factors = pd.DataFrame({c: pd.Series(dtype=object) for c in [
        "assessment_id", "factor_id", "kind", "score", "coverage", "low", "high", "country", "period"]})
    factors["score"] = factors["score"].astype(float)
    return Panel(assessments=a, factors=factors, drivers=drivers, statuses=statuses)


def status_note(statuses: tuple[str, ...]) -> str:
    """The sentence that says which assessments a chart shows."""
    if tuple(statuses) == VALIDATED:
        return _("Showing validated assessments only.")
    return _("Showing all assessments, including drafts (submitted, returned, draft): unvalidated numbers may change.")
