"""gunicorn settings, read from the repository root: logs without manage or reset tokens."""

logger_class = "app.accesslog.RedactingLogger"
