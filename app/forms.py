"""AppForm: the base of every form; shows a service's error messages on the fields.
OfferForm: the fields a workshop and a tour share (bilingual texts, prices, languages…)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import (
    BooleanField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from app.errors import AppError
from app.experiences.rules import LANGUAGES
from app.requestargs import FIRST_DATE, LAST_DATE


def sane_date(form, field) -> None:
    """A WTForms validator: dates (and date-times) between 2000 and 2100 only."""
    value = field.data
    if value is None:
        return
    day = value.date() if hasattr(value, "date") else value
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ValidationError(
            _l(
                "Choose a date between %(first)d and %(last)d.",
                first=FIRST_DATE.year,
                last=LAST_DATE.year,
            )
        )


class AppForm(FlaskForm):
    def hidden_tag(self, *fields) -> Markup:
        """The hidden fields without ids: a page with several forms would otherwise repeat
        `csrf_token` (and hidden inputs need no label to point at them)."""
        chosen = (getattr(self, f, None) if isinstance(f, str) else f for f in fields or self)
        hidden = (f for f in chosen if f is not None and isinstance(f.widget, HiddenInput))
        return Markup("\n".join(f(id=False) for f in hidden))

    def show(self, error: AppError) -> None:
        """Put a service error on the fields it names, or on the form as a whole."""
        placed = False
        for name, message in error.fields.items():
            field = getattr(self, name, None)
            if field is not None and hasattr(field, "errors"):
                field.errors = [*field.errors, message]
                placed = True
        if not placed:
            self.form_errors.append(error.message)


class OfferForm(AppForm):
    """What guests see of anything bookable; subclasses add duration and their own fields."""

    TEXTS = ("description_vi", "description_en")

    title_vi = StringField(_l("Title (Vietnamese)"), validators=[DataRequired(), Length(max=200)])
    title_en = StringField(_l("Title (English)"), validators=[DataRequired(), Length(max=200)])
    description_vi = TextAreaField(
        _l("Description (Vietnamese)"), validators=[Optional(), Length(max=5000)]
    )
    description_en = TextAreaField(
        _l("Description (English)"), validators=[Optional(), Length(max=5000)]
    )
    price_adult_vnd = IntegerField(
        _l("Price per adult (VND)"), validators=[DataRequired(), NumberRange(0, 100_000_000)]
    )
    price_child_vnd = IntegerField(
        _l("Price per child (VND)"), validators=[Optional(), NumberRange(0, 100_000_000)], default=0
    )
    languages = SelectMultipleField(
        _l("Languages offered"),
        validators=[DataRequired()],
        choices=[SelectChoice(code) for code in LANGUAGES],
        default=["vi"],
    )
    meeting_point = StringField(_l("Meeting point"), validators=[Optional(), Length(max=300)])
    bring_vi = TextAreaField(
        _l("What to bring (Vietnamese)"), validators=[Optional(), Length(max=1000)]
    )
    bring_en = TextAreaField(
        _l("What to bring (English)"), validators=[Optional(), Length(max=1000)]
    )
    confirmation_mode = SelectField(
        _l("Confirmation"),
        choices=[
            SelectChoice("instant", _l("Instant: bookings confirm at once")),
            SelectChoice("on_request", _l("On request: I confirm each booking")),
        ],
    )
    cutoff_hours = IntegerField(
        _l("Booking cut-off (hours before start)"),
        validators=[Optional(), NumberRange(0, 720)],
        default=12,
    )
    is_published = BooleanField(_l("Published"), default=True)

    def offer_data(self, skip: tuple[str, ...] = ()) -> dict:
        """Field values ready for a service: languages joined, optional numbers and texts
        given their defaults."""
        data = {
            name: field.data
            for name, field in self._fields.items()
            if name not in ("csrf_token", *skip)
        }
        data["languages"] = ",".join(data["languages"])
        data["price_child_vnd"] = data["price_child_vnd"] or 0
        data["cutoff_hours"] = data["cutoff_hours"] or 0
        for name in (*self.TEXTS, "meeting_point", "bring_vi", "bring_en"):
            data[name] = (data[name] or "").strip()
        return data
