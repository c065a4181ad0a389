"""Briefs for analysts: one country across periods, and the portfolio (one page per country of concern).

The portfolio takes the countries whose tier rose since their previous assessment or whose latest
tier is one of the two highest of the manifest, in the order of the portfolio alerts
(riskframe.analytics.alerts); countries high without an alert follow, highest tier first.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from riskframe.analytics import build_panel, portfolio_alerts
from riskframe.assessments import Assessments
from riskframe.domain import Status, resolve_country
from riskframe.domain.countries import is_user_assigned
from riskframe.framework.models import Framework
from riskframe.i18n import _, current_language, format_date, format_percent
from riskframe.palette import tier_colours
from riskframe.reports import labels
from riskframe.reports.assemble import headline, num, tier_label
from riskframe.reports.charts import trend_chart
from riskframe.reports.document import Document, Heading, Image, PageBreak, Para, Table
from riskframe.reports.history import CountryHistory, country_history, trend
from riskframe.reports.layout import num as fmt, watermark
from riskframe.store import Store
from riskframe.store.actor import Actor

HIGH_TIERS = 2  # the portfolio brief lists every country whose latest tier is one of the two highest


def _tier_bounds(fw: Framework) -> list[tuple[str, float, str]]:
    return [(t.id, float(t.min), t.label(current_language())) for t in fw.manifest.scoring.tiers]


def _chart(fw: Framework, history: CountryHistory, aspect: float = 0.5) -> Image:
    return Image(trend_chart(trend(history), _tier_bounds(fw), tier_colours(fw)), 1.0 if aspect >= 0.5 else 0.85,
                 0.5, _("The composite score by period over the tier bands"))


def _history(store: Store, actor: Actor, fw: Framework, country: str, validated_only: bool) -> CountryHistory:
    service = Assessments(store, fw)
    history = country_history(service, actor, country)
    if validated_only:
        keep = [v for v in history.views if v.status == Status.VALIDATED]
        if len(keep) != len(history.views):
            from riskframe.reports.history import entries_frame
            from riskframe.scoring import score_entries
            frame = entries_frame(keep, fw)
            history = CountryHistory(views=keep, scores=score_entries(frame, fw, [v.id for v in keep]), frame=frame)
    return history


def _period_table(fw: Framework, history: CountryHistory) -> Table:
    rows = []
    for v in history.views:
        a = history.row(v.id)
        cov = a["coverage"]
        rows.append([v.period, labels.status_label(v.status), fmt(num(a["composite"])),
                     tier_label(fw, a["tier"]) or "—", f"{fmt(num(a['band_low']))}–{fmt(num(a['band_high']))}",
                     "—" if pd.isna(cov) else format_percent(float(cov)), ", ".join(a["red_flags"]) or "—"])
    return Table([_("Period"), _("Status"), _("Composite"), _("Tier"), _("Band"), _("Coverage"), _("Red flags")],
                 rows, [0.11, 0.2, 0.11, 0.12, 0.13, 0.11, 0.22])


def country_document(store: Store, actor: Actor, fw: Framework, country: str, validated_only: bool = True
                     ) -> Document:
    """A country across its periods: the trend, one row per assessment, and what changed last."""
    code = resolve_country(country).code
    history = _history(store, actor, fw, code, validated_only)
    if not history.views:
        raise ValueError((_("country {code} has no validated assessment that you may read") if validated_only
                          else _("country {code} has no assessment that you may read")).format(code=code))
    last = history.views[-1]
    title = _("Country brief")
    doc = Document(title=f"{title}: {last.country_name}", watermark=watermark(is_user_assigned(code)),
                   footer=f"riskframe · {code}", language=current_language())
    doc.add(Heading(1, f"{title}: {last.country_name} ({code})"))
    first = history.views[0]
    doc.add(Para(_("{n} assessments from {first} to {last}; {which}. Made on {date}.").format(
        n=len(history.views), first=first.period, last=last.period, date=format_date(store.now()),
        which=_("validated assessments only") if validated_only else _("drafts included, drawn hollow"))))
    doc.add(_chart(fw, history))
    doc.add(Heading(2, _("Assessments by period")), _period_table(fw, history))
    doc.add(Heading(2, _("Latest assessment")), *_latest(fw, history))
    return doc


def _latest(fw: Framework, history: CountryHistory) -> list[Para]:
    v = history.views[-1]
    a = history.row(v.id)
    out = [Para(_("In {period} the composite is {composite} of 100, tier {tier}.").format(
        period=v.period, composite=fmt(num(a["composite"])), tier=tier_label(fw, a["tier"]) or "—"))]
    head, status = headline(fw, a)
    if head:
        out.append(Para(_("Per crime, the highest risk is {headline} ({status}).").format(headline=head,
                                                                                          status=status)))
    if len(history.views) > 1:
        p = history.row(history.views[-2].id)
        if not pd.isna(a["composite"]) and not pd.isna(p["composite"]):
            out.append(Para(_("Change since {period}: {delta} points (tier then: {tier}).").format(
                period=history.views[-2].period, delta=f"{a['composite'] - p['composite']:+.1f}",
                tier=tier_label(fw, p["tier"]) or "—")))
    for iid in a["red_flags"]:
        e = v.entries.get(iid)
        out.append(Para(_("Red flag {id}: {evidence}").format(id=iid, evidence=(e.evidence if e else "") or "—"),
                        "bullet"))
    return out


def portfolio_document(store: Store, actor: Actor, fw: Framework, validated_only: bool = True,
                       today: dt.date | None = None) -> Document:
    """One page per country whose tier rose or is high, in the order of the alerts."""
    statuses = ["validated"] if validated_only else None
    entries = store.entries_frame(actor, statuses)
    panel = build_panel(entries, fw, statuses)
    today = today or store.now().date()
    alerts = portfolio_alerts(panel, fw, today, current_language(), entries)
    tiers = [t.id for t in fw.manifest.scoring.tiers]
    high = set(tiers[-HIGH_TIERS:])
    latest = panel.latest() if not panel.empty else pd.DataFrame()

    def rank(c: str) -> int:  # the higher of the composite tier and the per-crime headline level
        levels = [latest.at[c, col] for col in ("tier", "headline_level") if col in latest.columns]
        return max((tiers.index(x) for x in levels if isinstance(x, str)), default=-1)

    def concern(c: str) -> bool:
        rose = bool(((alerts["country"] == c) & (alerts["kind"] == "tier_rose")).any())
        return rose or (rank(c) >= 0 and tiers[rank(c)] in high)

    order = [c for c in dict.fromkeys(alerts["country"].tolist()) if c in latest.index and concern(c)]
    rest = [c for c in latest.index if c not in order and concern(c)] if len(latest) else []
    order += sorted(rest, key=lambda c: -rank(c))
    title = _("Portfolio brief")
    fictional = any(is_user_assigned(c) for c in order)
    doc = Document(title=title, watermark=watermark(fictional), footer="riskframe · " + title,
                   language=current_language())
    doc.add(Heading(1, title))
    which = _("validated assessments only") if validated_only else _("drafts included")
    doc.add(Para(_("Countries whose tier rose since their previous assessment or whose latest tier or per-crime "
                   "level is {tiers}, in the order of the alerts ({which}); made on {date}.").format(
        tiers=" / ".join(fw.tier(t).label(current_language()) for t in tiers[-HIGH_TIERS:]), which=which,
        date=format_date(today))))
    if not order:
        doc.add(Para(_("No country's tier rose and none is in the highest tiers.")))
        return doc
    doc.add(Table([_("Country"), _("Period"), _("Tier"), _("Per-crime level"), _("Alerts")],
                  [[c, latest.at[c, "period"], tier_label(fw, latest.at[c, "tier"]) or "—",
                    (tier_label(fw, latest.at[c, "headline_level"]) or "—") if "headline_level" in latest.columns else "—",
                    ", ".join(dict.fromkeys(alerts[alerts["country"] == c]["label"]))]
                   for c in order], [0.1, 0.12, 0.14, 0.16, 0.48]))
    for c in order:
        doc.add(PageBreak())
        doc.add(*_country_page(store, actor, fw, c, alerts[alerts["country"] == c], validated_only))
    return doc


def _country_page(store: Store, actor: Actor, fw: Framework, code: str, alerts: pd.DataFrame,
                  validated_only: bool) -> list:
    history = _history(store, actor, fw, code, validated_only)
    last = history.views[-1]
    out: list = [Heading(2, f"{last.country_name} ({code}) · {last.period}")]
    out += _latest(fw, history)
    for r in alerts.itertuples():  # label and detail as riskframe.analytics.alerts writes them
        out.append(Para(r.detail, "bullet", lead=f"{r.label}: "))
    out.append(_chart(fw, history))
    return out
