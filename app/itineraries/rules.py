"""A route's stops as an admin types them: one village per line (plain Python)."""

import re
from dataclasses import dataclass

from app.errors import Invalid

MIN_STOPS, MAX_STOPS = 2, 6
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class StopLine:
    village: str  # slug
    note_en: str = ""
    note_vi: str = ""


def parse_stop_lines(text: str) -> list[StopLine]:
    """`slug | note in English | note in Vietnamese` per line; blank lines are ignored."""
    stops, problems = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if not SLUG.match(parts[0]) or len(parts) > 3:
            problems.append(f"line {number}: “{line.strip()[:40]}”")
            continue
        stops.append(StopLine(*parts))
    if problems:
        raise Invalid(
            "bad_stops",
            "Each line is: village-slug | note in English | note in Vietnamese. "
            + "; ".join(problems),
            {"stops": "; ".join(problems)},
        )
    slugs = [stop.village for stop in stops]
    if len(set(slugs)) != len(slugs):
        raise Invalid("repeated_stop", "A village appears twice.", {"stops": "a village twice"})
    if not MIN_STOPS <= len(stops) <= MAX_STOPS:
        raise Invalid(
            "stop_count",
            f"A route has {MIN_STOPS} to {MAX_STOPS} villages.",
            {"stops": f"{MIN_STOPS} to {MAX_STOPS} villages"},
        )
    return stops


def format_stop_lines(stops: list[StopLine]) -> str:
    return "\n".join(" | ".join((s.village, s.note_en, s.note_vi)).rstrip(" |") for s in stops)
