"""Decimal arithmetic of orders, the VAT breakdown of receipts, readable order numbers."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from pmvt.orders.models import DeliveryRound, OrderSequence
from pmvt.orders.pricing import line_total, to_cents, vat_breakdown
from pmvt.orders.receipts import latin1, receipt_pdf
from pmvt.orders.services.checkout import delivery_dates, round_next_date
from pmvt.orders.services.numbering import next_order_number, prefix_candidates
from pmvt.orders.tests.factories import collect

D = Decimal


def test_rounds_half_up_to_the_cent():
    assert to_cents(D("0.005")) == D("0.01")
    assert to_cents(D("2.345")) == D("2.35")
    assert line_total(unit_price=D("1.15"), quantity=3) == D("3.45")
    assert line_total(unit_price=D("0.333"), quantity=3) == D("1.00")


def test_vat_breakdown_per_rate_from_prices_including_tax():
    rows = vat_breakdown([(D("5.50"), D("3.45")), (D("20.00"), D("9.98"))])

    assert [(r.rate, r.total_incl_tax, r.total_excl_tax, r.vat) for r in rows] == [
        (D("20.00"), D("9.98"), D("8.32"), D("1.66")),
        (D("5.50"), D("3.45"), D("3.27"), D("0.18")),
    ]


def test_vat_breakdown_adds_lines_of_the_same_rate_before_rounding():
    rows = vat_breakdown([(D("5.50"), D("1.15"))] * 3)

    assert [(r.total_incl_tax, r.total_excl_tax, r.vat) for r in rows] == [
        (D("3.45"), D("3.27"), D("0.18"))
    ]


def test_a_delivery_fee_is_shared_among_rates_and_adds_up_exactly():
    rows = vat_breakdown(
        [(D("5.50"), D("10.00")), (D("20.00"), D("20.00"))], extra_incl_tax=D("4.00")
    )

    assert [(r.rate, r.total_incl_tax) for r in rows] == [
        (D("20.00"), D("22.67")),
        (D("5.50"), D("11.33")),
    ]
    assert sum(r.total_incl_tax for r in rows) == D("34.00")
    assert all(r.total_excl_tax + r.vat == r.total_incl_tax for r in rows)


def test_latin1_spells_the_euro_sign_for_the_pdf_core_font():
    assert latin1("12,50\u00a0€ – «\u00a0Œufs\u00a0»") == "12,50\u00a0EUR - «\u00a0OEufs\u00a0»"


def test_the_pdf_receipt_renders_french_text(buyer, golden, slot, fill_cart, place):
    order = place(fill_cart(buyer, (golden, 2)), buyer, {slot.actor_id: collect(slot)})[0]

    pdf = receipt_pdf(order, site_url="https://apt.example.fr/")

    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 1000


# --- Dates -----------------------------------------------------------------------------------


def test_delivery_dates_are_the_sellers_days_in_the_next_two_weeks():
    monday = date(2026, 11, 30)

    days = delivery_dates(weekdays=[1, 4], today=monday)

    assert days == [
        date(2026, 12, 1),
        date(2026, 12, 4),
        date(2026, 12, 8),
        date(2026, 12, 11),
    ]


def test_a_round_runs_next_on_its_weekday_tomorrow_at_the_earliest():
    tuesday_round = DeliveryRound(weekday=1)

    assert round_next_date(delivery_round=tuesday_round, today=date(2026, 11, 30)) == date(
        2026, 12, 1
    )
    assert round_next_date(delivery_round=tuesday_round, today=date(2026, 12, 1)) == date(
        2026, 12, 8
    )


# --- Order numbers -----------------------------------------------------------------------------


def test_prefix_comes_from_the_main_commune(territory, other_territory):
    assert prefix_candidates(territory)[0] == "APT"
    assert prefix_candidates(other_territory)[0] == "CER"


def test_numbers_count_per_territory_and_restart_each_year(territory, other_territory):
    year = timezone.localdate().year

    assert next_order_number(territory) == f"APT-{year}-000001"
    assert next_order_number(territory) == f"APT-{year}-000002"
    assert next_order_number(other_territory) == f"CER-{year}-000001"

    OrderSequence.objects.filter(territory=territory).update(year=year - 1, last_value=41)
    assert next_order_number(territory) == f"APT-{year}-000001"


def test_two_territories_never_share_a_prefix(territory, other_territory):
    year = timezone.localdate().year
    OrderSequence.objects.create(territory=other_territory, prefix="APT", year=year)

    assert next_order_number(territory) == f"APT2-{year}-000001"
