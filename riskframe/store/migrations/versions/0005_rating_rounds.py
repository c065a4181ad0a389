"""Rating rounds: rounds of blind scoring by several raters, their invitations and submitted scoresheets.

Revision ID: 0005
Revises: 0004 (re-chained by the lead at merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rating_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('indicator_ids', sa.JSON(), nullable=False),
    sa.Column('base_revision', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('opened_by', sa.String(length=200), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_by', sa.String(length=200), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('consensus_revision', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('open', 'closed')", name=op.f('ck_rating_rounds_status_known')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'],
                            name=op.f('fk_rating_rounds_assessment_id_assessments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating_rounds')),
    sa.UniqueConstraint('assessment_id', 'number', name=op.f('uq_rating_rounds_assessment_id_number'))
    )
    op.create_table('rating_raters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=200), nullable=False),
    sa.Column('invited_by', sa.String(length=200), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['rating_rounds.id'], name=op.f('fk_rating_raters_round_id_rating_rounds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating_raters')),
    sa.UniqueConstraint('round_id', 'username', name=op.f('uq_rating_raters_round_id_username'))
    )
    op.create_table('rating_scores',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('rater', sa.String(length=200), nullable=False),
    sa.Column('indicator_id', sa.String(length=40), nullable=False),
    sa.Column('score', sa.SmallInteger(), nullable=True),
    sa.Column('missing', sa.String(length=20), nullable=True),
    sa.Column('confidence', sa.String(length=10), nullable=True),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('score IS NULL OR (score >= 0 AND score <= 3)', name=op.f('ck_rating_scores_score_range')),
    sa.CheckConstraint('(score IS NULL) <> (missing IS NULL)', name=op.f('ck_rating_scores_score_xor_missing')),
    sa.ForeignKeyConstraint(['round_id'], ['rating_rounds.id'], name=op.f('fk_rating_scores_round_id_rating_rounds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating_scores')),
    sa.UniqueConstraint('round_id', 'rater', 'indicator_id', name=op.f('uq_rating_scores_round_id_rater_indicator_id'))
    )


def downgrade() -> None:
    op.drop_table('rating_scores')
    op.drop_table('rating_raters')
    op.drop_table('rating_rounds')
