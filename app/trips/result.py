"""A solved day as the visitor sees it: stops with local times, legs, totals, unplaced wishes.

Plain Python. `assemble` turns the engine's plan back into stops; `to_json` / `from_json` store
it (saved plans keep reason codes, so a shared page words them in the reader's language).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from app.experiences.rules import party_price
from app.timeutil import HANOI
from app.trips.planning import Solved
from app.trips.problem import LUNCH, DayRequest, Option, Reason
from app.trips.travel import Point


@dataclass(frozen=True)
class Stop:
    number: int
    kind: str  # "experience", "village" or "lunch"
    key: str
    village: str | None
    point: Point
    arrive: datetime
    start: datetime
    end: datetime
    depart: datetime
    experience_id: int | None = None
    slot_id: int | None = None
    price_vnd: int = 0
    craft: str = ""
    is_pinned: bool = False
    is_approximate: bool = False  # the point is the commune's: the leg to it has a buffer

    @property
    def ref(self) -> str:
        """Unique within a trip: the day and the stop's number."""
        return f"{self.start.date().isoformat()}/{self.number}"


@dataclass(frozen=True)
class Leg:
    km: float
    minutes: int


WORKSHOPS_NOTICE = "notice:workshops"


@dataclass(frozen=True)
class Unplaced:
    key: str
    kind: str  # "experience", "village", "lunch", "craft", or "notice" (about the whole day)
    id: int | str
    reason: Reason


@dataclass
class DayPlan:
    on: date
    start: Point
    end: Point
    leave: datetime
    back: datetime
    stops: list[Stop] = field(default_factory=list)
    legs: list[Leg] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    score: float = 0.0

    @property
    def km(self) -> float:
        return round(sum(leg.km for leg in self.legs), 1)

    @property
    def travel_minutes(self) -> int:
        return sum(leg.minutes for leg in self.legs)

    @property
    def price_vnd(self) -> int:
        return sum(stop.price_vnd for stop in self.stops)

    @property
    def visit_count(self) -> int:
        """Workshops and walks: what "at most N stops" counts (the lunch break is not a visit)."""
        return sum(1 for stop in self.stops if stop.kind != "lunch")

    @property
    def slot_ids(self) -> list[int]:
        return [stop.slot_id for stop in self.stops if stop.slot_id is not None]

    @property
    def villages(self) -> set[str]:
        return {stop.village for stop in self.stops if stop.village and stop.kind != "lunch"}


def local(on: date, minutes: float) -> datetime:
    """`minutes` after local midnight of `on`, as an aware Hanoi time (whole minutes)."""
    return datetime.combine(on, time(), HANOI) + timedelta(minutes=round(minutes))


def assemble(
    request: DayRequest, solved: Solved, km: list[list[float]], minutes: list[list[float]]
) -> DayPlan:
    """Stops with arrive/start/end/depart times, one leg before each stop and one to the end."""
    options = {o.key: (i, o) for i, o in enumerate(solved.options, 1)}
    route = [options[visit.key] for visit in solved.plan.visits]
    places = [(solved.lunch_host or 0) if o.kind == "lunch" else i for i, o in route]
    places_all = [0, *places, len(solved.options) + 1]
    legs = [
        Leg(round(km[a][b], 1), round(minutes[a][b])) for a, b in itertools.pairwise(places_all)
    ]
    first = solved.plan.visits[0].start - minutes[0][places[0]] if route else request.day_start
    clock = max(request.day_start, first)
    day = DayPlan(request.on, request.start, request.end_point, local(request.on, clock), None)
    for number, (visit, (_, option), place) in enumerate(
        zip(solved.plan.visits, route, places, strict=True), 1
    ):
        arrive = clock + minutes[places_all[number - 1]][place]
        start = max(visit.start, arrive)
        clock = start + option.candidate.duration
        where = (place, _point(place, solved, request), _village(place, option, solved))
        day.stops.append(
            _stop(number, option, visit.window, (arrive, start, clock), request, where)
        )
    day.back = local(request.on, clock + minutes[places_all[-2]][places_all[-1]])
    day.legs, day.score = legs, solved.plan.score
    day.unplaced = _unplaced(request, solved, day)
    return day


def _point(place: int, solved: Solved, request: DayRequest) -> Point:
    return request.start if place == 0 else solved.options[place - 1].point


