"""receipts per scheme (issue 20): C45-BB series books, each receipt's scheme and book number

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Written by hand: only the tables and columns of kiosk/store/models/money.py that
    # receipts per scheme need. Old receipts keep NULL scheme/book_number and "" symbol.
    op.create_table('receipt_books',
    sa.Column('symbol', sa.String(length=32), nullable=False),
    sa.Column('scheme', sa.Enum('bhyt_household', 'bhxh_voluntary', name='scheme', native_enum=False, length=24), nullable=False),
    sa.Column('kiosk_id', sa.String(length=32), nullable=False),
    sa.Column('agent_name', sa.String(length=200), nullable=False),
    sa.Column('agent_code', sa.String(length=32), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('next_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosks.id'], name=op.f('fk_receipt_books_kiosk_id_kiosks')),
    sa.PrimaryKeyConstraint('symbol', name=op.f('pk_receipt_books'))
    )
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scheme', sa.Enum('bhyt_household', 'bhxh_voluntary', name='scheme', native_enum=False, length=24), nullable=True))
        batch_op.add_column(sa.Column('symbol', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('book_number', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('agent_name', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_code', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('verify_code', sa.String(length=16), nullable=False, server_default=''))
        batch_op.create_unique_constraint(batch_op.f('uq_receipts_symbol_book_number'), ['symbol', 'book_number'])
    # The server defaults only fill the rows that exist; the models give new rows their values.
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        for name in ('symbol', 'agent_name', 'agent_code', 'verify_code'):
            batch_op.alter_column(name, server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_receipts_symbol_book_number'), type_='unique')
        batch_op.drop_column('verify_code')
        batch_op.drop_column('agent_code')
        batch_op.drop_column('agent_name')
        batch_op.drop_column('book_number')
        batch_op.drop_column('symbol')
        batch_op.drop_column('scheme')
    op.drop_table('receipt_books')
