"""The one input boundary every request crosses: the path, query string, form fields and JSON
body may not carry a NUL character or broken Unicode (PostgreSQL cannot store either), and a
JSON body may not nest without end. Each refusal is a 400 naming the field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import request
from flask.json.provider import DefaultJSONProvider
from flask_babel import gettext as _

from app.errors import Invalid

if TYPE_CHECKING:
    from flask import Flask

#: Deeper JSON than this is no request our API describes.
MAX_JSON_DEPTH = 32


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, except that a body nested past Python's recursion limit is a parse error
    (so a 400) instead of a RecursionError (a 500)."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None


def register(app: Flask) -> None:
    app.json = BoundedJSONProvider(app)
    app.before_request(check_request_input)


def check_request_input() -> None:
    """Refuse the request before any view or service sees a value it cannot store."""
    if not _is_text(request.path):
        _refuse("path")
    for source in (request.args, request.form):
        for key, values in source.lists():
            if not _is_text(key) or not all(_is_text(value) for value in values):
                _refuse(key)
    for key, upload in request.files.items(multi=True):
        if not _is_text(upload.filename or ""):
            _refuse(key)
    if request.is_json and request.content_length:
        _check_json(request.get_json(silent=True))


def _check_json(body) -> None:
    """Walk the parsed body without recursion, checking every key and string."""
    pending = [("", body, 1)]
    while pending:
        path, value, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            raise Invalid(
                "too_deep",
                _("The JSON body is nested more than %(n)d levels deep.", n=MAX_JSON_DEPTH),
                {path or "body": _("nested too deeply")},
            )
        if isinstance(value, str) and not _is_text(value):
            _refuse(path or "body")
        elif isinstance(value, dict):
            for key, item in value.items():
                name = f"{path}.{key}" if path else str(key)
                if not _is_text(key):
                    _refuse(name)
                pending.append((name, item, depth + 1))
        elif isinstance(value, list):
            pending.extend((f"{path}.{i}" if path else str(i), v, depth + 1)
                           for i, v in enumerate(value))  # fmt: skip


def _is_text(value: str) -> bool:
    """No NUL and no lone surrogate (text that UTF-8 can encode)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _refuse(field: str) -> None:
    name = field.replace("\x00", "\\0").encode("utf-8", "backslashreplace").decode("utf-8")
    raise Invalid(
        "bad_character",
        _("The field %(field)s contains a NUL character or invalid text.", field=name[:100]),
        {name[:100]: _("contains a NUL character or invalid text")},
    )
