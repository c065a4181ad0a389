"""Review comments through the service: indicator ids checked against the framework, then stored."""

from __future__ import annotations

from riskframe.i18n import _
from riskframe.assessments.base import ServiceBase
from riskframe.store import InvalidInput
from riskframe.store.actor import Actor
from riskframe.store.comments import CommentOut

GENERAL = None  # the indicator_id of a comment on the whole assessment


class Comments(ServiceBase):
    def add_comment(self, actor: Actor, assessment_id: int, text: str, *, indicator_id: str | None = None,
                    seen_revision: int | None = None) -> CommentOut:
        """A comment on the assessment, or on one indicator of the framework; stored and audited."""
        if indicator_id is not None and indicator_id.strip() and indicator_id.strip() not in self.framework.indicators:
            raise InvalidInput("indicator", indicator_id,
                               _("is not an indicator of framework {id} {version}").format(id=self.framework.id,
                                   version=self.framework.version))
        return self.store.add_comment(actor, assessment_id, text, indicator_id=indicator_id or None,
                                      revision=seen_revision)

    def comments(self, actor: Actor, assessment_id: int, *, unresolved_only: bool = False) -> list[CommentOut]:
        """Oldest first, general and per-indicator ones together."""
        return self.store.list_comments(actor, assessment_id, unresolved_only=unresolved_only)

    def comments_by_indicator(self, actor: Actor, assessment_id: int, *,
                              unresolved_only: bool = False) -> dict[str | None, list[CommentOut]]:
        """Comments grouped by indicator id; key None holds the general ones."""
        grouped: dict[str | None, list[CommentOut]] = {}
        for c in self.comments(actor, assessment_id, unresolved_only=unresolved_only):
            grouped.setdefault(c.indicator_id, []).append(c)
        return grouped

    def resolve_comment(self, actor: Actor, assessment_id: int, comment_id: int) -> CommentOut:
        return self.store.resolve_comment(actor, assessment_id, comment_id)


def comment_line(c: CommentOut) -> str:
    """One comment as a line of a return note: which indicator (or general), then the text."""
    return f"{c.indicator_id or 'general'}: {c.text}"
