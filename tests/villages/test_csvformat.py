"""Reading and writing the villages CSV format (plain Python)."""

import pytest

from app.errors import Invalid
from app.villages.csvformat import (
    COLUMNS,
    craft_names,
    parse_villages_csv,
    write_villages_csv,
)

HEADER = ",".join(COLUMNS)
GOOD = (
    "bat-trang,Làng gốm Bát Tràng,Bat Trang,ceramics,Gia Lâm,Bát Tràng,20.983,105.917,"
    "bowls; vases,Pottery.,wiki,village"
)
NO_POINT = "y-la,Làng Y La,Y La,silk/weaving,Hà Đông,Dương Nội,,,fabric,Weaving.,none,"


def test_parses_rows_with_and_without_a_point():
    rows = parse_villages_csv(f"{HEADER}\n{GOOD}\n{NO_POINT}\n")
    assert [row.slug for row in rows] == ["bat-trang", "y-la"]
    assert (rows[0].lat, rows[0].lon, rows[0].products) == (20.983, 105.917, ("bowls", "vases"))
    assert (rows[1].lat, rows[1].lon, rows[1].coord_precision) == (None, None, "")


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (",Làng,Name,ceramics,D,C,,,,,,", "slug is empty"),
        ("Bad Slug,Làng,Name,ceramics,D,C,,,,,,", "lower-case"),
        ("x,Làng,Name,ceramics,D,C,21.0,,,,,", "both"),
        ("x,Làng,Name,ceramics,D,C,abc,105,,,,village", "not numbers"),
        ("x,Làng,Name,ceramics,D,C,48.85,2.35,,,,village", "outside Vietnam"),
        ("x,Làng,Name,ceramics,D,C,21.0,105.8,,,,street", "coord_precision"),
        ("x,Làng,Name,ceramics,D,C,,,,,,village", "lat/lon are empty"),
        ("x,Làng,,ceramics,D,C,,,,,,", "name_en is empty"),
    ],
)
def test_a_bad_row_is_reported_by_line_number_and_nothing_is_returned(bad_row, message):
    with pytest.raises(Invalid) as caught:
        parse_villages_csv(f"{HEADER}\n{GOOD}\n{bad_row}\n")
    assert list(caught.value.fields) == ["line 3"]
    assert message in caught.value.fields["line 3"]


def test_a_repeated_slug_names_both_lines():
    with pytest.raises(Invalid) as caught:
        parse_villages_csv(f"{HEADER}\n{GOOD}\n{NO_POINT}\n{GOOD}\n")
    assert caught.value.fields == {"line 4": "slug 'bat-trang' repeats line 2"}


def test_line_numbers_count_physical_lines_of_quoted_multiline_fields():
    multiline = GOOD.replace("Pottery.", '"Pottery\nby the river."')
    with pytest.raises(Invalid) as caught:
        parse_villages_csv(f"{HEADER}\n{multiline}\n,,,,,,,,,,,\n")
    assert list(caught.value.fields) == ["line 4"]


def test_a_wrong_header_is_refused():
    with pytest.raises(Invalid) as caught:
        parse_villages_csv("slug,name\nx,y\n")
    assert caught.value.code == "bad_header"


def test_written_rows_read_back_the_same():
    rows = parse_villages_csv(f"{HEADER}\n{GOOD}\n{NO_POINT}\n")
    assert parse_villages_csv(write_villages_csv(rows)) == rows


@pytest.mark.parametrize(
    ("label", "names"),
    [
        ("ceramics", ["ceramics"]),
        ("woodwork (statues, lacquered altar ware)", ["woodwork"]),
        ("woodwork; fans", ["woodwork", "fans"]),
        ("gilding (gold & silver leaf)", ["gilding"]),
    ],
)
def test_craft_names_split_on_semicolons_and_drop_brackets(label, names):
    assert craft_names(label) == names


NEW_COLUMNS = "description_vi,products_vi,recognition,recognition_source"
GOOD_NEW = f"{GOOD},Làng gốm.,bát; lọ,LNTT,https://example.org/decision"


def test_a_first_release_file_without_the_new_columns_still_parses():
    header = ",".join(COLUMNS[:12])
    rows = parse_villages_csv(f"{header}\n{GOOD}\n")
    assert (rows[0].description_vi, rows[0].products_vi, rows[0].recognition) == (None,) * 3


def test_the_new_columns_are_read_and_written_back():
    rows = parse_villages_csv(f"{HEADER}\n{GOOD_NEW}\n")
    assert rows[0].products_vi == ("bát", "lọ")
    assert (rows[0].recognition, rows[0].recognition_source) == (
        "LNTT",
        "https://example.org/decision",
    )
    assert parse_villages_csv(write_villages_csv(rows)) == rows
    assert write_villages_csv(rows).splitlines()[0].endswith(NEW_COLUMNS)


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        (("bát; lọ", "bát"), "products_vi has 1 items but products has 2"),
        (("LNTT", "famous"), "recognition must be empty or one of"),
        (("https://example.org/decision", "javascript:alert(1)"), "web address"),
    ],
)
def test_bad_new_columns_name_the_line_and_the_field(replace, message):
    with pytest.raises(Invalid) as caught:
        parse_villages_csv(f"{HEADER}\n{GOOD_NEW.replace(*replace)}\n")
    assert message in caught.value.fields["line 2"]
