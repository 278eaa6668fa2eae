"""WCAG 2.1 contrast ratios, used to keep a territory's colours readable."""

import pytest
from django.core.exceptions import ValidationError

from pmvt.core.colors import contrast_ratio, relative_luminance, validate_contrasting_color


def test_black_on_white_has_the_maximum_ratio_of_21():
    assert contrast_ratio("#000000", "#ffffff") == 21.0


def test_same_colour_has_ratio_1():
    assert contrast_ratio("#1d4e89", "#1d4e89") == 1.0


def test_grey_767676_on_white_is_just_above_4_5():
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54


def test_grey_777777_on_white_is_just_below_4_5():
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48


def test_ratio_does_not_depend_on_the_order_or_the_case():
    assert contrast_ratio("#FFFFFF", "#767676") == contrast_ratio("#767676", "#ffffff")


def test_relative_luminance_of_white_black_and_pure_green():
    assert relative_luminance("#ffffff") == 1.0
    assert relative_luminance("#000000") == 0.0
    assert relative_luminance("#00ff00") == 0.7152


def test_accepts_the_default_territory_colours():
    assert round(contrast_ratio("#1d4e89", "#ffffff"), 2) == 8.39
    assert round(contrast_ratio("#7a3b00", "#ffffff"), 2) == 8.56
    validate_contrasting_color("#1d4e89")
    validate_contrasting_color("#7a3b00")
    validate_contrasting_color("#767676")


def test_rejects_yellow_with_a_french_message_giving_the_ratio():
    with pytest.raises(ValidationError) as error:
        validate_contrasting_color("#ffff00")

    assert error.value.messages == [
        "Cette couleur n'est pas assez contrastée sur fond blanc (1,07:1\u00a0; 4,5:1 minimum)."
    ]


def test_rejects_777777_just_below_the_threshold():
    with pytest.raises(ValidationError) as error:
        validate_contrasting_color("#777777")

    assert error.value.messages == [
        "Cette couleur n'est pas assez contrastée sur fond blanc (4,48:1\u00a0; 4,5:1 minimum)."
    ]


def test_leaves_malformed_values_to_the_format_validator():
    validate_contrasting_color("#12")
    validate_contrasting_color("bleu")
