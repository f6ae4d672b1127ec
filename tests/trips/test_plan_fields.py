"""Only the planner form's fields are kept: `_scheme`, `_anchor` and other stray keys in a
saved or linked plan used to break url_for, so the shared page answered 500 forever."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.timeutil import to_local, utcnow
from app.trips.models import SavedPlan

STRAY = {"_scheme": "https", "_anchor": "x", "_external": "1", "_method": "POST", "evil": "1"}


def plan_query(**extra) -> dict:
    day = to_local(utcnow()).date() + timedelta(days=7)  # any future day: villages only
    return {"date": day.isoformat(), "place": "hoan-kiem", "day_start": "08:00",
            "day_end": "18:00", "mode": "car", "adults": "2", "days": "1", **extra}  # fmt: skip


def test_save_stores_only_the_planner_fields_and_the_shared_page_opens(client, db, seeded):
    response = client.post("/plan/save", data=plan_query(**STRAY))
    assert response.status_code == 302
    saved = db.session.scalar(select(SavedPlan))
    assert not set(saved.request) & set(STRAY)
    assert client.get(response.location).status_code == 200


def test_a_plan_saved_with_stray_fields_before_the_fix_still_opens(client, db, seeded):
    location = client.post("/plan/save", data=plan_query()).location
    saved = db.session.scalar(select(SavedPlan))
    saved.request = {**saved.request, **{key: [value] for key, value in STRAY.items()}}
    db.session.commit()
    assert client.get(location).status_code == 200


@pytest.mark.parametrize("key", sorted(STRAY))
def test_planner_page_and_downloads_ignore_stray_query_keys(client, seeded, key):
    assert client.get("/plan/", query_string=plan_query(**{key: STRAY[key]})).status_code == 200
    download = client.get("/plan/plan.ics", query_string=plan_query(**{key: STRAY[key]}))
    assert download.status_code == 200
