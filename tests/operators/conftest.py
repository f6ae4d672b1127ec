"""A fixed clock and a small craft trail: an operator, a tour meeting at Hoàn Kiếm Lake, a
pottery workshop that runs on Saturdays at 09:00 and 14:00, a village to walk, a departure."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from app.experiences.models import SlotRule
from app.operators.models import Departure, Tour
from tests.factories import make_experience, make_slot, make_tour, make_user, make_village

NOW = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)  # Monday 08:00 in Hanoi
SATURDAY_8 = datetime(2027, 3, 6, 1, 0, tzinfo=UTC)  # Saturday 08:00 in Hanoi


@pytest.fixture()
def frozen():
    """Every clock in the app reads NOW (the views call utcnow())."""
    with time_machine.travel(NOW, tick=False):
        yield NOW


@dataclass
class Trail:
    user: object
    tour: Tour
    pottery: object  # the workshop (Bát Tràng)
    pottery_village: object
    riverside: object  # a village to walk (Kim Lan)
    departure: Departure


def open_saturdays(experience, weeks: int = 3, capacity: int = 20) -> None:
    """A weekly rule (Saturdays 09:00 and 14:00) and its slots for the next `weeks` Saturdays."""
    from app.extensions import db

    db.session.add(
        SlotRule(
            experience=experience,
            weekdays="5",
            start_times="09:00,14:00",
            starts_on=date(2027, 1, 1),
            ends_on=date(2027, 12, 31),
            capacity=capacity,
        )
    )
    for week in range(weeks):
        for hour in (9, 14):
            starts = SATURDAY_8 + timedelta(weeks=week, hours=hour - 8)
            make_slot(experience=experience, starts_at=starts, capacity=capacity)


@pytest.fixture()
def trail(db, frozen):
    pottery_village = make_village(
        name_vi="Bát Tràng", name_en="Bat Trang", lat=20.976, lon=105.913
    )
    riverside = make_village(name_vi="Kim Lan", name_en="Kim Lan", lat=20.958, lon=105.898)
    pottery = make_experience(
        village=pottery_village, title_en="Throw a pot", duration_minutes=120, max_party=20
    )
    open_saturdays(pottery)
    user = make_user(operator="Hanoi Craft Trails")
    tour = make_tour(operator=user.operator, duration_minutes=360, stops=[])
    departure = Departure(
        tour=tour,
        starts_at=SATURDAY_8,
        ends_at=SATURDAY_8 + timedelta(minutes=360),
        capacity=12,
    )
    db.session.add(departure)
    db.session.commit()
    return Trail(user, tour, pottery, pottery_village, riverside, departure)
