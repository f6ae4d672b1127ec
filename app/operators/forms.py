"""Operator forms: tours, stops, departures (one-off and weekly), guides, vehicles."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.experiences.forms import WEEKDAYS
from app.experiences.rules import LANGUAGES, MAX_CAPACITY
from app.forms import AppForm


class TourForm(AppForm):
    title_vi = StringField(_l("Title (Vietnamese)"), validators=[DataRequired(), Length(max=200)])
    title_en = StringField(_l("Title (English)"), validators=[DataRequired(), Length(max=200)])
    description_vi = TextAreaField(
        _l("Description (Vietnamese)"), validators=[Optional(), Length(max=5000)]
    )
    description_en = TextAreaField(
        _l("Description (English)"), validators=[Optional(), Length(max=5000)]
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
    price_adult_vnd = IntegerField(
        _l("Price per adult (VND)"), validators=[DataRequired(), NumberRange(0, 100_000_000)]
    )
    price_child_vnd = IntegerField(
        _l("Price per child (VND)"), validators=[Optional(), NumberRange(0, 100_000_000)], default=0
    )
    languages = SelectMultipleField(
        _l("Languages"),
        validators=[DataRequired()],
        choices=[SelectChoice(code) for code in LANGUAGES],
        default=["vi", "en"],
    )
    meeting_point = StringField(_l("Meeting point"), validators=[Optional(), Length(max=300)])
    cutoff_hours = IntegerField(
        _l("Booking cut-off (hours)"), validators=[Optional(), NumberRange(0, 720)], default=12
    )
    confirmation_mode = SelectField(
        _l("Confirmation"),
        choices=[
            SelectChoice("instant", _l("Instant")),
            SelectChoice("on_request", _l("On request")),
        ],
    )
    is_published = BooleanField(_l("Published"))

    def tour_data(self) -> dict:
        data = {name: field.data for name, field in self._fields.items() if name != "csrf_token"}
        data["languages"] = ",".join(data["languages"])
        data["price_child_vnd"] = data["price_child_vnd"] or 0
        data["cutoff_hours"] = data["cutoff_hours"] or 0
        for name in (
            "description_vi",
            "description_en",
            "inclusions_vi",
            "inclusions_en",
            "meeting_point",
        ):
            data[name] = (data[name] or "").strip()
        return data


class StopForm(AppForm):
    village = SelectField(_l("Village"), validate_choice=False, validators=[DataRequired()])
    experience_id = IntegerField(_l("Workshop id (optional)"), validators=[Optional()])
    offset_minutes = IntegerField(
        _l("Arrive after (minutes from departure)"),
        validators=[Optional(), NumberRange(0, 24 * 60)],
        default=0,
    )
    stay_minutes = IntegerField(
        _l("Stay (minutes)"), validators=[DataRequired(), NumberRange(5, 12 * 60)], default=60
    )


class DepartureForm(AppForm):
    starts_at = DateTimeLocalField(
        _l("Departs (Hanoi time)"), format="%Y-%m-%dT%H:%M", validators=[DataRequired()]
    )
    capacity = IntegerField(
        _l("Seats"), validators=[DataRequired(), NumberRange(1, MAX_CAPACITY)], default=12
    )
    guide_id = SelectField(_l("Guide"), coerce=int, validate_choice=False, default=0)
    vehicle_id = SelectField(_l("Vehicle"), coerce=int, validate_choice=False, default=0)
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
    starts_on = DateField(_l("From"), validators=[DataRequired()])
    ends_on = DateField(_l("Until"), validators=[DataRequired()])
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
