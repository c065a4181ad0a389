"""ORM table of derived scores (riskframe/store/derived.py): each assessment's scoring summary at its
head revision, tagged with the method that computed it. Same Base and column types as models.py.

Not content: it is recomputed from the entries whenever it is missing or stale, never backed up."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from riskframe.store.models import Base, UTCDateTime


class DerivedScore(Base):
    """The summary (riskframe/scoring/summary.py: a JSON text and a float64 vector) of an assessment at
    `revision`, as computed with framework `framework_id` `framework_version` and method `fingerprint`;
    NULL when the assessment has no entry the framework knows (it is then left out of dashboards).

    Fresh when `revision` is the assessment's head and `fingerprint` the current method's."""

    __tablename__ = "derived_scores"
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), primary_key=True,
                                               autoincrement=False)
    revision: Mapped[int] = mapped_column(Integer)
    framework_id: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(40))
    fingerprint: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    summary: Mapped[str | None] = mapped_column(Text)  # codes, red flags, contributor ids (JSON)
    numbers: Mapped[bytes | None] = mapped_column(LargeBinary)  # every number, little-endian float64
