"""AppForm: the base of every form; shows a service's error messages on the fields."""

from flask_wtf import FlaskForm

from app.errors import AppError


class AppForm(FlaskForm):
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
