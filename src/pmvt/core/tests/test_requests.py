"""Ids read from URLs and forms: digits only, never an error."""

import pytest

from pmvt.core.requests import id_param


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        ("007", 7),
        ("9" * 18, int("9" * 18)),
        ("9" * 19, None),
        ("²", None),  # str.isdigit() says yes, int() says no.
        ("٣", None),  # Another script's digit: not what a link of ours sends.
        ("-1", None),
        (" 12", None),
        ("1e3", None),
        ("", None),
        (None, None),
    ],
)
def test_id_param_takes_plain_ascii_digits_only(value, expected):
    assert id_param(value) == expected
