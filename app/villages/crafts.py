"""The craft vocabulary of the data set, with Vietnamese names (plain Python)."""

from slugify import slugify

#: English craft name (as in the CSV, bracket dropped) -> Vietnamese name.
CRAFT_NAMES_VI = {
    "ceramics": "Gốm sứ",
    "silk/weaving": "Lụa, dệt",
    "embroidery": "Thêu ren",
    "lacquer": "Sơn mài",
    "rattan & bamboo": "Mây tre đan",
    "woodwork": "Mộc, điêu khắc gỗ",
    "conical hats": "Nón lá",
    "fans": "Quạt",
    "mother-of-pearl inlay": "Khảm trai",
    "metalwork": "Rèn, kim khí",
    "metalwork/bronze": "Đúc đồng",
    "gilding": "Dát vàng, bạc quỳ",
    "jewellery": "Kim hoàn",
    "horn craft": "Sừng mỹ nghệ",
    "incense": "Hương",
    "paper": "Giấy dó",
    "food": "Ẩm thực",
    "textiles": "Dệt, may",
    "folk toys": "Đồ chơi dân gian",
    "horticulture": "Hoa, cây cảnh",
    "herbal medicine": "Thuốc nam",
    "leather & footwear": "Da giày",
    "stone carving": "Chạm khắc đá",
    "musical instruments": "Nhạc cụ",
    "photography": "Nhiếp ảnh",
    "puppetry": "Rối nước",
}


def craft_slug(name: str) -> str:
    """`silk/weaving` -> `silk-weaving`: the key used in URLs and filters."""
    return slugify(name)


def craft_name_vi(name: str) -> str:
    """The Vietnamese name of a craft, or the English one when we have none."""
    return CRAFT_NAMES_VI.get(name, name)
