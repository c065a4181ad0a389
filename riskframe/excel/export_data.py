"""What an export shows, gathered once: the assessments, their scores, and the trend behind them.

Three selections (see `Selection`): one assessment; one country across periods; several countries
in one period. Scores are recomputed here with riskframe.scoring from the exported revision, so the
workbook agrees with the app. The comparison trend scores every earlier assessment of the selected
countries from one bulk read (`Store.entries_frame`), which keeps a 193-country portfolio fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from riskframe.domain import Period, resolve_country
from riskframe.domain.countries import is_user_assigned
from riskframe.framework.models import Framework
from riskframe.i18n import _, current_language, ngettext
from riskframe.scoring import Scores, score_entries
from riskframe.store import Actor, AssessmentOut, AssessmentView, NotFound, Store

TREND_COLUMNS = ["assessment_id", "country", "period", "period_start", "status", "composite", "band_low",
                 "band_high", "risk_index", "resilience_index", "coverage", "tier"]


class SelectionError(ValueError):
    """The selection names nothing to export, or is not one of the three forms."""


@dataclass(frozen=True)
class Selection:
    assessment_id: int | None = None
    country: str | None = None
    period_from: str | None = None
    period_to: str | None = None
    period: str | None = None
    countries: tuple[str, ...] = ()  # empty with `period`: every country assessed in that period

    @property
    def mode(self) -> str:
        if self.assessment_id is not None:
            return "assessment"
        if self.country:
            return "country"
        if self.period:
            return "comparison"
        raise SelectionError(_("choose one assessment, one country (optionally with a period range), "
                               "or one period with countries"))


@dataclass
class ExportData:
    mode: str
    description: str
    views: list[AssessmentView]
    scores: Scores
    trend: pd.DataFrame  # TREND_COLUMNS, one row per assessment in the trend, by country then period
    exported_at: dt.datetime
    exported_by: str
    framework: Framework
    lang: str = "en"
    notes: list[str] = field(default_factory=list)
    certainty: pd.DataFrame | None = None  # export_certainty.certainty_of: robustness, rank band, rater range

    @property
    def fictional(self) -> list[str]:
        return sorted({v.country for v in self.views if is_user_assigned(v.country)}
                      | {c for c in self.trend["country"] if is_user_assigned(c)})


def gather(store: Store, actor: Actor, fw: Framework, sel: Selection, *, now: dt.datetime | None = None,
           lang: str | None = None) -> ExportData:
    """What to export; `lang` (default: the current language) is the language of the framework text."""
    lang = lang or current_language()
    headers, description = _select(store, actor, sel)
    views = store.get_assessments(actor, [a.id for a in headers])
    scores = score_views(views, fw)
    if sel.mode == "comparison":
        trend = _bulk_trend(store, actor, fw, {v.country for v in views}, Period.parse(sel.period or "").end,
                            {v.id for v in views})
    else:
        history = views
        if sel.mode == "assessment":
            last = views[0]
            # the trend: validated periods, and the exported assessment whatever its status (marked draft)
            history = [store.get_assessment(actor, a.id) if a.id != last.id else last
                       for a in store.list_assessments(actor, country=last.country)
                       if a.period_end <= last.period_end and (a.id == last.id or a.status == "validated")]
        trend = trend_frame(history, score_views(history, fw))
    from riskframe.excel.export_certainty import certainty_of

    return ExportData(sel.mode, description, views, scores, trend, now or dt.datetime.now(dt.UTC),
                      actor.username, fw, lang, certainty=certainty_of(store, actor, fw, views))


def _select(store: Store, actor: Actor, sel: Selection) -> tuple[list[AssessmentOut], str]:
    mode = sel.mode
    if mode == "assessment":
        try:
            view = store.get_assessment(actor, int(sel.assessment_id or 0))
        except NotFound:
            raise SelectionError(_("there is no assessment {id}").format(id=sel.assessment_id)) from None
        return [view], f"{view.country} {view.country_name}, {view.period}"
    if mode == "country":
        code = resolve_country(sel.country or "").code
        start = Period.parse(sel.period_from).start if sel.period_from else dt.date.min
        end = Period.parse(sel.period_to).end if sel.period_to else dt.date.max
        found = [a for a in store.list_assessments(actor, country=code)
                 if a.period_start >= start and a.period_end <= end]
        if not found:
            raise SelectionError(_("no assessment of {country} in the periods asked for").format(country=code))
        span = _("{first} to {last}").format(first=found[0].period, last=found[-1].period) if len(found) > 1 \
            else found[0].period
        return found, f"{code} {found[0].country_name}, {span}"
    label = Period.parse(sel.period or "").label
    wanted = {resolve_country(c).code for c in sel.countries}
    found = [a for a in store.list_assessments(actor, period=label) if not wanted or a.country in wanted]
    absent = sorted(wanted - {a.country for a in found})
    if absent:
        raise SelectionError(_("no assessment in {period} for: {countries}").format(period=label,
                                                                                  countries=", ".join(absent)))
    if not found:
        raise SelectionError(_("no assessment in {period}").format(period=label))
    return found, ngettext("{n} country, {period}", "{n} countries, {period}", len(found)).format(
        n=len(found), period=label)


def entries_of(views: list[AssessmentView]) -> pd.DataFrame:
    rows = [(v.id, iid, e.score, e.missing.value if e.missing else "")  # "": scored
            for v in views for iid, e in v.entries.items()]
    frame = pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing"])
    frame["score"] = frame["score"].astype("Float64")
    return frame


def score_views(views: list[AssessmentView], fw: Framework) -> Scores:
    entries = entries_of(views)
    entries = entries[entries["indicator_id"].isin(fw.indicators)]  # ids kept from an older framework version
    return score_entries(entries, fw, assessment_ids=[v.id for v in views])


def trend_frame(headers: Sequence[AssessmentOut], scores: Scores) -> pd.DataFrame:
    a = scores.assessments
    rows = [{"assessment_id": h.id, "country": h.country, "period": h.period, "period_start": h.period_start,
             "status": h.status.value, **{k: a.at[h.id, k] for k in TREND_COLUMNS[5:]}} for h in headers]
    frame = pd.DataFrame(rows, columns=TREND_COLUMNS)
    return frame.sort_values(["country", "period_start"], kind="stable").reset_index(drop=True)


def _bulk_trend(store: Store, actor: Actor, fw: Framework, countries: set[str], until: dt.date,
                selected: set[int]) -> pd.DataFrame:
    """Validated assessments of `countries` up to `until`, and the `selected` ones whatever their status,
    scored from one read of their entries only."""
    headers = [a for a in store.list_assessments(actor) if a.country in countries and a.period_end <= until
               and (a.status == "validated" or a.id in selected)]
    entries = store.entries_frame(actor, assessment_ids=[a.id for a in headers])
    frame = entries[["assessment_id", "indicator_id", "score", "missing"]].copy()
    frame["indicator_id"] = frame["indicator_id"].astype(object)
    frame = frame[frame["indicator_id"].isin(fw.indicators)]  # entries kept from older framework versions
    # "" (the engine's code for "scored") rather than None: an all-None column once broke the engine.
    frame["missing"] = frame["missing"].astype(object).where(frame["missing"].notna(), "")
    return trend_frame(headers, score_entries(frame, fw, assessment_ids=[a.id for a in headers]))
