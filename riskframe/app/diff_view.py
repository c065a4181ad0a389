"""Changes as people read them (Review, "what changed"): indicator id and text, human labels for every
code, score changes first, sources one per line; no Python reprs, field paths or internal ids.

Takes the store's `Change` rows (field paths such as `entries.1.2.sources`) and gives a table whose
columns are words. Store and scoring stay language-neutral; the labels come from riskframe.app.labels
and the framework (score levels, missing codes, indicator text in the person's language).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from riskframe.app import labels
from riskframe.framework.models import Framework, tr
from riskframe.i18n import _, current_language, format_datetime

_ITEM_NAMES = ("name", "title")
_ORDER = {"score": 0, "missing": 0, "confidence": 1, "trend": 2, "evidence": 3, "sources": 4, "comment": 5,
          "carried_over": 6}


def _score(fw: Framework, ind: str, score: Any, missing: Any) -> str:
    if score is not None:
        kind = fw.indicators[ind].kind if ind in fw.indicators else "risk"
        try:
            return f"{int(score)} · {fw.scale.level_label(kind, int(score), current_language())}"
        except (KeyError, ValueError, TypeError):
            return str(score)
    return fw.scale.missing_label(str(missing or "not_assessed"), current_language())


def _indicator(fw: Framework, ind: str, width: int = 90) -> str:
    found = fw.indicators.get(ind)
    if found is None:
        return _("{id} (not in this framework version)").format(id=ind)
    text = tr(found.text, current_language())
    return f"{ind} · {text if len(text) <= width else text[:width - 1] + '…'}"


def _item_name(flat: Any) -> str:
    if isinstance(flat, dict):
        for k in _ITEM_NAMES:
            if flat.get(k):
                return str(flat[k])
    return ""


def readable(changes: Iterable[Any], fw: Framework, names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per change a person would name: What, Field, Before, After, By, When.

    `names` maps list-item keys to their name or title (from the views compared), so a changed
    measure reads “Measure “Early-warning radio”” rather than its key."""
    names = dict(names or {})
    scores: dict[str, dict[str, Any]] = {}
    rows: list[dict[str, Any]] = []
    for ch in changes:
        parts = ch.field.split(".")
        who = ch.changed_by or ""
        when = format_datetime(ch.changed_at, "short") if ch.changed_at else ""
        if parts[0] == "status":
            rows.append({"_rank": (2, 0, ""), "What": _("The assessment"), "Field": _("Status"),
                         "Before": labels.code(labels.STATUS, ch.old), "After": labels.code(labels.STATUS, ch.new),
                         "By": who, "When": when})
            continue
        if parts[0] == "entries" and len(parts) >= 3:
            ind, name = ".".join(parts[1:-1]), parts[-1]
            if name in ("score", "missing"):
                s = scores.setdefault(ind, {"who": who, "when": when})
                s[f"old_{name}"], s[f"new_{name}"] = ch.old, ch.new
                continue
            rows.append({"_rank": (0, _ORDER.get(name, 9), ind), "What": _indicator(fw, ind),
                         "Field": labels.field(name), "Before": labels.value(name, ch.old),
                         "After": labels.value(name, ch.new), "By": who, "When": when})
            continue
        coll, key = parts[0], parts[1] if len(parts) > 1 else ""
        what_kind = labels.code(labels.COLLECTION, coll)
        title = names.get(key) or _item_name(ch.new) or _item_name(ch.old)
        what = f"{what_kind} “{title}”" if title else what_kind
        if len(parts) == 2:  # a whole item added or removed
            field = _("Added") if ch.old is None else _("Removed")
            rows.append({"_rank": (1, 0, coll), "What": what, "Field": field,
                         "Before": labels.value("", ch.old), "After": labels.value("", ch.new), "By": who,
                         "When": when})
            continue
        name = parts[-1]
        rows.append({"_rank": (1, 1, coll), "What": what, "Field": labels.field(name),
                     "Before": labels.value(name, ch.old), "After": labels.value(name, ch.new), "By": who,
                     "When": when})
    for ind, s in scores.items():
        old_score = s.get("old_score")
        new_score = s.get("new_score")
        rows.append({"_rank": (0, 0, ind), "What": _indicator(fw, ind), "Field": _("Score"),
                     "Before": _score(fw, ind, old_score, s.get("old_missing")),
                     "After": _score(fw, ind, new_score, s.get("new_missing")), "By": s["who"], "When": s["when"]})
    columns = ["What", "Field", "Before", "After", "By", "When"]
    if not rows:
        return pd.DataFrame(columns=columns)
    order = {iid: n for n, iid in enumerate(fw.indicators)}
    rows.sort(key=lambda r: (r["_rank"][0], r["_rank"][1], order.get(r["_rank"][2], len(order)), r["_rank"][2]))
    return pd.DataFrame(rows)[columns]


def item_names(*views: Any) -> dict[str, str]:
    """Item key → name or title, from assessment views (for `readable`)."""
    out: dict[str, str] = {}
    for v in views:
        if v is None:
            continue
        for item in [*v.vulnerable_groups, *v.consultations]:
            out[item.key] = item.name
        for m in v.measures:
            out[m.key] = m.title
    return out
