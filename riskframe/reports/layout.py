"""The assessment report laid out as blocks: cover, summary, trend, tables, lists, annexes.

Order and headings are the report's structure (tests/reports/golden holds it). A section with
nothing to show is left out. Sentences are written here, in the current language.
"""

from __future__ import annotations

from riskframe.i18n import _, format_decimal, format_percent
from riskframe.reports.charts import trend_chart
from riskframe.reports.document import Document, Heading, Image, PageBreak, Para, Table, bullets, shorten
from riskframe.reports.model import Cover, ReportData, Summary

FLAGS_IN_SUMMARY = 6        # red flags quoted with their evidence on the summary page; the rest are named
EVIDENCE_IN_SUMMARY = 170   # characters of evidence quoted in the summary (the annex has all of it)
FICTIONAL = "FICTIONAL DATA"  # the watermark; kept in English as well so it is recognised in any language


def num(x: float | None, digits: int = 1) -> str:
    return "—" if x is None else format_decimal(x, digits)


def watermark(fictional: bool) -> str | None:
    if not fictional:
        return None
    word = _("FICTIONAL DATA")
    return word if word == FICTIONAL else f"{word} · {FICTIONAL}"


def cover_blocks(c: Cover, title: str) -> list:
    lines = [
        (_("Country"), f"{c.country_name} ({c.country})"),
        (_("Period"), c.period),
        (_("Status"), c.status),
    ]
    if c.validated:
        lines.append((_("Validated by"), _("{who} on {date}").format(who=c.validated_by or "—",
                                                                      date=c.validated_at or "—")))
    lines.append((_("Framework"), c.framework))
    if c.method_version:
        lines.append((_("Method version"), c.method_version))
    lines.append((_("Report made on"), c.generated_at))
    out: list = [Para(title, "title"), Para(f"{c.country_name} · {c.period}", "subtitle")]
    out += [Para(value, "cover", lead=f"{label}: ") for label, value in lines]
    if c.fictional:
        out.append(Para(_("The country in this report is invented (an ISO user-assigned code) and its data are "
                          "fictional, made for demonstration; they describe no real country."), "cover"))
    if not c.validated:
        out.append(Para(_("This assessment is not validated: its numbers may still change."), "cover"))
    return out


def summary_blocks(s: Summary) -> list:
    out: list = [Heading(1, _("Summary"))]
    if s.composite is None:
        out.append(Para(_("No risk indicator is scored yet, so there is no composite score.")))
    else:
        out.append(Para(_("The composite risk score is {composite} of 100, in the tier {tier}.").format(
            composite=num(s.composite), tier=s.tier_label or "—")))
    if s.tier_before_flags_label and s.tier_before_flags_label != s.tier_label:
        out.append(Para(_("Raised red flags lift the tier from {before} to {after}.").format(
            before=s.tier_before_flags_label, after=s.tier_label or "—")))
    if s.band_low is not None and s.band_high is not None:
        out.append(Para(_("If every unknown or unassessed indicator took its lowest or its highest level, the "
                          "composite would lie between {low} and {high} (the band).").format(
            low=num(s.band_low), high=num(s.band_high))))
    if s.coverage is not None:
        out.append(Para(_("Coverage: {pct} of the applicable indicators are scored.").format(
            pct=format_percent(s.coverage))))
    if s.headline:
        out.append(Para(_("Per crime, the highest risk is {headline} ({status}).").format(
            headline=s.headline, status=s.crime_status or "")))
    if s.provisional:
        out.append(Para(_("This result is provisional: fewer indicators are scored than the method requires "
                          "for a firm level.")))
    if s.robustness:
        out.append(Para(s.robustness))
    if s.heard:
        out.append(Para(s.heard))
    out += _changes(s)
    out += [Para(d) for d in s.drivers]
    if s.red_flags:
        out.append(Para(_("Red flags raised, with their evidence:")))
        for f in s.red_flags[:FLAGS_IN_SUMMARY]:
            score = "—" if f.score is None else str(f.score)
            evidence = shorten(f.evidence, EVIDENCE_IN_SUMMARY) or _("no evidence recorded")
            out.append(Para(_("{id} {text} (scored {score}). Evidence: {evidence}").format(
                id=f.indicator_id, text=f.text, score=score, evidence=evidence), "bullet"))
        rest = s.red_flags[FLAGS_IN_SUMMARY:]
        if rest:
            out.append(Para(_("Also raised: {ids} (their evidence is in Annex A).").format(
                ids=", ".join(f.indicator_id for f in rest)), "bullet"))
    else:
        out.append(Para(_("No red flag is raised.")))
    return out


