"""Measure follow-up every period: the catalogue option a measure comes from, the quarter it is due,
the reason for its status (required when dropped), the UPR recommendation it implements; the old
status code "done" becomes "implemented".

Revision ID: 0010
Revises: 0007 (re-chained by the lead at merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('measure_versions') as batch:
        batch.add_column(sa.Column('option_id', sa.String(length=80), nullable=True))
        batch.add_column(sa.Column('due_period', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('status_reason', sa.Text(), nullable=True))
        batch.add_column(sa.Column('upr_recommendation_id', sa.String(length=40), nullable=True))
        batch.add_column(sa.Column('upr_recommendation_text', sa.Text(), nullable=True))
    op.execute("UPDATE measure_versions SET status = 'implemented' WHERE status = 'done'")
    op.execute("UPDATE measure_versions SET status_reason = '', upr_recommendation_id = '', "
               "upr_recommendation_text = ''")


def downgrade() -> None:
    op.execute("UPDATE measure_versions SET status = 'done' WHERE status = 'implemented'")
    op.execute("UPDATE measure_versions SET status = 'proposed' WHERE status = 'agreed'")
    with op.batch_alter_table('measure_versions') as batch:
        batch.drop_column('upr_recommendation_text')
        batch.drop_column('upr_recommendation_id')
        batch.drop_column('status_reason')
        batch.drop_column('due_period')
        batch.drop_column('option_id')
