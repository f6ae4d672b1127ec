"""Plain notes made readable: URLs become links (shown decoded), and the wiki templates that
data notes quote, such as {{coord|20|59|N|105|55|E}}, become text (20°59′N 105°55′E).
Plain Python; the template escapes every piece."""

import re
from dataclasses import dataclass
from urllib.parse import unquote

_URL = re.compile(r"https?://[^\s()<>\"'{}]+")
_TEMPLATE = re.compile(r"\{\{([^{}]*)\}\}")
_HEMISPHERES = ("N", "S", "E", "W")
_MARKS = ("°", "′", "″")


@dataclass(frozen=True)
class Piece:
    """A run of text, a link when `href` is set."""

    text: str
    href: str | None = None


def note_pieces(note: str) -> list[Piece]:
    """`note` as text and links, its wiki templates turned into words."""
    text = _TEMPLATE.sub(lambda match: _template_text(match.group(1)), note or "")
    pieces, start = [], 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?")
        if match.start() > start:
            pieces.append(Piece(text[start : match.start()]))
        pieces.append(Piece(unquote(url.split("://", 1)[1]), url))
        start = match.start() + len(url)
    if start < len(text):
        pieces.append(Piece(text[start:]))
    return pieces


def _template_text(body: str) -> str:
    """{{coord|…}} as degrees; any other template as its last plain parameter."""
    name, *params = [part.strip() for part in body.split("|")]
    params = [param for param in params if param and "=" not in param]
    if name.lower() == "coord":
        return _coordinates(params)
    return params[-1] if params else ""


def _coordinates(params: list[str]) -> str:
    """20|59|N|105|55|E -> 20°59′N 105°55′E; 20.98|105.91 -> 20.98, 105.91."""
    groups, numbers = [], []
    for param in params:
        if param.upper() in _HEMISPHERES:
            marked = zip(numbers, _MARKS, strict=False)  # at most degrees, minutes, seconds
            groups.append("".join(f"{n}{mark}" for n, mark in marked) + param.upper())
            numbers = []
        else:
            numbers.append(param)
    return " ".join(groups) if groups else ", ".join(numbers)
