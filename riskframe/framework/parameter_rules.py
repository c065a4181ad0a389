"""Rules for the manifest's parameters: scale, levels, coded values, languages and tier colours.

These are the values every layer reads through the Framework object; a manifest that breaks one of
them is refused here with a sentence, instead of crashing a chart or a workbook later.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from riskframe.domain.entries import SCORE_STORAGE_MAX, Confidence, MissingCode
from riskframe.framework.models import Manifest, Text
from riskframe.framework.issues import FrameworkIssue
from riskframe.framework.yaml_lines import line_of
from riskframe.palette import relative_luminance

MANIFEST = "manifest.yaml"
_LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
MIN_LUMINANCE_STEP = 0.01
"""Each tier colour must be darker than the one below by at least this much relative luminance."""


def check_parameters(manifest: Manifest, tree: Any = None) -> list[FrameworkIssue]:
    """Every problem with the manifest's parameters (empty list: they hold)."""
    out: list[FrameworkIssue] = []

    def add(path: tuple, message: str) -> None:
        field = ".".join(str(p) for p in path)
        out.append(FrameworkIssue(file=MANIFEST, line=line_of(tree, path) if tree is not None else None,
                                  field=field, message=message))

    info, scale = manifest.framework, manifest.scale
    for code in info.languages:
        if not _LANG_CODE.match(code):
            add(("framework", "languages", code), f"language code {code!r} is not a code like 'en' or 'pt-BR'")
    if info.required_language not in info.languages:
        add(("framework", "required_language"),
            f"{info.required_language!r} is not one of framework.languages ({', '.join(info.languages)})")

    if scale.min != 0:
        add(("scale", "min"), "the scale must start at 0: the method reads a score s as s / max × 100")
    if scale.max <= scale.min:
        add(("scale", "max"), f"max ({scale.max}) must be above min ({scale.min})")
    if scale.max > SCORE_STORAGE_MAX:
        add(("scale", "max"), f"max ({scale.max}) is above {SCORE_STORAGE_MAX}, the largest score the database "
            "holds (riskframe/store/models.py, CHECK score_range): widen that with a migration first")
    levels = [str(n) for n in scale.scores]
    for kind in ("risk", "resilience"):
        by_level = scale.levels.get(kind)
        if by_level is None:
            add(("scale", "levels"), f"labels for the {kind} levels are missing")
        elif sorted(by_level, key=int) != levels:
            add(("scale", "levels", kind), f"levels {', '.join(by_level)} must be exactly {', '.join(levels)}")
    for section, enum in (("missing", MissingCode), ("confidence", Confidence)):
        stored = [c.value for c in enum]
        codes = list(getattr(scale, section))
        if sorted(codes) != sorted(stored):
            add(("scale", section), f"the codes must be exactly those riskframe stores ({', '.join(stored)}); "
                f"found {', '.join(codes) or 'none'}")

    labelled: list[tuple[tuple, Text]] = [(("scale", "missing", c), t) for c, t in scale.missing.items()]
    labelled += [(("scale", "confidence", c), t) for c, t in scale.confidence.items()]
    labelled += [(("scale", "levels", k, lvl), t) for k, by in scale.levels.items() for lvl, t in by.items()]
    for path, text in labelled:
        _check_label(add, path, text, info.languages, info.required_language)

    tiers = manifest.scoring.tiers
    ids = [t.id for t in tiers]
    for n, tier in enumerate(tiers):
        path = ("scoring", "tiers", n)
        if ids.count(tier.id) > 1:
            add(path + ("id",), f"tier id {tier.id!r} appears more than once")
        if not (tier.model_extra or {}).get(info.required_language):
            add(path, f"tier {tier.id!r} has no {info.required_language!r} label")
        for lang in tier.model_extra or {}:
            if lang not in info.languages:
                add(path + (lang,), f"{lang!r} is neither a tier field (id, min, colour) nor a declared language")
        if n and relative_luminance(tier.colour) > relative_luminance(tiers[n - 1].colour) - MIN_LUMINANCE_STEP:
            add(path + ("colour",), f"colour {tier.colour} of tier {tier.id!r} must be clearly darker than "
                f"{tiers[n - 1].colour} of tier {tiers[n - 1].id!r}: tier colours form a light-to-dark scale "
                "so that they stay distinguishable with colour blindness")
    return out


def _check_label(add: Callable[[tuple, str], None], path: tuple, text: Text, languages: dict[str, str],
                 required: str) -> None:
    if not (text.get(required) or "").strip():
        add(path + (required,), f"missing '{required}' label")
    for lang in text:
        if lang not in languages:
            add(path + (lang,), f"language {lang!r} is not declared in framework.languages")
