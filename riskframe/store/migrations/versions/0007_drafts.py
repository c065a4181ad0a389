"""Drafts (unsaved indicator input per person and assessment) and app sessions (a sign-in that
survives a browser reload: hashed token, last activity, end).

Revision ID: 0007
Revises: 0009 (re-chained by the lead at merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('drafts',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('username', sa.String(length=200), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.String(length=40), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_drafts_assessment_id_assessments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts')),
    sa.UniqueConstraint('username', 'assessment_id', 'indicator_id',
                        name=op.f('uq_drafts_username_assessment_id_indicator_id'))
    )
    op.create_table('app_sessions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('username', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_why', sa.String(length=40), nullable=True),
    sa.Column('ticket_hash', sa.String(length=64), nullable=True),
    sa.Column('ticket_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_app_sessions_token_hash')),
    sa.UniqueConstraint('ticket_hash', name=op.f('uq_app_sessions_ticket_hash'))
    )
    op.create_index(op.f('ix_app_sessions_username'), 'app_sessions', ['username'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_app_sessions_username'), table_name='app_sessions')
    op.drop_table('app_sessions')
    op.drop_table('drafts')
