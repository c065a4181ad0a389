"""The prevention catalogue as flat, JSON-ready records in one language (what `measures catalogue` prints)."""

from __future__ import annotations

from riskframe.framework.models import Framework, tr
from riskframe.framework.prevention_models import PreventionOption


def citation(fw: Framework, option: PreventionOption) -> list[str]:
    """The seed passages an option comes from, as 'SEED-003, para 31'."""
    return [f"{s.document}, {s.ref}" for s in option.sources]


def option_record(fw: Framework, option: PreventionOption, lang: str = "en") -> dict:
    """One option with its labels in `lang` (falling back to English where a text is missing)."""
    section = fw.manifest.prevention
    actors = section.actors if section else {}
    horizons = section.horizons if section else {}
    return {
        "id": option.id,
        "title": tr(option.title, lang),
        "description": tr(option.description, lang),
        "actors": list(option.actors),
        "actor_labels": [tr(actors[a], lang) if a in actors else a for a in option.actors],
        "horizon": option.horizon,
        "horizon_label": tr(horizons[option.horizon], lang) if option.horizon in horizons else option.horizon,
        "factors": list(option.addresses.factors),
        "indicators": list(option.addresses.indicators),
        "themes": list(option.addresses.themes),
        "strengthens": list(option.strengthens),
        "sources": citation(fw, option),
        "file": option.file,
    }


def option_records(fw: Framework, lang: str = "en") -> list[dict]:
    return [option_record(fw, o, lang) for o in fw.options]
