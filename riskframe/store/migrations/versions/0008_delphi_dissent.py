"""Rating rounds, second part: a Delphi round follows its parent round; raters' dissents from the consensus.

Revision ID: 0008
Revises: 0007 (re-chained by the lead at merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('rating_rounds') as batch:
        batch.add_column(sa.Column('parent_round_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_rating_rounds_parent_round_id_rating_rounds'), 'rating_rounds',
                                 ['parent_round_id'], ['id'])
    op.create_table('rating_dissents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('rater', sa.String(length=200), nullable=False),
    sa.Column('indicator_id', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['rating_rounds.id'], name=op.f('fk_rating_dissents_round_id_rating_rounds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating_dissents')),
    sa.UniqueConstraint('round_id', 'rater', 'indicator_id', name=op.f('uq_rating_dissents_round_id_rater_indicator_id'))
    )


def downgrade() -> None:
    op.drop_table('rating_dissents')
    with op.batch_alter_table('rating_rounds') as batch:
        batch.drop_constraint(op.f('fk_rating_rounds_parent_round_id_rating_rounds'), type_='foreignkey')
        batch.drop_column('parent_round_id')
