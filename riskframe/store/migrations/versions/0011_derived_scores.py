"""Derived scores: each assessment's scoring summary at its head revision, tagged with the method that
computed it (riskframe/store/derived.py), so dashboards read thousands of rows, not every entry.

Revision ID: 0011
Revises: 0007 (re-chained by the lead at merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('derived_scores',
    sa.Column('assessment_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.String(length=100), nullable=False),
    sa.Column('framework_version', sa.String(length=40), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('numbers', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'],
                            name=op.f('fk_derived_scores_assessment_id_assessments')),
    sa.PrimaryKeyConstraint('assessment_id', name=op.f('pk_derived_scores'))
    )


def downgrade() -> None:
    op.drop_table('derived_scores')
