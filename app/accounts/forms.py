"""Forms for login, registration, profile, passwords and role requests."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from app.accounts.rules import MIN_PASSWORD_LENGTH
from app.forms import AppForm

LANGUAGES = [SelectChoice("vi", "Tiếng Việt"), SelectChoice("en", "English")]


class LoginForm(AppForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Remember me"))


class RegisterForm(AppForm):
    name = StringField(_l("Your name"), validators=[Optional(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class ProfileForm(AppForm):
    name = StringField(_l("Your name"), validators=[Optional(), Length(max=120)])
    language = SelectField(_l("Language"), choices=LANGUAGES)


class ChangePasswordForm(AppForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class ResetRequestForm(AppForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])


class ResetPasswordForm(AppForm):
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class RoleRequestForm(AppForm):
    kind = SelectField(
        _l("I want to"),
        choices=[
            SelectChoice("host", _l("host a village")),
            SelectChoice("operator", _l("run tours for an operator")),
        ],
    )
    village = SelectField(_l("Village"), choices=[], validate_choice=False)
    operator_name = StringField(_l("Operator company"), validators=[Optional(), Length(max=200)])
    message = TextAreaField(
        _l("Tell the admin who you are"), validators=[Optional(), Length(max=2000)]
    )
