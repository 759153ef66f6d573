"""Text checks: decoding, cleaning, English detection, splitting and dates."""
from __future__ import annotations

import pytest

from dyads.sources.checks import DecodeError, cleaned, decoded, english_ratio, iso_date, language_problem, pieces


def test_decoded_handles_bom_and_rejects_bad_bytes():
    assert decoded("\ufeffhello".encode("utf-8")) == "hello"
    with pytest.raises(DecodeError, match="0xff at offset 2"):
        decoded(b"ab\xffcd")
    with pytest.raises(DecodeError, match="binary"):
        decoded(b"ab\x00cd")


def test_cleaned_unifies_spaces_and_line_ends():
    assert cleaned("  a\u00a0b\u2009c\r\nd\re\u200b\x07  ") == "a b c\nd\ne"


def test_english_ratio_tells_languages_apart():
    english = "The minister said that the government would send aid to the region after the floods in the north."
    spanish = "El ministro dijo que el gobierno enviaría ayuda a la región después de las inundaciones del norte."
    assert english_ratio(english) > 0.3 > english_ratio(spanish)
    assert english_ratio("Too short to tell") is None
    assert language_problem(english, "en-GB") is None
    assert "English" in language_problem(spanish, None)


def test_pieces_cut_at_the_best_break():
    text = "First paragraph. " * 5 + "\n\n" + "Second one here. " * 5
    parts = pieces(text, limit=120)
    assert all(len(p) <= 120 for p in parts) and parts[0].endswith("First paragraph.")
    assert "".join(parts).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert pieces("x" * 250, limit=100) == ["x" * 100, "x" * 100, "x" * 50]


@pytest.mark.parametrize("value,expected", [
    ("2022-10-22", "2022-10-22"), ("2022-10-22T10:00:00+02:00", "2022-10-22"), ("22 October 2022", "2022-10-22"),
    ("2022-13-40", None), ("", None), (None, None), ("not a date", None),
])
def test_iso_date(value, expected):
    assert iso_date(value) == expected
