"""The application's error family: plain Python, raised by services, rendered by error_handlers."""


class AppError(Exception):
    """A failure a person can understand: a machine `code`, a readable `message`, field errors."""

    status = 400

    def __init__(self, code: str, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or {}


class Invalid(AppError):
    status = 400


class Unprocessable(Invalid):
    """Well-formed input that breaks a rule its shape cannot show (a range ending before it
    starts, a party over the limit in all): answered 422."""

    status = 422


class NotFound(AppError):
    status = 404


class Forbidden(AppError):
    status = 403


class Conflict(AppError):
    status = 409


class Unauthorized(AppError):
    status = 401
