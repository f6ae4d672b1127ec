"""Forms of the host workspace: a village's details and point, and its products."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    FloatField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional, Regexp

from app.forms import AppForm
from app.villages.csvformat import LAT_RANGE, LON_RANGE
from app.villages.editing import OCOP_STARS, VILLAGE_FIELDS

HTTP_ONLY = Regexp(r"(?i)^https?://", message=_l("Only http:// and https:// links are accepted."))


def _text(label, limit: int, required: bool = False) -> StringField:
    first = DataRequired() if required else Optional()
    return StringField(label, validators=[first, Length(max=limit)])


def _long_text(label, limit: int = 10_000) -> TextAreaField:
    return TextAreaField(label, validators=[Optional(), Length(max=limit)], render_kw={"rows": 5})


def _link(label) -> StringField:
    return StringField(label, validators=[Optional(), Length(max=500), HTTP_ONLY, URL()])


class VillageForm(AppForm):
    name_vi = _text(_l("Name in Vietnamese"), 200, required=True)
    name_en = _text(_l("Name in English"), 200, required=True)
    description_vi = _long_text(_l("Description in Vietnamese"))
    description_en = _long_text(_l("Description in English"))
    history_vi = _long_text(_l("History in Vietnamese"))
    history_en = _long_text(_l("History in English"))
    recognition_status = _text(_l("Recognition (e.g. traditional craft village, 2005)"), 200)
    opening_hours = _text(_l("Opening hours"), 300)
    address = _text(_l("Address"), 300)
    contact_phone = _text(_l("Phone"), 60)
    contact_email = EmailField(_l("Email"), validators=[Optional(), Email(), Length(max=200)])
    website_url = _link(_l("Website"))
    shop_url = _link(_l("Online shop"))
    showroom_url = _link(_l("Showroom"))
    video_url = _link(_l("Video"))
    lat = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(*LAT_RANGE)])
    lon = FloatField(_l("Longitude"), validators=[Optional(), NumberRange(*LON_RANGE)])

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then: a point needs both coordinates (or neither, to keep it)."""
        valid = super().validate(extra_validators)
        if self.lat.errors or self.lon.errors or (self.lat.data is None) == (self.lon.data is None):
            return valid
        missing = self.lat if self.lat.data is None else self.lon
        missing.errors.append(_l("Give both latitude and longitude, or neither."))
        return False

    def village_data(self) -> dict:
        """What the service saves: the text columns, and the point when one was given."""
        data = {name: self[name].data or "" for name in VILLAGE_FIELDS}
        return {**data, "lat": self.lat.data, "lon": self.lon.data}


class ProductForm(AppForm):
    name_vi = StringField(_l("Name in Vietnamese"), validators=[Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[Length(max=200)])
    description_vi = _long_text(_l("Description in Vietnamese"))
    description_en = _long_text(_l("Description in English"))
    ocop_stars = SelectField(
        _l("OCOP stars"),
        choices=[
            SelectChoice("", _l("None")),
            *(SelectChoice(str(stars), "★" * stars + f" ({stars})") for stars in OCOP_STARS),
        ],
        coerce=lambda value: int(value) if value not in (None, "", "None") else None,
    )
    ocop_year = IntegerField(
        _l("Year of the OCOP rating"), validators=[Optional(), NumberRange(2018, 2100)]
    )
    price_vnd = IntegerField(
        _l("Price from (VND)"), validators=[Optional(), NumberRange(0, 2_000_000_000)]
    )
    is_ip_protected = BooleanField(_l("Protected by intellectual property (e.g. collective mark)"))
    photo = FileField(
        _l("Photo (JPEG, PNG or WebP)"),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )

    def validate_name_vi(self, field) -> None:
        if not (field.data or "").strip() and not (self.name_en.data or "").strip():
            raise ValueError(_l("Give the product a name in Vietnamese or English."))

    def product_data(self) -> dict:
        names = ("name_vi", "name_en", "description_vi", "description_en")
        data = {name: self[name].data or "" for name in names}
        return {**data, "ocop_stars": self.ocop_stars.data, "ocop_year": self.ocop_year.data,
                "price_vnd": self.price_vnd.data,
                "is_ip_protected": bool(self.is_ip_protected.data)}  # fmt: skip

    def photo_stream(self):
        """The uploaded file, or None when the host chose none."""
        return self.photo.data or None


class ConfirmForm(AppForm):
    """A POST-only button (delete): only its CSRF token."""
