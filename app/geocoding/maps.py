"""The review map of one proposal: the current point (hollow) beside the proposed one (solid)."""

import folium
from flask_babel import gettext as _

from app import maps
from app.geocoding.models import LocationProposal


def proposal_map(proposal: LocationProposal) -> maps.EmbeddedMap:
    """Both points and a dashed line between them; only the proposal when there is no point."""
    village = proposal.village
    proposed = (proposal.lat, proposal.lon)
    fmap = maps.base_map(location=proposed, zoom=13)
    points = [proposed]
    if village.has_point:
        current = (village.lat, village.lon)
        points.append(current)
        label = _("Current point (%(precision)s)", precision=village.coord_precision)
        _pin(current, "approx", label).add_to(fmap)
        folium.PolyLine([current, proposed], color="#6b2c0c", weight=2, dash_array="6 6").add_to(
            fmap
        )
    _pin(proposed, "exact", _("Proposed: %(place)s", place=proposal.display_name)).add_to(fmap)
    if len(points) > 1:
        fmap.fit_bounds(_bounds(points), padding=(30, 30), max_zoom=15)
    return maps.embed(fmap, markers=len(points))


def _pin(point: tuple[float, float], kind: str, label: str) -> folium.Marker:
    icon = folium.DivIcon(
        html=f'<span class="ln-pin ln-pin--{kind}"></span>',
        icon_size=(22, 22),
        icon_anchor=(11, 11),
        class_name=f"ln-marker ln-marker--{kind}",
    )
    return folium.Marker(
        point, icon=icon, tooltip=maps.text(label), popup=folium.Popup(maps.text(label))
    )


def _bounds(points: list[tuple[float, float]]) -> list[list[float]]:
    lats = [lat for lat, _lon in points]
    lons = [lon for _lat, lon in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
