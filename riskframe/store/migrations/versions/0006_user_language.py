"""Account language: the interface language a person chose (NULL: the RISKFRAME_LANGUAGE default).

Revision ID: 0006
Revises: 0008 (main's head when merged in; the lead re-chains)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('accounts') as batch:
        batch.add_column(sa.Column('language', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('accounts') as batch:
        batch.drop_column('language')
