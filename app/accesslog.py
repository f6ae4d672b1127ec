"""Logs without secrets: a manage link's `token` query parameter and a password-reset token in
a path are written as [redacted] by gunicorn (access and error logs) and by werkzeug's
development server, so whoever reads the logs cannot open a guest's booking or reset a
password."""

import logging
import re

from gunicorn import glogging

REDACTED = "[redacted]"
_PATTERNS = (
    re.compile(r"(?i)((?:^|[?&;\s\"']|%3F|%26)token(?:=|%3D))[^&;\s\"'%]+"),
    re.compile(r"(?i)((?:/|%2F)auth(?:/|%2F)reset(?:/|%2F))[^/?&\s\"'%]+"),
)


def redact(text: str) -> str:
    """`text` with every manage or reset token replaced by [redacted]."""
    for pattern in _PATTERNS:
        text = pattern.sub(rf"\1{REDACTED}", text)
    return text


class RedactFilter(logging.Filter):
    """Formats the record, then redacts it (its arguments may hold the request line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = redact(message), None
        return True


def add_filter(logger: logging.Logger) -> None:
    if not any(isinstance(item, RedactFilter) for item in logger.filters):
        logger.addFilter(RedactFilter())


class RedactingLogger(glogging.Logger):
    """gunicorn's logger (`logger_class` in gunicorn.conf.py) with tokens redacted."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        add_filter(self.access_log)
        add_filter(self.error_log)
