"""How the handbook words a village's title (why it is listed) and its point's precision."""

from flask_babel import lazy_gettext as _l

#: URL/API key -> the data file's value (csvformat.RECOGNITIONS); "none" = not researched.
RECOGNITION_KEYS = {
    "lntt": "LNTT",
    "ln": "LN",
    "ln-ha-tay": "LN (Hà Tây era)",
    "ntt": "NTT",
    "heritage": "heritage",
    "press": "press",
    "none": "",
}


RECOGNITION_LABELS = {
    "LNTT": _l("Traditional craft village of Hanoi"),
    "LN": _l("Craft village of Hanoi"),
    "LN (Hà Tây era)": _l("Craft village recognised by the former Hà Tây province"),
    "NTT": _l("Traditional craft of Hanoi"),
    "heritage": _l("National intangible cultural heritage"),
    "press": _l("Called a craft village in the press"),
    "": _l("Title not researched yet"),
}

RECOGNITION_REASONS = {
    "LNTT": _l("Recognised by Hanoi as a traditional craft village (làng nghề truyền thống)."),
    "LN": _l("Recognised by Hanoi as a craft village (làng nghề)."),
    "LN (Hà Tây era)": _l(
        "Recognised as a craft village by Hà Tây province before it joined Hanoi in 2008; "
        "its current status has not been checked again."
    ),
    "NTT": _l(
        "Its craft holds Hanoi's title of traditional craft (nghề truyền thống); the title "
        "belongs to the craft, not to the village."
    ),
    "heritage": _l("Its craft is listed as national intangible cultural heritage."),
    "press": _l(
        "Press or district pages call it a craft village; we have not seen a decision "
        "giving it a title."
    ),
    "": _l(
        "One of the well-known villages of the handbook's first edition; the title it holds "
        "has not been researched yet."
    ),
}


PRECISIONS = {
    "village": _l("The point is at the village itself."),
    "commune": _l(
        "The point is the centre of the village's former commune (before 2025), not the "
        "village itself: expect to be one to three kilometres off."
    ),
    "new-commune": _l(
        "The point is the centre of the commune or ward that has held the village since "
        "July 2025, not the village itself: expect to be up to about five kilometres off."
    ),
    "": _l("We do not have a point for this village yet."),
}


def recognition_label(value: str) -> str:
    return str(RECOGNITION_LABELS.get(value, value))


def recognition_reason(value: str) -> str:
    return str(RECOGNITION_REASONS.get(value, value))


def precision(value: str) -> str:
    return str(PRECISIONS.get(value, PRECISIONS["commune"]))
