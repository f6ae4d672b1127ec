"""Operator forms: tours, stops, departures (one-off and weekly), guides, vehicles."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    DateTimeLocalField,
    FloatField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from app.experiences.forms import WEEKDAYS
from app.experiences.rules import MAX_CAPACITY
from app.forms import AppForm, OfferForm, sane_date
from app.i18n import tr
from app.requestargs import bounded_int


class TourForm(OfferForm):
    TEXTS = ("description_vi", "description_en", "inclusions_vi", "inclusions_en")

    meeting_point = StringField(
        _l("Meeting point (name and address)"), validators=[Optional(), Length(max=300)]
    )
    meeting_lat = FloatField(
        _l("Meeting point latitude"), validators=[Optional(), NumberRange(-90, 90)]
    )
    meeting_lon = FloatField(
        _l("Meeting point longitude"), validators=[Optional(), NumberRange(-180, 180)]
    )

    inclusions_vi = TextAreaField(
        _l("Included (Vietnamese)"), validators=[Optional(), Length(max=1000)]
    )
    inclusions_en = TextAreaField(
        _l("Included (English)"), validators=[Optional(), Length(max=1000)]
    )
    duration_minutes = IntegerField(
        _l("Duration (minutes)"), validators=[DataRequired(), NumberRange(30, 24 * 60)]
    )

    contact_phone = StringField(
        _l("Phone for guests on the day"),
        validators=[
            Optional(),
            Length(min=6, max=40),
            Regexp(r"^[0-9 +().-]+$", message=_l("Digits, spaces and + ( ) - only.")),
        ],
    )

    def tour_data(self) -> dict:
        data = self.offer_data()
        data["contact_phone"] = (data["contact_phone"] or "").strip()
        return data


class StopForm(AppForm):
    """A village walk (`v:<slug>`) or one of the village's workshops (`e:<id>`), chosen by name
    from one select grouped by village; the choices are filled in by the view."""

    place = SelectField(_l("Village or workshop"), validators=[DataRequired()])
    offset_minutes = IntegerField(
        _l("Minutes after departure"),
        validators=[InputRequired(), NumberRange(0, 24 * 60)],
        default=0,
    )
    stay_minutes = IntegerField(
        _l("Stay (minutes)"), validators=[DataRequired(), NumberRange(5, 12 * 60)], default=60
    )

    def set_places(self, places) -> None:
        """`places`: (village, workshops) pairs, as `stops.stop_places()` gives them."""
        self.place.choices = [SelectChoice("", _l("Choose a village or workshop…"))] + [
            SelectChoice(value, label, optgroup=tr(village, "name"))
            for village, workshops in places
            for value, label in [
                (f"v:{village.slug}", _l("%(village)s: village walk", village=tr(village, "name"))),
                *((f"e:{e.id}", _l("%(village)s: %(workshop)s (workshop, %(n)d min)",
                                   village=tr(village, "name"), workshop=tr(e, "title"),
                                   n=e.duration_minutes)) for e in workshops),
            ]
        ]  # fmt: skip

    def stop_data(self):
        """The chosen village or workshop and the times, for `stops.StopData`."""
        kind, _sep, value = (self.place.data or "").partition(":")
        return {
            "village_slug": value if kind == "v" else None,
            "experience_id": (bounded_int(value) or None) if kind == "e" else None,
            "offset_minutes": self.offset_minutes.data,
            "stay_minutes": self.stay_minutes.data,
        }

    @classmethod
    def place_of(cls, stop) -> str:
        return f"e:{stop.experience_id}" if stop.experience_id else f"v:{stop.village.slug}"


class DepartureForm(AppForm):
    starts_at = DateTimeLocalField(
        _l("Departs (Hanoi time)"), format="%Y-%m-%dT%H:%M", validators=[DataRequired(), sane_date]
    )
    capacity = IntegerField(
        _l("Seats"), validators=[DataRequired(), NumberRange(1, MAX_CAPACITY)], default=12
    )
    guide_id = SelectField(_l("Guide"), coerce=bounded_int, validate_choice=False, default=0)
    vehicle_id = SelectField(_l("Vehicle"), coerce=bounded_int, validate_choice=False, default=0)
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])


class DepartureRuleForm(AppForm):
    weekdays = SelectMultipleField(
        _l("Weekdays"),
        coerce=int,
        validators=[DataRequired()],
        choices=[SelectChoice(day, label) for day, label in enumerate(WEEKDAYS)],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    start_times = StringField(
        _l("Departure times (Hanoi time)"), validators=[DataRequired(), Length(max=200)]
    )
    starts_on = DateField(_l("From"), validators=[DataRequired(), sane_date])
    ends_on = DateField(_l("Until"), validators=[DataRequired(), sane_date])
    capacity = IntegerField(
        _l("Seats"), validators=[DataRequired(), NumberRange(1, MAX_CAPACITY)], default=12
    )


class CancelForm(AppForm):
    reason = StringField(_l("Reason for the guests"), validators=[DataRequired(), Length(max=500)])


class ReserveForm(AppForm):
    places = IntegerField(
        _l("Places to reserve"), validators=[DataRequired(), NumberRange(1, MAX_CAPACITY)]
    )


class GuideForm(AppForm):
    name = StringField(_l("Guide's name"), validators=[DataRequired(), Length(max=120)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    languages = StringField(
        _l("Languages"), validators=[Optional(), Length(max=60)], default="vi,en"
    )


class VehicleForm(AppForm):
    name = StringField(_l("Vehicle (name or plate)"), validators=[DataRequired(), Length(max=120)])
    seats = IntegerField(_l("Seats"), validators=[DataRequired(), NumberRange(1, 80)], default=16)
