"""Every folium map of the app is built here: local assets only, tiles from TILE_URL, and
every popup or tooltip string escaped (folium inserts them as raw HTML inside JS template
literals, so `<`, backticks and `${` must all be neutralised)."""

import html
import json
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import folium
from flask import current_app, url_for
from flask_babel import gettext as _
from folium.elements import MacroElement, Template
from folium.plugins import MarkerCluster
from markupsafe import Markup

from app.assets import vendor_url
from app.i18n import tr
from app.villages.models import Village

HANOI_CENTRE = (21.0285, 105.8542)
CACHE_SIZE = 64
_rendered: OrderedDict[tuple, object] = OrderedDict()


@dataclass(frozen=True)
class EmbeddedMap:
    """What a template needs to show a map: asset links, the map's div and its script."""

    css: tuple[str, ...]
    js: tuple[str, ...]
    html: Markup
    script: Markup
    markers: int = 0


def text(value: str) -> str:
    """User text made safe for a folium popup or tooltip."""
    escaped = html.escape(value or "", quote=True)
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def base_map(location=HANOI_CENTRE, zoom: int = 10) -> folium.Map:
    """A map whose scripts and styles come from our own /vendor route and tiles from TILE_URL."""
    fmap = folium.Map(
        location=location, zoom_start=zoom, tiles=None, zoom_control=False, control_scale=False
    )
    LocalControls().add_to(fmap)
    fmap.default_js = [
        ("leaflet", vendor_url("leaflet", "leaflet.js")),
        ("jquery", vendor_url("jquery", "jquery.min.js")),
    ]
    fmap.default_css = [("leaflet_css", vendor_url("leaflet", "leaflet.css"))]
    folium.TileLayer(
        tiles=current_app.config["TILE_URL"],
        attr=current_app.config["TILE_ATTRIBUTION"],
        name="OpenStreetMap",
        control=False,
    ).add_to(fmap)
    return fmap


class LocalControls(MacroElement):
    """Leaflet's zoom buttons and scale in the page's language (metric, as in Vietnam), and a
    credit line without Leaflet's English tooltip."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        L.control.zoom({{ this.zoom }}).addTo({{ this._parent.get_name() }});
        L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
        {{ this._parent.get_name() }}.attributionControl.setPrefix({{ this.prefix }});
        {% endmacro %}"""
    )

    def __init__(self):
        super().__init__()
        self._name = "LocalControls"
        self.zoom = json.dumps({"zoomInTitle": _("Zoom in"), "zoomOutTitle": _("Zoom out")})
        self.prefix = json.dumps('<a href="https://leafletjs.com">Leaflet</a>')


def marker_cluster(name: str = "") -> MarkerCluster:
    cluster = MarkerCluster(name=name, control=False)
    cluster.default_js = [
        ("markercluster", vendor_url("leaflet.markercluster", "leaflet.markercluster.js"))
    ]
    cluster.default_css = [
        ("markercluster_css", vendor_url("leaflet.markercluster", "MarkerCluster.css")),
        (
            "markercluster_default_css",
            vendor_url("leaflet.markercluster", "MarkerCluster.Default.css"),
        ),
    ]
    return cluster


def village_marker(village: Village, popup_html: str, tooltip: str) -> folium.Marker:
    """A pin: solid for a point at the village, hollow for an approximate one."""
    kind = "approx" if village.is_approximate else "exact"
    icon = folium.DivIcon(
        html=f'<span class="ln-pin ln-pin--{kind}"></span>',
        icon_size=(22, 22),
        icon_anchor=(11, 11),
        class_name="ln-marker",
    )
    return folium.Marker(
        (village.lat, village.lon),
        icon=icon,
        popup=folium.Popup(popup_html, max_width=280),
        tooltip=tooltip,
    )


def village_popup(village: Village, name: str, craft: str) -> str:
    """Popup markup: every piece of data escaped, the link built by url_for."""
    link = url_for("villages.detail", slug=village.slug)
    approximate, open_page = _("Approximate location"), _("Open village page")
    note = (
        f'<br><small class="text-muted">{text(approximate)}</small>'
        if village.is_approximate
        else ""
    )
    return (
        f"<strong>{text(name)}</strong><br>{text(craft)}{note}<br>"
        f'<a href="{text(link)}">{text(open_page)}</a>'
    )


def embed(fmap: folium.Map, markers: int = 0) -> EmbeddedMap:
    """Render `fmap` for inclusion in one of our pages, refusing any asset from another host."""
    figure = fmap.get_root()
    figure.render()
    css, js = [], []
    for child in figure.header._children.values():
        url = getattr(child, "url", None)
        if url is None:
            continue
        if not url.startswith("/"):
            raise RuntimeError(f"map asset from another host: {url}")
        (css if url.endswith(".css") else js).append(url)
    return EmbeddedMap(
        markers=markers,
        css=tuple(css),
        js=tuple(js),
        html=Markup(figure.html.render()),
        script=Markup(figure.script.render()),
    )


@dataclass(frozen=True)
class OverviewShell:
    """The overview map without villages, and the JS names village-map.js fills in."""

    embedded: EmbeddedMap
    map_name: str
    cluster_name: str


def overview_shell() -> OverviewShell:
    """The overview map without its villages: the browser loads them as GeoJSON and clusters
    them (static/js/village-map.js), so the page stays small at any number of villages."""
    fmap = base_map()
    cluster = marker_cluster().add_to(fmap)
    return OverviewShell(embed(fmap), fmap.get_name(), cluster.get_name())


