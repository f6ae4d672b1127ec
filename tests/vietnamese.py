"""Finding English on a Vietnamese page: the visible text (and the texts assistive tools read:
alt, title, placeholder, aria-label) outside elements marked with another `lang`, checked
against common English interface words and English weekday and month names.

Vietnamese written without diacritics shares some spellings with English ("to", "do", "in",
"an", "may", "long"), so the list holds only words that are English on a Vietnamese page.
Proper names and brands that stay as they are go in ALLOWED_PHRASES."""

import re
from html.parser import HTMLParser

ENGLISH = set(
    """
a about add adult adults after all also and any approximate are at available back be before
below book booked booking bookings but by calendar can cancel cancelled cancellation change
child children choose city clear close closed confirm confirmed confirmation contact could
craft crafts date day days description details did directions district does done download each
edit email end english every find first for found free from full go guests have here hold host
hosts hour hours how if included instant into is it its join just keep language languages later
leave left list location log login logout make map maps me mean meeting menu minutes more move
my name near new next no not now of off on one only open or other our out over page password
people per person phone photo photos place places plan please point previous price prices
print product products profile read register remove request requested requests reset route routes
save search see seats send share show sign skip slot slots sold start status stop stops submit
that the their them then there these they this through time times to today tomorrow total
tours try until up us use view village villages visit visits wait waiting walk want we week
what when where which while who why will with workshop workshops year yes you your
""".split()
)
#: English that is also a Vietnamese spelling, a unit or an acronym a Vietnamese page uses.
NOT_ENGLISH_HERE = {"to", "do", "in", "an", "may", "long", "me", "no", "one", "up", "us", "it",
                    "is", "a", "by", "be", "go", "on", "at", "end", "ban", "con"}  # fmt: skip
ENGLISH -= NOT_ENGLISH_HERE

#: English day and month names; the short ones only beside a number ("Thu 03/12", "3 Dec"), as
#: Vietnamese names use some of them ("Thu Hồng").
DAYS_AND_MONTHS = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|June|July|August|September|October|November|December)\b"
    r"|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b(?=,?\s*\d)"
    r"|(?<=\d )(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
)
#: Names, brands and codes a Vietnamese page keeps as they are.
ALLOWED_PHRASES = [
    "Làng Nghề", "OpenStreetMap", "Google Maps", "Apple Maps", "Leaflet", "ODbL", "OCOP", "API",
    "Hanoi Craft Trails", "GMT+7", "VND", "JPEG", "PNG", "WebP", "GPX", "ICS", ".ics", "Email",
    "email", "CSV", "VietQR", "Wikipedia", "CC BY-SA",
]  # fmt: skip
_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
_SKIPPED = {"script", "style", "template"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}  # fmt: skip


class _Text(HTMLParser):
    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden: skipped or in another language)
        self.parts: list[str] = []

    @property
    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").split("-")[0]
        hidden = self.hidden or tag in _SKIPPED or bool(lang and lang != self.language)
        if not hidden:
            self.parts.extend(attrs[name] for name in _ATTRIBUTES if attrs.get(name))
        if tag not in _VOID:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str, language: str = "vi") -> str:
    """The page's text in `language`: elements marked with another `lang` are left out."""
    parser = _Text(language)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_left(text: str, data: tuple[str, ...] = ()) -> list[str]:
    """English words and day or month names found in `text`, after removing the allowed
    phrases and `data` (strings the page shows as they were entered: names, addresses)."""
    for phrase in sorted({*ALLOWED_PHRASES, *data}, key=len, reverse=True):
        if phrase:
            text = text.replace(phrase, " ")
    found = [word for word in re.findall(r"[A-Za-z]+", text) if word.lower() in ENGLISH]
    return found + [match.group(0) for match in DAYS_AND_MONTHS.finditer(text)]