def _village(place: int, option: Option, solved: Solved) -> str | None:
    """A stop's village; lunch is in the village of the place it is eaten (None at the start)."""
    if option.kind != "lunch":
        return option.village
    return solved.options[place - 1].village if place else None


def _stop(
    number: int, option: Option, window: int, times: tuple, request: DayRequest, where: tuple
) -> Stop:
    arrive, start, end = (local(request.on, t) for t in times)
    _, point, village = where
    host = option.workshop
    slot = option.slots[window] if option.slots else None
    price = party_price(request.adults, request.children, host.price_adult_vnd,
                        host.price_child_vnd) if host else 0  # fmt: skip
    return Stop(
        number, option.kind, option.key, village, point, arrive, start, end, end,
        experience_id=host.experience_id if host else None,
        slot_id=slot.slot_id if slot else None,
        price_vnd=price, craft=option.craft, is_pinned=option.key in request.pinned,
        is_approximate=option.is_approximate,
    )  # fmt: skip


def _unplaced(request: DayRequest, solved: Solved, day: DayPlan) -> list[Unplaced]:
    placed = {stop.key for stop in day.stops}
    wishes = sorted(request.wishes | ({LUNCH} if request.lunch else set()))
    full = request.max_stops is not None and day.visit_count >= request.max_stops
    fallback = Reason("max_stops", {"max": request.max_stops}) if full else Reason("no_time")
    items = [
        Unplaced(key, *_kind_id(key), solved.unplaced.get(key, fallback))
        for key in wishes
        if key not in placed
    ]
    crafts = {stop.craft for stop in day.stops}
    items += [
        Unplaced(f"c:{craft}", "craft", craft, Reason("craft_missing", {"craft": craft}))
        for craft in sorted(request.crafts - crafts)
    ]
    return items


def workshops_notice(on: date, last_open: date | None) -> Unplaced | None:
    """A notice when `on` is past the last day any workshop is open for booking: the day then
    has village walks only, and the visitor must be told why rather than guess."""
    if last_open is not None and on <= last_open:
        return None
    params = {"until": last_open.isoformat()} if last_open else {}
    code = "workshops_open_until" if last_open else "no_workshop_open"
    return Unplaced(WORKSHOPS_NOTICE, "notice", "workshops", Reason(code, params))


def _kind_id(key: str) -> tuple[str, int | str]:
    if key == LUNCH:
        return "lunch", LUNCH
    prefix, value = key.split(":", 1)
    if prefix == "e":
        return "experience", int(value)
    return "village", value


def to_json(day: DayPlan) -> dict:
    """Everything needed to show the day again later (times as ISO, reasons as codes)."""
    return {
        "date": day.on.isoformat(),
        "start": list(day.start),
        "end": list(day.end),
        "leave": day.leave.isoformat(),
        "back": day.back.isoformat(),
        "score": day.score,
        "stops": [_stop_json(stop) for stop in day.stops],
        "legs": [{"km": leg.km, "minutes": leg.minutes} for leg in day.legs],
        "unplaced": [
            {
                "key": u.key,
                "kind": u.kind,
                "id": u.id,
                "code": u.reason.code,
                "params": u.reason.params,
            }
            for u in day.unplaced
        ],  # fmt: skip
    }


def _stop_json(stop: Stop) -> dict:
    data = {name: getattr(stop, name) for name in Stop.__dataclass_fields__}
    data["point"] = list(stop.point)
    for name in ("arrive", "start", "end", "depart"):
        data[name] = data[name].isoformat()
    return data


def from_json(data: dict) -> DayPlan:
    """The inverse of `to_json`."""
    stops = []
    for item in data["stops"]:
        values = dict(item, point=tuple(item["point"]))
        for name in ("arrive", "start", "end", "depart"):
            values[name] = datetime.fromisoformat(item[name])
        stops.append(Stop(**values))
    return DayPlan(
        date.fromisoformat(data["date"]),
        tuple(data["start"]),
        tuple(data["end"]),
        datetime.fromisoformat(data["leave"]),
        datetime.fromisoformat(data["back"]),
        stops=stops,
        legs=[Leg(**leg) for leg in data["legs"]],
        unplaced=[
            Unplaced(u["key"], u["kind"], u["id"], Reason(u["code"], u["params"]))
            for u in data["unplaced"]
        ],
        score=data["score"],
    )
