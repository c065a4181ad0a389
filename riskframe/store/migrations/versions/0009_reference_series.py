"""Reference series beside judgement: imported statistical forecasts (e.g. the Early Warning Project's) and their values.

Revision ID: 0009
Revises: 0006 (0006 follows 0008 on main)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reference_series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('measure', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('licence', sa.Text(), nullable=False),
    sa.Column('retrieved', sa.Date(), nullable=True),
    sa.Column('base_year', sa.Integer(), nullable=True),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('imported_by', sa.String(length=200), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('ewp', 'csv')", name=op.f('ck_reference_series_kind_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_series'))
    )
    op.create_table('reference_values',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('covers_from', sa.Integer(), nullable=False),
    sa.Column('covers_to', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['series_id'], ['reference_series.id'],
                            name=op.f('fk_reference_values_series_id_reference_series')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_values')),
    sa.UniqueConstraint('series_id', 'country_code', 'year', name=op.f('uq_reference_values_series_id_country_code_year'))
    )


def downgrade() -> None:
    op.drop_table('reference_values')
    op.drop_table('reference_series')
