"""Admin forms: decisions on requests, CSV upload, role changes."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from app.accounts.rules import Role
from app.forms import AppForm


class DecisionForm(AppForm):
    note = StringField(_l("Note to the person"), validators=[Optional(), Length(max=500)])


class ImportForm(AppForm):
    file = FileField(
        _l("Villages CSV file"),
        validators=[FileRequired(), FileAllowed(["csv"], _l("Choose a .csv file."))],
    )


class RoleForm(AppForm):
    role = SelectField(_l("Role"), choices=[SelectChoice(role.value) for role in Role])


class ButtonForm(AppForm):
    """An empty form: a POST-only button with its CSRF token."""
