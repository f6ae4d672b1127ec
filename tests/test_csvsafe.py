"""Formula-safe CSV cells (plain Python): spreadsheets do not run them, phones stay readable,
and the importer gets back exactly the text that was exported."""

import pytest

from app.csvsafe import escape_cell, unescape_cell

TRICKY = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(A1)", "-2+3", "@cmd", "\t=1",
          "\r=1", " =1", "'=1", "''=1", "'", "''", "", "plain", "+84 24 3874 0210",
          "-12.5", "+44 (20) 7946-0000", "+", "-", "'+84 24", "Hà Nội = đẹp"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        (" =1", "' =1"),
        ("'=1", "''=1"),
        ("+84 24 3874 0210", "+84 24 3874 0210"),
        ("+44 (20) 7946-0000", "+44 (20) 7946-0000"),
        ("-12.5", "-12.5"),
        ("Bát Tràng", "Bát Tràng"),
    ],
)
def test_formula_cells_get_an_apostrophe_and_phones_do_not(text, written):
    assert escape_cell(text) == written


@pytest.mark.parametrize("text", TRICKY)
def test_unescape_gives_back_exactly_what_was_escaped(text):
    assert unescape_cell(escape_cell(text)) == text
