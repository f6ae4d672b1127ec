"""Host forms for experiences, one-off slots, weekly rules, capacity, closing, closed days."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.experiences.rules import MAX_CAPACITY
from app.forms import AppForm, OfferForm, sane_date

WEEKDAYS = [_l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"),
            _l("Saturday"), _l("Sunday")]  # fmt: skip


class ExperienceForm(OfferForm):
    TEXTS = ("description_vi", "description_en", "included_vi", "included_en")

    included_vi = TextAreaField(
        _l("What is included (Vietnamese)"), validators=[Optional(), Length(max=1000)]
    )
    included_en = TextAreaField(
        _l("What is included (English)"), validators=[Optional(), Length(max=1000)]
    )
    duration_minutes = IntegerField(
        _l("Duration (minutes)"), validators=[DataRequired(), NumberRange(10, 720)]
    )
    min_party = IntegerField(
        _l("Smallest group"), validators=[DataRequired(), NumberRange(1, MAX_CAPACITY)], default=1
    )
    max_party = IntegerField(
        _l("Largest group"), validators=[DataRequired(), NumberRange(1, MAX_CAPACITY)], default=10
    )
    photo = FileField(
        _l("Photo (JPEG, PNG or WebP)"), render_kw={"accept": "image/jpeg,image/png,image/webp"}
    )

    def validate_max_party(self, field) -> None:
        if self.min_party.data and field.data and field.data < self.min_party.data:
            raise ValidationError(_l("The largest group cannot be smaller than the smallest."))

    def experience_data(self) -> dict:
        return self.offer_data(skip=("photo",))


class SlotForm(AppForm):
    starts_at = DateTimeLocalField(
        _l("Starts (Hanoi time)"), format="%Y-%m-%dT%H:%M", validators=[DataRequired(), sane_date]
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
    starts_on = DateField(_l("From"), validators=[DataRequired(), sane_date])
    ends_on = DateField(_l("Until"), validators=[DataRequired(), sane_date])
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
    closed_on = DateField(_l("Closed on"), validators=[DataRequired(), sane_date])
    reason = StringField(
        _l("Why (festival, family event…)"), validators=[Optional(), Length(max=200)]
    )


class PhotoForm(AppForm):
    """A new gallery photo and what it shows, in both languages."""

    photo = FileField(
        _l("Photo (JPEG, PNG or WebP)"),
        validators=[FileRequired(_l("Choose a photo to upload."))],
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )
    alt_vi = StringField(_l("What it shows (Vietnamese)"), validators=[Length(max=300)])
    alt_en = StringField(_l("What it shows (English)"), validators=[Length(max=300)])


class PhotoTextForm(AppForm):
    alt_vi = StringField(_l("What it shows (Vietnamese)"), validators=[Length(max=300)])
    alt_en = StringField(_l("What it shows (English)"), validators=[Length(max=300)])
