"""The confirmation page's small map: where to meet for each booked item (numbered when the
booking holds several)."""

from dataclasses import dataclass

import folium

from app import maps
from app.bookings.visits import Visit


@dataclass(frozen=True)
class MeetingMap:
    embedded: maps.EmbeddedMap
    #: meeting point -> the number on its pin (only shown when there are several)
    numbers: dict[tuple[float, float], int]


def meeting_map(visits: list[Visit]) -> MeetingMap | None:
    """A pin per distinct meeting point, or None when no item has a point."""
    points = list(dict.fromkeys(visit.geo for visit in visits if visit.geo is not None))
    if not points:
        return None
    fmap = maps.base_map(location=points[0], zoom=14)
    for number, point in enumerate(points, start=1):
        names = [visit.meeting_point for visit in visits if visit.geo == point]
        label = str(number) if len(points) > 1 else "●"
        icon = folium.DivIcon(
            html=f'<span class="ln-meeting-pin">{maps.text(label)}</span>',
            icon_size=(26, 26),
            icon_anchor=(13, 13),
            class_name="ln-marker",
        )
        folium.Marker(point, icon=icon, tooltip=maps.text(" / ".join(names))).add_to(fmap)
    if len(points) > 1:
        lats, lons = [lat for lat, _ in points], [lon for _, lon in points]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30))
    numbers = {point: number for number, point in enumerate(points, start=1)}
    return MeetingMap(maps.embed(fmap, markers=len(points)), numbers if len(points) > 1 else {})
