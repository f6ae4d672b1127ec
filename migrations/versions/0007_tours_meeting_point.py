"""tours: one meeting point (name and coordinates); a published tour must have it

Until now the tour page promised Hoàn Kiếm Lake when a tour had no meeting point text, while
bookings, emails and calendar files named the first stop; the route map and the stops planner
always started from Hoàn Kiếm Lake. Existing tours keep what their public page and map showed:
an empty meeting point becomes Hoàn Kiếm Lake, and every tour gets the point its map already
used (operators can move it on the tour form).

Revision ID: 0007_tours_meeting_point
Revises: 0006_operators
Create Date: 2026-11-30 11:25:27.728225

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_tours_meeting_point'
down_revision = '0006_operators'
branch_labels = None
depends_on = None

HOAN_KIEM = "Hồ Hoàn Kiếm (Hoàn Kiếm Lake)"
HOAN_KIEM_POINT = (21.0287, 105.8524)


def upgrade():
    with op.batch_alter_table('tours', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_lat', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('meeting_lon', sa.Float(), nullable=True))

    tours = sa.table(
        'tours',
        sa.column('meeting_point', sa.String),
        sa.column('meeting_lat', sa.Float),
        sa.column('meeting_lon', sa.Float),
    )
    op.execute(
        tours.update().where(tours.c.meeting_point == '').values(meeting_point=HOAN_KIEM)
    )
    op.execute(
        tours.update()
        .where(tours.c.meeting_lat.is_(None))
        .values(meeting_lat=HOAN_KIEM_POINT[0], meeting_lon=HOAN_KIEM_POINT[1])
    )

    with op.batch_alter_table('tours', schema=None) as batch_op:
        batch_op.create_check_constraint(
            op.f('ck_tours_meeting_location'),
            "(meeting_lat IS NULL) = (meeting_lon IS NULL)"
            " AND (meeting_lat IS NULL OR (meeting_lat BETWEEN -90 AND 90"
            " AND meeting_lon BETWEEN -180 AND 180))",
        )
        batch_op.create_check_constraint(
            op.f('ck_tours_published_meeting_point'),
            "NOT is_published OR (meeting_point <> '' AND meeting_lat IS NOT NULL)",
        )


def downgrade():
    with op.batch_alter_table('tours', schema=None) as batch_op:
        batch_op.drop_constraint('ck_tours_published_meeting_point', type_='check')
        batch_op.drop_constraint('ck_tours_meeting_location', type_='check')
        batch_op.drop_column('meeting_lon')
        batch_op.drop_column('meeting_lat')
