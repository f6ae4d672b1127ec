"""The route form (admins) and the "plan this route" form (visitors, a GET form)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.errors import Invalid
from app.forms import AppForm, sane_date
from app.i18n import tr
from app.itineraries.rules import MAX_STOPS, MIN_STOPS, StopLine, parse_stop_lines
from app.trips.forms import tomorrow
from app.trips.places import KNOWN_PLACES

STOP_ERRORS = {
    "bad_stops": _l("Each line is: village-slug | note in English | note in Vietnamese."),
    "repeated_stop": _l("A village appears twice."),
    "stop_count": _l("A route has %(low)d to %(high)d villages.", low=MIN_STOPS, high=MAX_STOPS),
}


def _text(label, limit: int, required: bool = False) -> StringField:
    first = DataRequired() if required else Optional()
    return StringField(label, validators=[first, Length(max=limit)])


def _area(label, limit: int = 5000, rows: int = 6) -> TextAreaField:
    return TextAreaField(
        label, validators=[Optional(), Length(max=limit)], render_kw={"rows": rows}
    )


class ItineraryForm(AppForm):
    slug = _text(_l("Address (slug)"), 120, required=True)
    title_vi = _text(_l("Title (Vietnamese)"), 200, required=True)
    title_en = _text(_l("Title (English)"), 200, required=True)
    summary_vi = _area(_l("Summary (Vietnamese)"), 400, rows=2)
    summary_en = _area(_l("Summary (English)"), 400, rows=2)
    story_vi = _area(_l("Story (Vietnamese)"))
    story_en = _area(_l("Story (English)"))
    start_place = SelectField(_l("Start and end"), default="hoan-kiem")
    position = IntegerField(_l("Order on the list"), default=0, validators=[Optional(),
                            NumberRange(0, 1000)])  # fmt: skip
    has_lunch = BooleanField(_l("Plan a lunch break"), default=True)
    is_published = BooleanField(_l("Published"), default=True)
    stops = TextAreaField(
        _l("Villages in order"), validators=[DataRequired()], render_kw={"rows": 6}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_place.choices = [SelectChoice(p.key, tr(p, "name")) for p in KNOWN_PLACES]

    def validate_stops(self, field) -> None:
        try:
            self.stop_lines = parse_stop_lines(field.data or "")
        except Invalid as error:
            raise ValidationError(STOP_ERRORS.get(error.code, error.message)) from None

    def route_data(self) -> tuple[dict, list[StopLine]]:
        names = ("slug", "title_vi", "title_en", "summary_vi", "summary_en", "story_vi",
                 "story_en", "start_place", "position", "has_lunch", "is_published")  # fmt: skip
        return {name: self[name].data for name in names}, self.stop_lines


class RoutePlanForm(AppForm):
    class Meta:
        csrf = False  # a read-only GET form: it only leads to the planner

    date = DateField(_l("Date"), default=lambda: tomorrow(), validators=[InputRequired(),
                     sane_date])  # fmt: skip
    adults = IntegerField(_l("Adults"), default=2, validators=[InputRequired(), NumberRange(1, 30)])
    children = IntegerField(_l("Children"), default=0, validators=[Optional(), NumberRange(0, 30)])
