"""Initial schema: countries, periods, assessments, revisions, append-only versions, audit log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('countries',
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('user_assigned', sa.Boolean(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_countries'))
    )
    op.create_table('periods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_periods')),
    sa.UniqueConstraint('label', name=op.f('uq_periods_label'))
    )
    op.create_table('assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.String(length=100), nullable=False),
    sa.Column('framework_version', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_by', sa.String(length=200), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('validated_by', sa.String(length=200), nullable=True),
    sa.Column('validated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('copied_from_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('revision >= 1', name=op.f('ck_assessments_revision_positive')),
    sa.ForeignKeyConstraint(['copied_from_id'], ['assessments.id'], name=op.f('fk_assessments_copied_from_id_assessments')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_assessments_country_code_countries')),
    sa.ForeignKeyConstraint(['period_id'], ['periods.id'], name=op.f('fk_assessments_period_id_periods')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments')),
    sa.UniqueConstraint('country_code', 'period_id', name=op.f('uq_assessments_country_code_period_id'))
    )
    op.create_index(op.f('ix_assessments_status'), 'assessments', ['status'], unique=False)
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=300), nullable=True),
    sa.Column('old_value', sa.JSON(), nullable=True),
    sa.Column('new_value', sa.JSON(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_audit_log_assessment_id_assessments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_index(op.f('ix_audit_log_actor'), 'audit_log', ['actor'], unique=False)
    op.create_index('ix_audit_log_assessment_revision', 'audit_log', ['assessment_id', 'revision'], unique=False)
    op.create_index(op.f('ix_audit_log_at'), 'audit_log', ['at'], unique=False)
    op.create_table('consultation_versions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=40), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_consultation_versions_assessment_id_assessments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_versions')),
    sa.UniqueConstraint('assessment_id', 'item_key', 'revision', name=op.f('uq_consultation_versions_assessment_id_item_key_revision'))
    )
    op.create_table('entry_versions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.String(length=40), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('score', sa.SmallInteger(), nullable=True),
    sa.Column('missing', sa.String(length=20), nullable=True),
    sa.Column('confidence', sa.String(length=10), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('carried_over', sa.Boolean(), nullable=False),
    sa.CheckConstraint('(score IS NULL) <> (missing IS NULL)', name=op.f('ck_entry_versions_score_xor_missing')),
    sa.CheckConstraint('score IS NULL OR (score >= 0 AND score <= 3)', name=op.f('ck_entry_versions_score_range')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_entry_versions_assessment_id_assessments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry_versions')),
    sa.UniqueConstraint('assessment_id', 'indicator_id', 'revision', name=op.f('uq_entry_versions_assessment_id_indicator_id_revision'))
    )
    op.create_table('entry_heads',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.String(length=40), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_entry_heads_assessment_id_assessments')),
    sa.PrimaryKeyConstraint('assessment_id', 'indicator_id', name=op.f('pk_entry_heads'))
    )
    op.create_table('measure_versions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=40), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('linked_ids', sa.JSON(), nullable=True),
    sa.Column('measure_type', sa.String(length=20), nullable=True),
    sa.Column('owner', sa.String(length=300), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('follow_up', sa.Text(), nullable=True),
    sa.Column('previous_measure_id', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_measure_versions_assessment_id_assessments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_versions')),
    sa.UniqueConstraint('assessment_id', 'item_key', 'revision', name=op.f('uq_measure_versions_assessment_id_item_key_revision'))
    )
    op.create_table('revisions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_revisions_assessment_id_assessments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revisions')),
    sa.UniqueConstraint('assessment_id', 'number', name=op.f('uq_revisions_assessment_id_number'))
    )
    op.create_table('vulnerable_group_versions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=40), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('basis', sa.String(length=200), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_vulnerable_group_versions_assessment_id_assessments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vulnerable_group_versions')),
    sa.UniqueConstraint('assessment_id', 'item_key', 'revision', name=op.f('uq_vulnerable_group_versions_assessment_id_item_key_revision'))
    )


def downgrade() -> None:
    op.drop_table('vulnerable_group_versions')
    op.drop_table('revisions')
    op.drop_table('measure_versions')
    op.drop_table('entry_heads')
    op.drop_table('entry_versions')
    op.drop_table('consultation_versions')
    op.drop_index(op.f('ix_audit_log_at'), table_name='audit_log')
    op.drop_index('ix_audit_log_assessment_revision', table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_actor'), table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_index(op.f('ix_assessments_status'), table_name='assessments')
    op.drop_table('assessments')
    op.drop_table('periods')
    op.drop_table('countries')
