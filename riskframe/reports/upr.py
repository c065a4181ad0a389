"""The atrocity-prevention section of a national UPR report, written from one assessment (Word).

Findings and measures are said as a State reports them to the universal periodic review. A measure
is tied to a UPR recommendation only where its own record says so: its description or follow-up
cites the review (UPR / universal periodic review, in English, French or Spanish), it records the
UPR recommendation it implements (number and text), or it is linked to (or adopted from) a prevention
option of the catalogue about the review. Nothing is inferred; a measure without
such a link is reported as a measure and not named under the recommendations.
"""

from __future__ import annotations

import re

from riskframe.framework.models import Framework, tr
from riskframe.i18n import _, current_language
from riskframe.reports.document import Document, Heading, Para, bullets
from riskframe.reports.layout import num, watermark
from riskframe.reports.model import ReportData
from riskframe.store import AssessmentView

_CITES_UPR = re.compile(r"\b(UPR|EPU|universal periodic review|examen p[ée]riodique universel|"
                        r"examen peri[óo]dico universal)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


def upr_options(fw: Framework) -> dict[str, str]:
    """Catalogue options about the universal periodic review (their English title says so): id → title."""
    return {o.id: tr(o.title, current_language()) for o in fw.options if _CITES_UPR.search(tr(o.title, "en"))}


def upr_links(fw: Framework, view: AssessmentView) -> list[tuple[str, list[str]]]:
    """(measure title, what its record says about the UPR) for each measure with a UPR link, in order."""
    options = upr_options(fw)
    out = []
    for m in view.measures:
        said = [s.strip() for text in (m.description, m.follow_up) for s in _SENTENCE_END.split(text or "")
                if s.strip() and _CITES_UPR.search(s)]
        said += [_("Implements the catalogue option: {title}.").format(title=options[i])
                 for i in dict.fromkeys([*m.linked_ids, *([m.option_id] if m.option_id else [])]) if i in options]
        number, text = m.upr_recommendation_id.strip(), " ".join(m.upr_recommendation_text.split())
        if number or text:  # recorded on the measure itself: said first
            said.insert(0, _("Implements UPR recommendation {number}: {text}").format(number=number or "—",
                                                                                     text=text or "—")
                        if text else _("Implements UPR recommendation {number}.").format(number=number))
        if said:
            out.append((m.title, said))
    return out


def upr_document(fw: Framework, data: ReportData, view: AssessmentView) -> Document:
    """The section as blocks: findings, groups at risk, who was consulted, measures, recommendations."""
    c, s = data.cover, data.summary
    title = _("Prevention of atrocity crimes")
    doc = Document(title=f"{title}: {c.country_name} {c.period}", watermark=watermark(c.fictional),
                   footer=f"riskframe · {c.country} {c.period} · UPR", language=data.language)
    doc.add(Heading(1, title))
    doc.add(Para(_("The State carried out a national assessment of the risk of atrocity crimes and of its sources of "
                   "resilience for {period}, using the United Nations Framework of Analysis for Atrocity Crimes "
                   "({framework}). Its status is: {status}.").format(period=c.period, framework=c.framework,
                                                                   status=c.status)))
    doc.add(Heading(2, _("Findings")))
    if s.composite is not None:
        doc.add(Para(_("The assessment places the overall risk at {composite} of 100, in the tier {tier}; the "
                       "uncertainty band runs from {low} to {high}.").format(
            composite=num(s.composite), tier=s.tier_label or "—", low=num(s.band_low), high=num(s.band_high))))
    if s.headline:
        doc.add(Para(_("Per crime, the highest risk is {headline} ({status}).").format(
            headline=s.headline, status=s.crime_status or "")))
    doc.add(*[Para(d) for d in s.drivers])
    if s.red_flags:
        doc.add(Para(_("The assessment identified the following warning signs:")))
        doc.add(*bullets([f"{f.text} ({f.indicator_id})" for f in s.red_flags]))
    if data.groups:
        doc.add(Heading(2, _("Groups most exposed")))
        doc.add(*bullets([f"{g.name}" + (f" ({g.basis})" if g.basis else "") + (f": {g.description}" if
                                                                              g.description else "")
                          for g in data.groups]))
    if data.consultations:
        doc.add(Heading(2, _("Consultation")))
        who = sorted({f"{x.name} ({x.category})" for x in data.consultations})
        doc.add(Para(_("The assessment was prepared in consultation with: {who}.").format(who="; ".join(who))))
    if data.measures:
        doc.add(Heading(2, _("Measures taken and planned")))
        for m in data.measures:
            facts = [m.status] + [x for x in (m.owner, _("due {date}").format(date=m.due) if m.due else "") if x]
            doc.add(Heading(3, m.title))
            doc.add(Para(", ".join(facts) + "."))
            if m.description:
                doc.add(Para(m.description))
            if m.follow_up:
                doc.add(Para(m.follow_up, lead=_("Follow-up: ")))
    links = upr_links(fw, view)
    if links:
        doc.add(Heading(2, _("Recommendations of the universal periodic review implemented")))
        doc.add(Para(_("The following measures implement recommendations of the universal periodic review, as "
                       "their records state:")))
        for measure, said in links:
            doc.add(Para(" ".join(said), "bullet", lead=f"{measure}: "))
    return doc
