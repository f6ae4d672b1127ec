"""Honest travel to approximate points (plain Python).

Most village points are the centre of a commune, up to about 5 km from the village. A plan that
drove straight to that centre would arrive on time at the wrong place; so every leg that ends at
an approximate point gets a buffer (finding the village, asking the way), and the plan says so.
"""


def with_buffer(
    minutes: list[list[float]], approximate: list[bool], buffer: float
) -> list[list[float]]:
    """`minutes` with `buffer` added to every leg that ends at an approximate point (not the
    zero leg from a place to itself)."""
    return [
        [value + buffer if approximate[j] and i != j else value for j, value in enumerate(row)]
        for i, row in enumerate(minutes)
    ]
