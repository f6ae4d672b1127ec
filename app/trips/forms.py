"""The planner form (a GET form: planning writes nothing, so its URL is the shareable state)."""

from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    TimeField,
)
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from app.forms import AppForm
from app.timeutil import to_local, utcnow
from app.trips.places import PLACES_BY_KEY
from app.trips.problem import DayRequest

MODES = [
    SelectChoice("car", _l("Car")),
    SelectChoice("motorbike", _l("Motorbike")),
    SelectChoice("bicycle", _l("Bicycle")),
]


def parse_fixed(value: str) -> tuple[str, date, int] | None:
    """`e:12@2026-12-05T09:00` (a stop pinned where it stood) -> (key, day, minute)."""
    key, _at, when = value.partition("@")
    try:
        moment = datetime.strptime(when, "%Y-%m-%dT%H:%M")
    except ValueError:
        return None
    if not key.startswith(("e:", "v:")) or len(key) > 130:
        return None
    return key, moment.date(), moment.hour * 60 + moment.minute


def fixed_value(key: str, start: datetime) -> str:
    return f"{key}@{start:%Y-%m-%dT%H:%M}"


def tomorrow() -> date:
    return to_local(utcnow()).date() + timedelta(days=1)


class PlannerForm(AppForm):
    class Meta:
        csrf = False  # read-only GET form; saving a plan is a separate POST form with CSRF

    date = DateField(_l("Date"), default=lambda: tomorrow(), validators=[InputRequired()])
    days = SelectField(
        _l("Days"), choices=[SelectChoice(n, str(n)) for n in (1, 2, 3)], coerce=int, default=1
    )
    place = SelectField(_l("Start from a known place"), default="hoan-kiem")
    lat = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(-90, 90)])
    lon = FloatField(_l("Longitude"), validators=[Optional(), NumberRange(-180, 180)])
    day_start = TimeField(_l("Leave at"), default=time(8, 0), validators=[InputRequired()])
    day_end = TimeField(_l("Back by"), default=time(18, 0), validators=[InputRequired()])
    mode = SelectField(_l("Travel by"), choices=MODES, default="car")
    adults = IntegerField(_l("Adults"), default=2, validators=[InputRequired(), NumberRange(1, 30)])
    children = IntegerField(_l("Children"), default=0, validators=[Optional(), NumberRange(0, 30)])
    crafts = SelectMultipleField(_l("Crafts you like"), choices=[])
    include = SelectMultipleField(_l("Villages or workshops to include"), choices=[])
    pin = SelectMultipleField(_l("Must visit (pinned)"), choices=[])
    drop = SelectMultipleField(_l("Dropped stops"), choices=[], validate_choice=False)
    fix = SelectMultipleField(_l("Pinned times"), choices=[], validate_choice=False)
    lunch = BooleanField(_l("Lunch break (11:00–13:30)"))
    max_stops = IntegerField(
        _l("At most this many visits"),
        default=4,
        validators=[Optional(), NumberRange(1, 8)],
        description=_l("Workshops and village walks; the lunch break is not counted."),
    )

    def validate_day_end(self, field) -> None:
        if self.day_start.data and field.data and field.data <= self.day_start.data:
            raise ValidationError(_l("The day must end after it starts."))

    def validate_fix(self, field) -> None:
        for value in field.data or ():
            if parse_fixed(value) is None:
                raise ValidationError(_l("A pinned time must look like e:12@2026-12-05T09:00."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.place.data and (self.lat.data is None or self.lon.data is None):
            message = _l("Choose a known place, click the map or type both numbers.")
            self.lat.errors = [*self.lat.errors, message]
            return False
        return valid

    @property
    def start_point(self) -> tuple[float, float]:
        place = PLACES_BY_KEY.get(self.place.data or "")
        return (place.lat, place.lon) if place else (self.lat.data, self.lon.data)

    def day_request(self) -> DayRequest:
        day_start, day_end = self.day_window
        return DayRequest(
            on=self.date.data,
            start=self.start_point,
            day_start=day_start,
            day_end=day_end,
            mode=self.mode.data,
            adults=self.adults.data,
            children=self.children.data or 0,
            crafts=frozenset(self.crafts.data or ()),
            include=frozenset(self.include.data or ()),
            pinned=frozenset(self.pin.data or ()),
            excluded=frozenset(self.drop.data or ()),
            lunch=self.lunch.data,
            max_stops=self.max_stops.data,
            fixed=frozenset(filter(None, map(parse_fixed, self.fix.data or ()))),
        )

    @property
    def day_window(self) -> tuple[int, int]:
        start, end = self.day_start.data, self.day_end.data
        return start.hour * 60 + start.minute, end.hour * 60 + end.minute
