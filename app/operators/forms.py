"""Operator forms: tours, stops, departures (one-off and weekly), guides, vehicles."""

from flask_babel import lazy_gettext as _l
from wtforms import (
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
from app.experiences.rules import MAX_CAPACITY
from app.forms import AppForm, OfferForm, sane_date
from app.requestargs import MAX_INT, bounded_int


class TourForm(OfferForm):
    TEXTS = ("description_vi", "description_en", "inclusions_vi", "inclusions_en")

    inclusions_vi = TextAreaField(
        _l("Included (Vietnamese)"), validators=[Optional(), Length(max=1000)]
    )
    inclusions_en = TextAreaField(
        _l("Included (English)"), validators=[Optional(), Length(max=1000)]
    )
    duration_minutes = IntegerField(
        _l("Duration (minutes)"), validators=[DataRequired(), NumberRange(30, 24 * 60)]
    )

    def tour_data(self) -> dict:
        return self.offer_data()


class StopForm(AppForm):
    village = SelectField(_l("Village"), validate_choice=False, validators=[DataRequired()])
    experience_id = IntegerField(
        _l("Workshop id (optional)"), validators=[Optional(), NumberRange(1, MAX_INT)]
    )
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
