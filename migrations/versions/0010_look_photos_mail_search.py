"""look: workshop photo galleries, what to bring, a tour's phone, HTML mail bodies, trigram search

Revision ID: 0010_look_photos_mail_search
Revises: 0009_defaults_user_sessions
Create Date: 2026-12-01 09:00:00

On PostgreSQL the pg_trgm extension is created when the role may do so; without it the
village search falls back to the same similarity computed in Python (as on SQLite).
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0010_look_photos_mail_search"
down_revision = "0009_defaults_user_sessions"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")


def upgrade():
    op.create_table(
        "experience_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("experience_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("alt_vi", sa.String(length=300), nullable=False),
        sa.Column("alt_en", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["experience_id"],
            ["experiences.id"],
            name=op.f("fk_experience_photos_experience_id_experiences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experience_photos")),
    )
    with op.batch_alter_table("experience_photos", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_experience_photos_experience_id"), ["experience_id"], unique=False
        )
    with op.batch_alter_table("experiences", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bring_vi", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("bring_en", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("tours", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bring_vi", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("bring_en", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("contact_phone", sa.String(length=40), nullable=False, server_default="")
        )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("html_body", sa.Text(), nullable=False, server_default=""))
    _create_trigram_extension()


def _create_trigram_extension():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError as error:
        log.warning("pg_trgm not created (%s): search similarity runs in Python", error.orig)


def downgrade():
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_column("html_body")
    with op.batch_alter_table("tours", schema=None) as batch_op:
        batch_op.drop_column("contact_phone")
        batch_op.drop_column("bring_en")
        batch_op.drop_column("bring_vi")
    with op.batch_alter_table("experiences", schema=None) as batch_op:
        batch_op.drop_column("bring_en")
        batch_op.drop_column("bring_vi")
    with op.batch_alter_table("experience_photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_experience_photos_experience_id"))
    op.drop_table("experience_photos")
