"""Storage of assessments: versioned, append-only, conflict-checked, on SQLite or PostgreSQL.

    from riskframe.store import open_store, Actor
    store = open_store()          # RISKFRAME_DATABASE_URL, or an SQLite file in the data dir
    store.upgrade()
    me = Actor(username="amina", role="focal_point", countries=frozenset({"KE"}))
"""

from riskframe.store.actor import Actor
from riskframe.store.api import Store, open_store
from riskframe.store.errors import (
    ConflictError,
    FieldConflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    StoreError,
    WorkflowError,
)
from riskframe.store.measure_trail import MeasureVersionOut
from riskframe.store.mapping import MappingReport, VersionMapping, load_mappings, map_entries
from riskframe.store.schemas import (
    AssessmentOut,
    AssessmentView,
    AuditOut,
    Change,
    ConsultationCategory,
    ConsultationIn,
    ConsultationOut,
    CountryOut,
    EntryOut,
    MeasureIn,
    MeasureOut,
    MeasureStatus,
    MeasureType,
    OPEN_MEASURE_STATUSES,
    RevisionOut,
    SaveResult,
    VulnerableGroupIn,
    VulnerableGroupOut,
)

__all__ = [
    "Actor", "AssessmentOut", "AssessmentView", "AuditOut", "Change", "ConflictError", "ConsultationCategory",
    "ConsultationIn", "ConsultationOut", "CountryOut", "EntryOut", "FieldConflict", "InvalidInput",
    "MappingReport", "MeasureIn", "MeasureOut", "MeasureStatus", "MeasureType", "MeasureVersionOut",
    "NotFound", "OPEN_MEASURE_STATUSES", "PermissionDenied", "RevisionOut", "SaveResult", "Store",
    "StoreError", "VersionMapping", "VulnerableGroupIn", "VulnerableGroupOut", "WorkflowError",
    "load_mappings", "map_entries", "open_store",
]