def _changes(s: Summary) -> list:
    if s.previous_period is None:
        return [Para(_("This is the country's first assessment: there is no earlier period to compare with."))]
    out: list = []
    if s.previous_composite is not None and s.composite is not None:
        same = s.previous_tier_label == s.tier_label
        text = (_("Since {period}, the composite moved from {before} to {after} ({delta} points); the tier stays "
                  "{after_tier}.") if same else
                _("Since {period}, the composite moved from {before} to {after} ({delta} points); the tier was "
                  "{before_tier} and is now {after_tier}."))
        out.append(Para(text.format(
            period=s.previous_period, before=num(s.previous_composite), after=num(s.composite),
            delta=("+" if s.composite >= s.previous_composite else "") + num(s.composite - s.previous_composite),
            before_tier=s.previous_tier_label or "—", after_tier=s.tier_label or "—")))
    if not s.moves:
        out.append(Para(_("No indicator changed value since {period}.").format(period=s.previous_period)))
        return out
    out.append(Para(_("What changed since {period}, and why:").format(period=s.previous_period)))
    for m in s.moves:
        why = shorten(m.evidence, EVIDENCE_IN_SUMMARY) or _("no evidence recorded")
        out.append(Para(_("{id} {text}: {before} → {after}. {why}").format(
            id=m.indicator_id, text=shorten(m.text, 70), before=m.before, after=m.after, why=why), "bullet"))
    return out


def score_blocks(d: ReportData) -> list:
    out: list = []
    if d.factors:
        out += [Heading(1, _("Scores")), Heading(2, _("Risk and resilience factors"))]
        rows = [[f.factor_id, f.title, f.kind, num(f.score, 0), "—" if f.coverage is None else format_percent(f.coverage),
                 "—" if f.low is None else f"{num(f.low, 0)}–{num(f.high, 0)}"] for f in d.factors]
        out.append(Table([_("Factor"), _("Title"), _("Kind"), _("Score (0–100)"), _("Coverage"), _("Band")], rows,
                         [0.08, 0.40, 0.14, 0.12, 0.14, 0.12]))
    if d.themes:
        out.append(Heading(2, _("Themes")))
        out.append(Table([_("Theme"), _("Score (0–100)")], [[t.theme, num(t.score, 0)] for t in d.themes],
                         [0.7, 0.3]))
    if d.crimes:
        out.append(Heading(2, _("Risk per crime")))
        out.append(Table([_("Crime"), _("Level"), _("Band"), _("Escalating factors present"), _("May be under way")],
                         [[c.crime, c.level, c.band, c.escalators, _("yes") if c.under_way else _("no")]
                          for c in d.crimes], [0.26, 0.16, 0.22, 0.2, 0.16]))
    return out


