"""Which drawn placeholder stands in for a missing photo: one SVG per craft family, kept in
app/static/img/crafts/ (plain Python)."""

#: craft slug (crafts.craft_slug of the data file's craft names) -> drawing
CRAFT_FAMILIES = {
    "ceramics": "ceramics",
    "silk-weaving": "textiles",
    "embroidery": "textiles",
    "textiles": "textiles",
    "leather-footwear": "textiles",
    "lacquer": "lacquer",
    "mother-of-pearl-inlay": "lacquer",
    "gilding": "lacquer",
    "rattan-bamboo": "bamboo",
    "fans": "bamboo",
    "conical-hats": "hats",
    "woodwork": "wood",
    "musical-instruments": "wood",
    "folk-toys": "wood",
    "puppetry": "wood",
    "horn-craft": "wood",
    "metalwork": "metal",
    "metalwork-bronze": "metal",
    "jewellery": "metal",
    "food": "food",
    "herbal-medicine": "food",
    "incense": "incense",
    "paper": "paper",
    "photography": "paper",
    "horticulture": "flowers",
    "stone-carving": "stone",
}
DEFAULT = "village"


def placeholder_file(craft_slug: str | None) -> str:
    """The static file (under img/crafts/) drawn for a craft; a village gate for any other."""
    return f"img/crafts/{CRAFT_FAMILIES.get(craft_slug or '', DEFAULT)}.svg"
