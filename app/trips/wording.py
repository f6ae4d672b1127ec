"""Reasons and request checks put into words in the visitor's language (Flask-Babel side)."""

from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from app.trips.problem import LUNCH_LATEST_END, LUNCH_OPEN, Reason


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def day_name(iso: str) -> str:
    """`2026-03-14` -> `Saturday 14/03` (in the visitor's language)."""
    return format_date(date.fromisoformat(iso), "EEEE dd/MM")


TEXTS = {
    "unknown": lambda p: _("We do not know this workshop or village, or it is not published."),
    "no_location": lambda p: _("This village has no map location yet, so it cannot be planned."),
    "party_size": lambda p: _(
        "This workshop takes groups of %(min)d to %(max)d; your party is %(party)d.",
        min=p["min"],
        max=p["max"],
        party=p["party"],
    ),  # fmt: skip
    "no_session": lambda p: _("No session on %(day)s.", day=day_name(p["on"])),
    "booking_closed": lambda p: _("Booking for %(day)s has closed.", day=day_name(p["on"])),
    "no_room": lambda p: _(
        "No place for %(party)d on %(day)s.", party=p["party"], day=day_name(p["on"])
    ),
    "too_early": lambda p: _(
        "Its sessions start before you can get there leaving at %(time)s.",
        time=clock(p["day_start"]),
    ),
    "too_far": lambda p: _("Too far to fit before %(time)s.", time=clock(p["day_end"])),
    "no_time": lambda p: _("Not enough time after the other stops."),
    "max_stops": lambda p: _("The day already has the %(max)d visits you asked for.", max=p["max"]),
    "same_village": lambda p: _("Another stop of the day is already in this village."),
    "earlier_day": lambda p: _("An earlier day of the trip already visits this village."),
    "pinned_conflict": lambda p: _("It cannot fit together with your other must-visit stops."),
    "lunch_outside_day": lambda p: _(
        "Your day does not include lunch time (%(start)s–%(end)s).",
        start=clock(LUNCH_OPEN),
        end=clock(LUNCH_LATEST_END),
    ),  # fmt: skip
    "workshops_open_until": lambda p: _(
        "Workshops are open for booking until %(day)s: hosts open their dates a few weeks "
        "ahead, so this day has village walks only. Choose an earlier date to add workshops.",
        day=format_date(date.fromisoformat(p["until"]), "EEEE d MMMM y"),
    ),
    "no_workshop_open": lambda p: _(
        "No workshop is open for booking at the moment, so this day has village walks only."
    ),
    "craft_missing": lambda p: _(
        "No %(craft)s workshop or village fits this day.", craft=p["name"]
    ),
}


def describe(reason: Reason, craft_names: dict[str, str] | None = None) -> str:
    """A sentence a visitor understands for why a wish is not in the plan."""
    params = dict(reason.params)
    if "craft" in params:
        params["name"] = (craft_names or {}).get(params["craft"], params["craft"])
    text = TEXTS.get(reason.code)
    return text(params) if text else _("It does not fit this day.")