def list_blocks(d: ReportData) -> list:
    out: list = []
    if d.groups:
        out.append(Heading(1, _("Vulnerable groups")))
        out.append(Table([_("Group"), _("Basis"), _("Description")],
                         [[g.name, g.basis, g.description] for g in d.groups], [0.25, 0.15, 0.6]))
    if d.consultations:
        out.append(Heading(1, _("Consultations: who was heard")))
        out.append(Table([_("Date"), _("Category"), _("Who"), _("What they said")],
                         [[c.date, c.category, c.name, c.summary] for c in d.consultations],
                         [0.14, 0.18, 0.22, 0.46]))
    if d.measures or d.suggestions:
        out.append(Heading(1, _("Prevention measures and follow-up")))
    if d.measures:
        out.append(Heading(2, _("Recommended measures")))
        if any(m.upr for m in d.measures):  # the UPR column only when a measure implements a recommendation
            out.append(Table([_("Measure"), _("Type"), _("Status"), _("Owner"), _("Due"), _("Addresses"), _("UPR")],
                             [[m.title, m.type, m.status, m.owner, m.due, m.linked, m.upr] for m in d.measures],
                             [0.26, 0.1, 0.11, 0.2, 0.12, 0.12, 0.09]))
        else:
            out.append(Table([_("Measure"), _("Type"), _("Status"), _("Owner"), _("Due"), _("Addresses")],
                             [[m.title, m.type, m.status, m.owner, m.due, m.linked] for m in d.measures],
                             [0.3, 0.11, 0.11, 0.24, 0.12, 0.12]))
        for m in d.measures:
            if m.description or m.follow_up or m.reason:
                out.append(Heading(3, m.title))
            if m.description:
                out.append(Para(m.description))
            if m.reason:
                out.append(Para(m.reason, lead=_("Reason for the status: ")))
            if m.follow_up:
                out.append(Para(m.follow_up, lead=_("Follow-up: ")))
    if d.suggestions:
        out.append(Heading(2, _("Options from the prevention catalogue")))
        out.append(Para(_("Options of the prevention catalogue linked to what is high in this assessment, "
                          "addressing most of its risk first."), "small"))
        out += bullets([f"{s.title}. {s.reason}".strip() for s in d.suggestions])
    if d.agreement:
        out.append(Heading(1, _("Rater agreement")))
        for a in d.agreement:
            alpha = "—" if a.alpha is None else format_decimal(a.alpha, 2)
            text = _("Round {n}: {raters} raters scored {units} indicators; Krippendorff's alpha ({level}) is "
                     "{alpha}").format(n=a.round_number, raters=a.raters, units=a.units, level=a.level, alpha=alpha)
            if a.interval:
                text += _(", 95% interval {low} to {high}").format(low=format_decimal(a.interval[0], 2),
                                                                   high=format_decimal(a.interval[1], 2))
            out.append(Para(text + "."))
            if a.flagged:
                out.append(Para(_("Raters were two levels or more apart on: {ids}.").format(ids=", ".join(a.flagged))))
    return out


def annex_blocks(d: ReportData) -> list:
    out: list = []
    if d.annex:
        out += [PageBreak(), Heading(1, _("Annex A. Indicators, evidence and sources"))]
        header = [_("Id"), _("Indicator"), _("Value"), _("Confidence"), _("Evidence"), _("Sources")]
        titles = {f.factor_id: f.title for f in d.factors}
        by_factor: dict[str, list[list[str]]] = {}
        for r in d.annex:  # one table per factor: short tables split across pages cheaply and read better
            by_factor.setdefault(r.factor_id, []).append([r.indicator_id, r.text, r.value, r.confidence, r.evidence,
                                                          ", ".join(f"[{n}]" for n in r.sources)])
        for factor, rows in by_factor.items():
            name = f"{factor} {titles[factor]}" if factor in titles else (factor or _("Other indicators"))
            out += [Heading(2, name), Table(header, rows, [0.07, 0.28, 0.1, 0.13, 0.32, 0.1])]
    if d.sources:
        out.append(Heading(2, _("Sources")))
        for s in d.sources:
            parts = [s.title] + [p for p in (s.date, s.url) if p]
            out.append(Para(" · ".join(parts), "small", lead=f"[{s.number}] "))
    if d.method:
        out += [PageBreak(), Heading(1, _("Annex B. Methodology"))]
        out += [Para(text, lead=f"{topic}. ") for topic, text in d.method]
    return out


def report_document(d: ReportData) -> Document:
    """The assessment report of `d`, as blocks."""
    title = _("Atrocity risk assessment")
    doc = Document(title=f"{title}: {d.cover.country_name} {d.cover.period}", watermark=watermark(d.cover.fictional),
                   footer=f"riskframe · {d.cover.country} {d.cover.period}", language=d.language)
    doc.add(*cover_blocks(d.cover, title), PageBreak())
    doc.add(*summary_blocks(d.summary))
    if any(p.composite is not None for p in d.trend):
        doc.add(PageBreak(), Heading(1, _("Trend")))
        doc.add(Image(trend_chart(d.trend, d.tier_bounds, d.tier_colours), 1.0, 0.5,
                      _("The composite score by period over the tier bands")))
        doc.add(Para(_("Filled marks are validated assessments; hollow marks are not validated yet (draft, "
                       "submitted or returned). A gap is a period without an assessment."), "caption"))
    doc.add(*score_blocks(d), *list_blocks(d), *annex_blocks(d))
    return doc
