"""Entry trend: the direction of change (rising, stable, falling) recorded with each score.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('entry_versions') as batch:
        batch.add_column(sa.Column('trend', sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('entry_versions') as batch:
        batch.drop_column('trend')
