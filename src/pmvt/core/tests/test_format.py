from decimal import Decimal

from django.template import Context, Template

from pmvt.core.templatetags.pmvt_format import euros, euros_text, percent, percent_text

NBSP = "\u00a0"
NNBSP = "\u202f"


def test_euros_formats_two_decimals_with_comma_and_no_break_space():
    assert euros(Decimal("12.5")) == f"12,50{NBSP}€"
    assert euros(Decimal("0")) == f"0,00{NBSP}€"
    assert euros(Decimal("3.456")) == f"3,46{NBSP}€"
    assert euros(Decimal("0.005")) == f"0,01{NBSP}€"


def test_euros_separates_thousands_with_narrow_no_break_space():
    assert euros(Decimal("1234.5")) == f"1{NNBSP}234,50{NBSP}€"
    assert euros(Decimal("1234567")) == f"1{NNBSP}234{NNBSP}567,00{NBSP}€"
    assert euros(Decimal("999.99")) == f"999,99{NBSP}€"


def test_euros_accepts_ints_floats_and_numeric_strings():
    assert euros(7) == f"7,00{NBSP}€"
    assert euros("4.2") == f"4,20{NBSP}€"
    assert euros(2.5) == f"2,50{NBSP}€"


def test_euros_keeps_the_sign_of_negative_amounts():
    assert euros(Decimal("-1500.10")) == f"-1{NNBSP}500,10{NBSP}€"


def test_euros_gives_an_empty_string_for_none_and_non_numbers():
    assert euros(None) == ""
    assert euros("") == ""
    assert euros("abc") == ""
    assert euros(Decimal("NaN")) == ""


def test_percent_drops_useless_zeros():
    assert percent(Decimal("5.50")) == f"5,5{NBSP}%"
    assert percent(Decimal("20.00")) == f"20{NBSP}%"
    assert percent(Decimal("2.10")) == f"2,1{NBSP}%"
    assert percent(Decimal("10")) == f"10{NBSP}%"
    assert percent(Decimal("12.345")) == f"12,35{NBSP}%"
    assert percent(None) == ""


def test_python_helpers_match_the_filters():
    assert euros_text(Decimal("12.5")) == euros(Decimal("12.5"))
    assert percent_text(Decimal("5.5")) == percent(Decimal("5.5"))


def test_filters_load_in_templates():
    rendered = Template("{% load pmvt_format %}{{ p|euros }} / {{ r|percent }}").render(
        Context({"p": Decimal("1234.5"), "r": Decimal("5.50")})
    )
    assert rendered == f"1{NNBSP}234,50{NBSP}€ / 5,5{NBSP}%"