def village_map(village: Village) -> EmbeddedMap:
    """One village's point; an approximate point gets a circle showing how rough it is."""
    fmap = base_map(
        location=(village.lat, village.lon), zoom=14 if not village.is_approximate else 12
    )
    craft = tr(village.crafts[0], "name") if village.crafts else ""
    village_marker(
        village, village_popup(village, tr(village, "name"), craft), text(tr(village, "name"))
    ).add_to(fmap)
    if village.is_approximate:
        radius = 1500 if village.coord_precision == "commune" else 5000
        folium.Circle(
            (village.lat, village.lon),
            radius=radius,
            color="#b45309",
            weight=1,
            fill=True,
            fill_opacity=0.08,
            dash_array="6 6",
            tooltip=text(_("Approximate location")),
        ).add_to(fmap)
    return embed(fmap)


def cached(key: tuple, build: Callable[[], object]):
    """A rendered map, reused while `key` is unchanged (include a data version when the map
    shows data). The cache is per process and holds only derived output, so processes never
    need to share it."""
    if key in _rendered:
        _rendered.move_to_end(key)
        return _rendered[key]
    _rendered[key] = embedded = build()
    while len(_rendered) > CACHE_SIZE:
        _rendered.popitem(last=False)
    return embedded


@dataclass(frozen=True)
class LocationPicker:
    """A host's map for placing a village, and the JS names location-picker.js attaches to."""

    embedded: EmbeddedMap
    map_name: str
    marker_name: str  # "" while the village has no point: the first click places one


def location_picker_map(village: Village) -> LocationPicker:
    """A draggable pin on the village's point (or a map of Hanoi without a pin yet)."""
    centre = (village.lat, village.lon) if village.has_point else HANOI_CENTRE
    fmap = base_map(location=centre, zoom=15 if village.has_point else 11)
    marker_name = ""
    if village.has_point:
        icon = folium.DivIcon(
            html='<span class="ln-pin ln-pin--exact"></span>',
            icon_size=(22, 22),
            icon_anchor=(11, 11),
            class_name="ln-marker ln-marker--picker",
        )
        marker = folium.Marker(centre, icon=icon, draggable=True).add_to(fmap)
        marker_name = marker.get_name()
    return LocationPicker(
        embed(fmap, markers=1 if marker_name else 0), fmap.get_name(), marker_name
    )


@dataclass(frozen=True)
class MapStop:
    """One numbered stop of a planned day, with a label already in the visitor's language."""

    number: int
    lat: float
    lon: float
    label: str
    kind: str  # "experience", "village" or "lunch"


def plan_map(
    start: tuple[float, float], stops: list[MapStop], legend: dict[str, str]
) -> EmbeddedMap:
    """A planned day: the start, numbered stops, the route line back to the start, a legend."""
    fmap = _route_styled(base_map(location=start, zoom=11))
    route = [start, *((stop.lat, stop.lon) for stop in stops), start]
    folium.PolyLine(route, color="#7c2d12", weight=4, opacity=0.75).add_to(fmap)
    _pin(start, "S", "start", text(legend["start"])).add_to(fmap)
    for stop in stops:
        _pin((stop.lat, stop.lon), str(stop.number), stop.kind, text(stop.label)).add_to(fmap)
    # keep the bottom-right corner, where the legend sits, free of stops
    fmap.fit_bounds(_point_bounds(route), padding_top_left=(30, 30), padding_bottom_right=(140, 40))
    fmap.get_root().html.add_child(folium.Element(_legend_html(legend)))
    return embed(fmap, markers=len(stops) + 1)


def _route_styled(fmap: folium.Map) -> folium.Map:
    """Route maps bring their own stylesheet (numbered markers, legend), so a page showing one
    never renders bare numbers for want of a link in its template."""
    fmap.default_css = [
        *fmap.default_css,
        ("route_map_css", url_for("static", filename="css/route-map.css")),
    ]
    return fmap


def _pin(point: tuple[float, float], label: str, kind: str, tooltip: str) -> folium.Marker:
    icon = folium.DivIcon(
        html=f'<span class="ln-stop ln-stop--{text(kind)}">{text(label)}</span>',
        icon_size=(28, 28),
        icon_anchor=(14, 14),
        class_name="ln-marker",
    )
    return folium.Marker(point, icon=icon, tooltip=tooltip)


def _legend_html(legend: dict[str, str]) -> str:
    items = "".join(
        f'<li><span class="ln-stop ln-stop--{kind} ln-stop--key"></span>{text(label)}</li>'
        for kind, label in legend.items()
    )
    return f'<ul class="ln-plan-legend" aria-label="{text(_("Legend"))}">{items}</ul>'


def _point_bounds(points: list[tuple[float, float]]) -> list[list[float]]:
    lats = [lat for lat, _lon in points]
    lons = [lon for _lat, lon in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def start_picker_map(point: tuple[float, float] | None) -> LocationPicker:
    """The planner's start point: click the map (or drag the pin) to choose where the day starts."""
    fmap = _route_styled(base_map(location=point or HANOI_CENTRE, zoom=12))
    marker_name = ""
    if point is not None:
        icon = folium.DivIcon(
            html='<span class="ln-stop ln-stop--start">S</span>',
            icon_size=(28, 28),
            icon_anchor=(14, 14),
            class_name="ln-marker ln-marker--picker",
        )
        marker_name = folium.Marker(point, icon=icon, draggable=True).add_to(fmap).get_name()
    return LocationPicker(
        embed(fmap, markers=1 if marker_name else 0), fmap.get_name(), marker_name
    )
