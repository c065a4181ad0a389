"""Cross-file rules of the framework: ids, numbering, tags, languages, levels, sources."""

from __future__ import annotations

import re
from typing import Any

from riskframe.framework.method_rules import check_method
from riskframe.framework.models import FactorFile, Manifest
from riskframe.framework.issues import FrameworkIssue
from riskframe.framework.yaml_lines import line_of

RISK_FACTOR_COUNT = 14
_RISK_FACTOR_ID = re.compile(r"^([1-9]|1[0-4])$")
_RESILIENCE_ID = re.compile(r"^R[1-9][0-9]*$")


class _Collector:
    def __init__(self, rel: str, tree: Any):
        self.rel, self.tree = rel, tree
        self.issues: list[FrameworkIssue] = []

    def add(self, path: tuple, message: str, field: str | None = None) -> None:
        from riskframe.framework.yaml_lines import field_name

        self.issues.append(
            FrameworkIssue(file=self.rel, line=line_of(self.tree, path), field=field or field_name(path), message=message)
        )


def _check_text(c: _Collector, path: tuple, text: dict, manifest: Manifest) -> None:
    langs = manifest.framework.languages
    required = manifest.framework.required_language
    if not (text.get(required) or "").strip():
        c.add(path + (required,), f"missing '{required}' text", )
    for lang in text:
        if lang not in langs:
            c.add(path + (lang,), f"language {lang!r} is not declared in manifest framework.languages ({', '.join(langs)})")


def _check_factor(ff: FactorFile, tree: Any, rel: str, manifest: Manifest) -> list[FrameworkIssue]:
    c = _Collector(rel, tree)
    h = ff.factor
    id_ok = _RISK_FACTOR_ID.match(h.id) if h.kind == "risk" else _RESILIENCE_ID.match(h.id)
    if not id_ok:
        form = "a number 1–14" if h.kind == "risk" else "R followed by a number (R1, R2 …)"
        c.add(("factor", "id"), f"factor id {h.id!r} must be {form} for kind {h.kind}")
    if h.group not in manifest.groups:
        c.add(("factor", "group"), f"unknown group {h.group!r}; declared groups: {', '.join(manifest.groups)}")
    elif (h.kind == "resilience") != (h.group == "resilience"):
        c.add(("factor", "group"), f"group {h.group!r} does not fit kind {h.kind!r}")
    _check_text(c, ("factor", "title"), h.title, manifest)
    _check_text(c, ("factor", "description"), h.description, manifest)
    if h.source.document not in manifest.documents:
        c.add(("factor", "source", "document"), f"unknown document {h.source.document!r}; declare it in manifest documents")

    levels = [str(n) for n in range(manifest.scale.min, manifest.scale.max + 1)]
    tiers = {t.id for t in manifest.scoring.tiers}
    for i, ind in enumerate(ff.indicators):
        base = ("indicators", i)
        expected = f"{h.id}.{i + 1}"
        if ind.id != expected:
            c.add(base + ("id",), f"indicator id {ind.id!r} out of sequence: expected {expected!r} "
                  f"(ids are '<factor id>.<n>', numbered 1…n in document order without gaps)")
        _check_text(c, base + ("text",), ind.text, manifest)
        for j, tag in enumerate(ind.tags):
            if tag not in manifest.tags:
                c.add(base + ("tags", j), f"unknown tag {tag!r}; declared tags: {', '.join(manifest.tags)}")
        if ind.red_flag:
            _check_text(c, base + ("red_flag", "reason"), ind.red_flag.reason, manifest)
        for lang in ind.evidence_sources:
            if lang not in manifest.framework.languages:
                c.add(base + ("evidence_sources", lang), f"language {lang!r} is not declared in manifest framework.languages")
        if ind.red_flag and ind.red_flag.min_tier and ind.red_flag.min_tier not in tiers:
            c.add(base + ("red_flag", "min_tier"), f"unknown tier {ind.red_flag.min_tier!r}; tiers: {', '.join(tiers)}")
        if ind.red_flag and h.kind == "resilience":
            c.add(base + ("red_flag",), "resilience indicators cannot be red flags")
        required = manifest.framework.required_language
        if required not in ind.guidance:
            c.add(base + ("guidance",), f"missing '{required}' guidance")
        for lang, by_level in ind.guidance.items():
            if lang not in manifest.framework.languages:
                c.add(base + ("guidance", lang), f"language {lang!r} is not declared in manifest framework.languages")
            if sorted(by_level) != levels:
                c.add(base + ("guidance", lang), f"guidance levels {sorted(by_level)} must be exactly {levels}")
            for lvl, txt in by_level.items():
                if not str(txt).strip():
                    c.add(base + ("guidance", lang, lvl), "empty guidance text")
        if ind.source.document not in manifest.documents:
            c.add(base + ("source", "document"), f"unknown document {ind.source.document!r}; declare it in manifest documents")
        if not ind.source.ref.strip():
            c.add(base + ("source", "ref"), "empty source reference")
    return c.issues


