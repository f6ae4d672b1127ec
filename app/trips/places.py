"""Known start places of the planner: central landmarks and the districts where hotels cluster."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    key: str
    name_vi: str
    name_en: str
    lat: float
    lon: float


#: Points are public landmarks at the heart of each area (rounded to about 100 m).
KNOWN_PLACES: tuple[Place, ...] = (
    Place("hoan-kiem", "Hồ Hoàn Kiếm", "Hoàn Kiếm Lake", 21.0287, 105.8524),
    Place(
        "old-quarter", "Phố cổ (chợ Đồng Xuân)", "Old Quarter (Đồng Xuân market)", 21.0380, 105.8495
    ),
    Place("opera-house", "Nhà hát Lớn", "Opera House / French Quarter", 21.0243, 105.8575),
    Place("west-lake", "Hồ Tây (Tây Hồ)", "West Lake (Tây Hồ)", 21.0583, 105.8194),
    Place("ba-dinh", "Ba Đình (Lăng Bác)", "Ba Đình (Mausoleum)", 21.0368, 105.8346),
    Place("temple-of-literature", "Văn Miếu", "Temple of Literature", 21.0277, 105.8355),
    Place("cau-giay", "Cầu Giấy", "Cầu Giấy district", 21.0311, 105.7937),
    Place("my-dinh", "Mỹ Đình (bến xe)", "Mỹ Đình (bus station)", 21.0284, 105.7781),
    Place("long-bien", "Long Biên", "Long Biên district", 21.0464, 105.8881),
    Place("noi-bai", "Sân bay Nội Bài", "Nội Bài airport", 21.2187, 105.8042),
)

PLACES_BY_KEY = {place.key: place for place in KNOWN_PLACES}
DEFAULT_PLACE = PLACES_BY_KEY["hoan-kiem"]
