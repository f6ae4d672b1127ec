"""CSV cells a spreadsheet will not run as formulas, and the way back for our importer.

A cell that a spreadsheet would read as a formula (it starts with =, @, a tab or a carriage
return, or with + or - followed by more than a plain number) is written with a leading
apostrophe. Phone numbers such as +84 24 3874 0210 stay as they are. `unescape_cell` undoes
`escape_cell` exactly, so an export imported again gives back the same text.
"""

import csv
import io
import re

#: A signed number or phone number: digits with spaces, dots, slashes, dashes, brackets.
_PLAIN_NUMBER = re.compile(r"[+-][\d\s().\-/]*\d[\d\s().\-/]*")


def is_formula(text: str) -> bool:
    """Would a spreadsheet run this cell (leading apostrophes aside) as a formula?"""
    body = text.lstrip("'")
    if body[:1] in ("\t", "\r"):
        return True
    body = body.lstrip(" ")
    if body[:1] in ("=", "@"):
        return True
    return body[:1] in ("+", "-") and not _PLAIN_NUMBER.fullmatch(body)


def escape_cell(value) -> str:
    """The cell text, with a leading apostrophe when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return "'" + text if is_formula(text) else text


def unescape_cell(text: str) -> str:
    """The text `escape_cell` was given: drop the apostrophe it added, and only that one."""
    return text[1:] if text.startswith("'") and is_formula(text[1:]) else text


def safe_csv(header: list[str], rows) -> str:
    """CSV text whose cells a spreadsheet will not run as formulas."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([escape_cell(value) for value in row] for row in rows)
    return out.getvalue()
