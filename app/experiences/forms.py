"""Host forms for experiences, one-off slots, weekly rules, capacity, closing, closed days."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
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
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.experiences.rules import LANGUAGES, MAX_CAPACITY, ConfirmationMode
from app.forms import AppForm

WEEKDAYS = [_l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"),
            _l("Saturday"), _l("Sunday")]  # fmt: skip


class ExperienceForm(AppForm):
    title_vi = StringField(_l("Title (Vietnamese)"), validators=[DataRequired(), Length(max=200)])
    title_en = StringField(_l("Title (English)"), validators=[DataRequired(), Length(max=200)])
    description_vi = TextAreaField(
        _l("Description (Vietnamese)"), validators=[Optional(), Length(max=5000)]
    )
    description_en = TextAreaField(
        _l("Description (English)"), validators=[Optional(), Length(max=5000)]
    )
    included_vi = TextAreaField(
        _l("What is included (Vietnamese)"), validators=[Optional(), Length(max=1000)]
    )
    included_en = TextAreaField(
        _l("What is included (English)"), validators=[Optional(), Length(max=1000)]
    )
    duration_minutes = IntegerField(
        _l("Duration (minutes)"), validators=[DataRequired(), NumberRange(10, 720)]
    )
    price_adult_vnd = IntegerField(
        _l("Price per adult (VND)"), validators=[DataRequired(), NumberRange(0, 100_000_000)]
    )
    price_child_vnd = IntegerField(
        _l("Price per child (VND)"), validators=[Optional(), NumberRange(0, 100_000_000)], default=0
    )
    min_party = IntegerField(
        _l("Smallest group"), validators=[DataRequired(), NumberRange(1, MAX_CAPACITY)], default=1
    )
    max_party = IntegerField(
        _l("Largest group"), validators=[DataRequired(), NumberRange(1, MAX_CAPACITY)], default=10
    )
    languages = SelectMultipleField(
        _l("Languages offered"),
        choices=[SelectChoice(code) for code in LANGUAGES],
        validators=[DataRequired()],
        default=["vi"],
    )
    meeting_point = StringField(_l("Meeting point"), validators=[Optional(), Length(max=300)])
    confirmation_mode = SelectField(
        _l("Confirmation"),
        choices=[
            SelectChoice(ConfirmationMode.INSTANT, _l("Instant: bookings confirm at once")),
            SelectChoice(ConfirmationMode.ON_REQUEST, _l("On request: I confirm each booking")),
        ],
    )
    cutoff_hours = IntegerField(
        _l("Booking cut-off (hours before start)"),
        validators=[Optional(), NumberRange(0, 720)],
        default=12,
    )
    is_published = BooleanField(_l("Published"), default=True)
    photo = FileField(
        _l("Photo (JPEG, PNG or WebP)"), render_kw={"accept": "image/jpeg,image/png,image/webp"}
    )

    def validate_max_party(self, field) -> None:
        if self.min_party.data and field.data and field.data < self.min_party.data:
            raise ValidationError(_l("The largest group cannot be smaller than the smallest."))

    def experience_data(self) -> dict:
        data = {
            name: field.data
            for name, field in self._fields.items()
            if name not in ("csrf_token", "photo")
        }
        data["languages"] = ",".join(data["languages"])
        data["price_child_vnd"] = data["price_child_vnd"] or 0
        data["cutoff_hours"] = data["cutoff_hours"] or 0
        for name in (
            "description_vi",
            "description_en",
            "included_vi",
            "included_en",
            "meeting_point",
        ):
            data[name] = (data[name] or "").strip()
        return data


class SlotForm(AppForm):
    starts_at = DateTimeLocalField(
        _l("Starts (Hanoi time)"), format="%Y-%m-%dT%H:%M", validators=[DataRequired()]
    )
    capacity = IntegerField(_l("Places"), validators=[DataRequired(), NumberRange(1, MAX_CAPACITY)])


class RuleForm(AppForm):
    weekdays = SelectMultipleField(
        _l("Weekdays"),
        coerce=int,
        validators=[DataRequired()],
        choices=[SelectChoice(day, label) for day, label in enumerate(WEEKDAYS)],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    start_times = StringField(
        _l("Start times (Hanoi time)"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("For example 09:00, 14:00"),
    )
    starts_on = DateField(_l("From"), validators=[DataRequired()])
    ends_on = DateField(_l("Until"), validators=[DataRequired()])
    capacity = IntegerField(
        _l("Places per slot"), validators=[DataRequired(), NumberRange(1, MAX_CAPACITY)]
    )

    def rule_data(self) -> dict:
        return {
            name: self._fields[name].data
            for name in ("weekdays", "start_times", "starts_on", "ends_on", "capacity")
        }


class CapacityForm(AppForm):
    capacity = IntegerField(_l("Places"), validators=[DataRequired(), NumberRange(1, MAX_CAPACITY)])


class CloseSlotForm(AppForm):
    reason = StringField(_l("Reason for the guests"), validators=[Optional(), Length(max=500)])
    cancel_bookings = BooleanField(_l("Cancel the bookings on this slot"))


class ClosedDayForm(AppForm):
    closed_on = DateField(_l("Closed on"), validators=[DataRequired()])
    reason = StringField(
        _l("Why (festival, family event…)"), validators=[Optional(), Length(max=200)]
    )
