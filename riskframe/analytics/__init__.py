"""Dashboard data: the scored panel, previous-period changes, rankings and alerts (pure pandas).

No Streamlit and no I/O: pages pass `Store.entries_frame` output in and lay the frames out.
"""

from riskframe.analytics.alerts import portfolio_alerts
from riskframe.analytics.changes import indicator_moves
from riskframe.analytics.panel import (
    ALL_STATUSES,
    VALIDATED,
    Panel,
    build_panel,
    empty_panel,
    select_statuses,
    status_note,
)
from riskframe.analytics.ranking import default_period, ranking

__all__ = [
    "ALL_STATUSES", "VALIDATED", "Panel", "build_panel", "default_period", "empty_panel", "indicator_moves",
    "portfolio_alerts", "ranking", "select_statuses", "status_note",
]
