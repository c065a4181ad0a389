"""The audit trail of data leaving or entering riskframe through files: who exported or
imported what, and when. Reading writes no revision, so an export would otherwise leave no trace."""

from __future__ import annotations

import dataclasses
from typing import Any

from riskframe.store import Actor, Store


def exported(store: Store, actor: Actor, selection: Any, file_name: str, channel: str) -> None:
    detail = {k: (list(v) if isinstance(v, tuple) else v) for k, v in dataclasses.asdict(selection).items()
              if v not in (None, (), "")}
    store.record_event(actor, "excel.export", {**detail, "file": file_name, "channel": channel},
                       assessment_id=getattr(selection, "assessment_id", None))


def template_made(store: Store, actor: Actor, country: str, period: str, assessment_id: int | None,
                  prefill: bool, file_name: str, channel: str) -> None:
    store.record_event(actor, "excel.template", {"country": country, "period": period, "prefill": prefill,
                                                 "file": file_name, "channel": channel}, assessment_id=assessment_id)


def imported(store: Store, actor: Actor, plan: Any, revision: int, file_name: str, channel: str) -> None:
    parsed = plan.parsed
    found = store.find_assessment(actor, parsed.country, parsed.period)
    store.record_event(actor, "excel.import", {"country": parsed.country, "period": parsed.period,
                                               "indicators": len(plan.entries), "revision": revision,
                                               "file": file_name, "channel": channel},
                       assessment_id=found.id if found else None)