def check_rules(manifest: Manifest, files: list[tuple[FactorFile, Any, str]]) -> list[FrameworkIssue]:
    """Problems that span files or need the manifest; empty when all rules hold."""
    issues: list[FrameworkIssue] = []
    seen_factor: dict[str, str] = {}
    seen_indicator: dict[str, str] = {}
    for ff, tree, rel in files:
        issues += _check_factor(ff, tree, rel, manifest)
        if ff.factor.id in seen_factor:
            issues.append(FrameworkIssue(file=rel, line=line_of(tree, ("factor", "id")), field="factor.id",
                                         message=f"duplicate factor id {ff.factor.id!r} (also in {seen_factor[ff.factor.id]})"))
        seen_factor.setdefault(ff.factor.id, rel)
        for i, ind in enumerate(ff.indicators):
            if ind.id in seen_indicator:
                issues.append(FrameworkIssue(file=rel, line=line_of(tree, ("indicators", i, "id")), field=f"indicators[{i}].id",
                                             message=f"duplicate indicator id {ind.id!r} (also in {seen_indicator[ind.id]})"))
            seen_indicator.setdefault(ind.id, rel)
    missing = [str(n) for n in range(1, RISK_FACTOR_COUNT + 1) if str(n) not in seen_factor]
    if missing:
        issues.append(FrameworkIssue(file="risk/", field="factor.id",
                                     message=f"risk factors missing: {', '.join(missing)} (the UN framework has 14)"))
    cov = manifest.document_coverage
    if cov is not None:
        n_risk = sum(len(ff.indicators) for ff, _t, _r in files if ff.factor.kind == "risk")
        if n_risk > cov.document_risk_indicators:
            issues.append(FrameworkIssue(file="manifest.yaml", field="document_coverage.document_risk_indicators",
                                         message=f"{n_risk} risk indicators in the files, more than the document's "
                                                 f"{cov.document_risk_indicators}"))
        if n_risk < cov.document_risk_indicators and not cov.unverified_factors:
            issues.append(FrameworkIssue(file="manifest.yaml", field="document_coverage.unverified_factors",
                                         message=f"only {n_risk} of {cov.document_risk_indicators} risk indicators: "
                                                 "name the factors whose indicator count is unverified"))
        unknown = [f for f in cov.unverified_factors if f not in seen_factor]
        if unknown:
            issues.append(FrameworkIssue(file="manifest.yaml", field="document_coverage.unverified_factors",
                                         message=f"unknown factors: {', '.join(unknown)}"))
    tiers = [t.min for t in manifest.scoring.tiers]
    if tiers != sorted(tiers) or tiers[0] != 0:
        issues.append(FrameworkIssue(file="manifest.yaml", field="scoring.tiers", message="tiers must start at 0 and ascend"))
    tier_ids = {t.id for t in manifest.scoring.tiers}
    if manifest.scoring.red_flag.min_tier not in tier_ids:
        issues.append(FrameworkIssue(file="manifest.yaml", field="scoring.red_flag.min_tier",
                                     message=f"unknown tier {manifest.scoring.red_flag.min_tier!r}"))
    for code in manifest.scoring.band_missing_codes:
        if code not in manifest.scale.missing:
            issues.append(FrameworkIssue(file="manifest.yaml", field="scoring.band_missing_codes",
                                         message=f"unknown missing code {code!r}"))
    for theme in manifest.scoring.drivers:
        if theme not in manifest.tags:
            issues.append(FrameworkIssue(file="manifest.yaml", field="scoring.drivers",
                                         message=f"driver {theme!r} is not a declared tag"))
    return issues + check_method(manifest, files)
