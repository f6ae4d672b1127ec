"""Booking forms: the guest's request, a host's answer, a move."""

import secrets

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp

from app.bookings.rules import MAX_PARTY
from app.forms import AppForm


class BookingForm(AppForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    phone = StringField(
        _l("Phone"),
        validators=[
            DataRequired(),
            Length(min=6, max=40),
            Regexp(r"^[0-9 +().-]+$", message=_l("Digits, spaces and + ( ) - only.")),
        ],
    )
    adults = IntegerField(
        _l("Adults"), validators=[DataRequired(), NumberRange(1, MAX_PARTY)], default=2
    )
    children = IntegerField(
        _l("Children"), validators=[Optional(), NumberRange(0, MAX_PARTY)], default=0
    )
    note = TextAreaField(
        _l("Note for the host (optional)"), validators=[Optional(), Length(max=1000)]
    )
    form_token = HiddenField(validators=[DataRequired(), Length(min=16, max=64)])

    def fresh_token(self) -> None:
        """A one-time token: posting the same form twice returns the first booking."""
        if not self.form_token.data:
            self.form_token.data = secrets.token_urlsafe(24)


class AnswerForm(AppForm):
    message = StringField(_l("Message to the guest"), validators=[Optional(), Length(max=500)])


class MoveForm(AppForm):
    slot_id = IntegerField(_l("New date"), validators=[DataRequired(), NumberRange(1, 2**31 - 1)])
