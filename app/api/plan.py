"""POST /api/v1/plan: plan a day across the villages (SPEC §3)."""

from flask import current_app, jsonify

from app.api.blueprint import bp
from app.api.body import load_json
from app.api.schemas import PlanRequestSchema
from app.errors import Unprocessable
from app.timeutil import to_local, utcnow
from app.trips import checks, services
from app.trips.problem import DayRequest
from app.trips.result import DayPlan
from app.trips.wording import describe

OPERATIONS = {
    "post": {
        "summary": "Plan a day: which workshops (with a slot that has room) and villages, when",
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": "PlanRequest"}},
        },
        "responses": {
            "200": {
                "description": "The planned day; `unplaced` says why a wish is missing",
                "content": {"application/json": {"schema": "PlanResult"}},
            },
            "400": {
                "description": "Malformed body; `fields` names the field",
                "content": {"application/json": {"schema": "Error"}},
            },
            "422": {
                "description": "Well-formed but cannot be planned: a past date or one more "
                "than a year ahead, a day ending before it starts, a point outside Vietnam, "
                "no adult in the party; `fields` names the field",
                "content": {"application/json": {"schema": "Error"}},
            },
        },
    }
}


@bp.post("/plan")
def plan():
    now = utcnow()
    day = services.plan_day(
        day_request(load_json(PlanRequestSchema()), to_local(now).date()), now=now
    )
    return jsonify(plan_json(day))


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def day_request(data: dict, today) -> DayRequest:
    """A DayRequest from a validated body; raises Unprocessable (422) naming the field."""
    day_start, day_end = _minutes(data["day_start"]), _minutes(data["day_end"])
    checks.check_day(data["date"], today, day_start, day_end)
    for name in ("start", "end"):
        if data[name] is not None:
            checks.check_point(data[name]["lat"], data[name]["lon"], name)
    if data["children"] >= data["party"]:
        raise Unprocessable("bad_party", "A party needs an adult.", {"children": "less than party"})
    end = data["end"]
    return DayRequest(
        on=data["date"],
        start=(data["start"]["lat"], data["start"]["lon"]),
        end=(end["lat"], end["lon"]) if end else None,
        day_start=day_start,
        day_end=day_end,
        mode=data["mode"],
        adults=data["party"] - data["children"],
        children=data["children"],
        crafts=frozenset(data["crafts"]),
        include=frozenset(f"e:{i}" for i in data["experience_ids"])
        | frozenset(f"v:{slug}" for slug in data["villages"]),
        pinned=frozenset(f"e:{i}" for i in data["pinned"])
        | frozenset(f"v:{slug}" for slug in data["pinned_villages"]),
        lunch=data["lunch"],
        max_stops=data["max_stops"],
    )


def plan_json(day: DayPlan) -> dict:
    buffer = current_app.config["APPROXIMATE_BUFFER_MINUTES"]
    return {
        "date": day.on.isoformat(),
        "stops": [
            {
                "number": s.number, "kind": s.kind, "village": s.village,
                "experience_id": s.experience_id, "slot_id": s.slot_id,
                "lat": s.point[0], "lon": s.point[1],
                "arrive": s.arrive.isoformat(), "start": s.start.isoformat(),
                "end": s.end.isoformat(), "depart": s.depart.isoformat(),
                "price_vnd": s.price_vnd, "is_approximate": s.is_approximate,
                "buffer_minutes": buffer if s.is_approximate else 0,
            }
            for s in day.stops
        ],
        "legs": [{"km": leg.km, "minutes": leg.minutes} for leg in day.legs],
        "totals": {"km": day.km, "travel_minutes": day.travel_minutes,
                   "price_vnd": day.price_vnd, "score": day.score},
        "unplaced": [
            {"id": u.id, "kind": u.kind, "code": u.reason.code, "reason": describe(u.reason)}
            for u in day.unplaced
        ],
    }  # fmt: skip
