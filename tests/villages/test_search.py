"""Folding Vietnamese text so search ignores diacritics and case (plain Python)."""

import pytest

from app.villages.search import fold, query_terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Bát Tràng", "bat trang"),
        ("BÁT TRÀNG", "bat trang"),
        ("bat trang", "bat trang"),
        ("Làng lụa Vạn Phúc", "lang lua van phuc"),
        ("Đa Sỹ", "da sy"),
        ("  Quất   Động ", "quat dong"),
        ("Ước Lễ", "uoc le"),
    ],
)
def test_fold_removes_diacritics_case_and_extra_spaces(text, folded):
    assert fold(text) == folded


def test_query_terms_splits_folded_words_and_caps_their_number():
    assert query_terms("Bát  TRÀNG") == ["bat", "trang"]
    assert len(query_terms("a " * 50)) == 8
