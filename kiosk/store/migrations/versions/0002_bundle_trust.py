"""bundle trust and security (issue 19): pinned kiosk keys and bundle sequence numbers

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 07:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kiosk.store.types


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('trusted_kiosks',
    sa.Column('kiosk_id', sa.String(length=32), nullable=False),
    sa.Column('public_key', sa.Text(), nullable=False),
    sa.Column('pinned_at', kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('pinned_how', sa.String(length=16), nullable=False),
    sa.Column('last_sequence', sa.Integer(), nullable=False),
    sa.Column('last_bundle_id', sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint('kiosk_id', name=op.f('pk_trusted_kiosks'))
    )
    op.create_table('bundle_exports',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('kiosk_id', sa.String(length=32), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bundle_exports')),
    sa.UniqueConstraint('kiosk_id', 'sequence', name=op.f('uq_bundle_exports_kiosk_id_sequence'))
    )
    # Keys a kiosk row carried in from an old (first-use) merge are NOT pinned here: every kiosk
    # is pinned again explicitly with `python -m kiosk trust`.


def downgrade() -> None:
    op.drop_table('bundle_exports')
    op.drop_table('trusted_kiosks')
