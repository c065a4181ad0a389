"""Mapping indicator ids of an older framework version onto the current one.

A mapping file (indicators/mappings/*.yaml) says, for one version step, where each old id went:
`{from_version, to_version, map: {old_id: new_id | [new_ids] | null}}`. Ids not listed keep their
id. An old id mapped to null (or, when the current ids are known, to an id the framework no longer
has) is *unmapped*: it is reported and kept under its old id, never dropped.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from riskframe.i18n import _
from riskframe.store.errors import InvalidInput, StoreError

T = TypeVar("T")


class VersionMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")
    from_version: str
    to_version: str
    map: dict[str, str | list[str] | None] = Field(default_factory=dict)
    source: str | None = None  # the file it came from, for messages

    @field_validator("from_version", "to_version", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) else value

    @field_validator("map", mode="before")
    @classmethod
    def _keys(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): (str(v) if isinstance(v, (int, float)) else v) for k, v in value.items()}
        return value

    def targets(self, old_id: str) -> list[str]:
        """Where `old_id` goes in to_version ([] = nowhere)."""
        if old_id not in self.map:
            return [old_id]
        target = self.map[old_id]
        if target is None:
            return []
        return [target] if isinstance(target, str) else [str(t) for t in target]


class MappingReport(BaseModel):
    from_version: str
    to_version: str
    steps: list[str] = Field(default_factory=list)  # "1.0.0 -> 1.1.0 (file)"
    mapped: dict[str, list[str]] = Field(default_factory=dict)  # old id -> new ids, where they differ
    unmapped: list[str] = Field(default_factory=list)  # kept under their old id
    collisions: dict[str, list[str]] = Field(default_factory=dict)  # new id -> old ids; first kept

    @property
    def complete(self) -> bool:
        return not self.unmapped and not self.collisions


def load_mappings(directory: str | Path) -> list[VersionMapping]:
    """Every mapping file in `directory` (none if it does not exist)."""
    directory = Path(directory)
    out: list[VersionMapping] = []
    for path in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            out.append(VersionMapping.model_validate({**(data or {}), "source": path.name}))
        except (yaml.YAMLError, ValidationError, TypeError) as exc:
            raise StoreError(_("mapping file {path}: {exc}").format(path=path, exc=exc)) from None
    return out


def find_path(mappings: Iterable[VersionMapping], from_version: str, to_version: str) -> list[VersionMapping]:
    """The shortest chain of mappings from one version to another (breadth-first)."""
    if from_version == to_version:
        return []
    by_from: dict[str, list[VersionMapping]] = {}
    for mapping in mappings:
        by_from.setdefault(mapping.from_version, []).append(mapping)
    queue: deque[tuple[str, list[VersionMapping]]] = deque([(from_version, [])])
    seen = {from_version}
    while queue:
        version, chain = queue.popleft()
        for step in by_from.get(version, []):
            if step.to_version == to_version:
                return [*chain, step]
            if step.to_version not in seen:
                seen.add(step.to_version)
                queue.append((step.to_version, [*chain, step]))
    raise InvalidInput("framework_version", to_version,
                       _("no mapping file leads from framework version {from_version} to {to_version}").format(
                           from_version=from_version,
                           to_version=to_version))


def map_entries(entries: dict[str, T], from_version: str, to_version: str,
                mappings: Iterable[VersionMapping], indicator_ids: Iterable[str] | None = None,
                *, strict: bool = True) -> tuple[dict[str, T], MappingReport]:
    """Map an older assessment's entries (any values, keyed by indicator id) to `to_version`.

    Returns (entries keyed by new ids, plus unmapped entries under their old ids; the report).
    An old id split into several new ids gives each of them a copy of the entry. With
    strict=False a missing mapping file means "ids unchanged" (still checked against
    `indicator_ids` when given) instead of an error.
    """
    try:
        chain = find_path(list(mappings), from_version, to_version)
        steps = [f"{s.from_version} -> {s.to_version} ({s.source})" for s in chain]
    except InvalidInput:
        if strict:
            raise
        chain, steps = [], [f"{from_version} -> {to_version} (no mapping file: ids kept)"]
    known = set(indicator_ids) if indicator_ids is not None else None
    report = MappingReport(from_version=from_version, to_version=to_version, steps=steps)
    out: dict[str, T] = {}
    origin: dict[str, str] = {}
    unmapped: list[str] = []
    for old_id in entries:
        targets = [old_id]
        for step in chain:
            targets = [new for current in targets for new in step.targets(current)]
        if known is not None:
            targets = [t for t in targets if t in known]
        if not targets:
            unmapped.append(old_id)
            continue
        if targets != [old_id]:
            report.mapped[old_id] = targets
        for new_id in targets:
            if new_id in origin:
                report.collisions.setdefault(new_id, [origin[new_id]]).append(old_id)
                continue
            origin[new_id] = old_id
            out[new_id] = entries[old_id]
    # an old id that lost every target to a collision is kept too, so nothing is dropped
    placed = set(origin.values())
    for old_id in entries:
        if old_id not in placed and old_id not in unmapped:
            unmapped.append(old_id)
    for old_id in unmapped:
        if old_id in out:  # the old id is now another indicator's id: keep the original under a marked key
            out[f"{old_id}@{from_version}"] = entries[old_id]
        else:
            out[old_id] = entries[old_id]
    report.unmapped = sorted(unmapped)
    return out, report
