"""The writes of the investments area: calls through their states, documents, news, pledges."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from pmvt.accounts.personal_data import HANDLERS
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.investments.errors import InvestmentFieldError
from pmvt.investments.models import (
    CallDocument,
    CallKind,
    CallStatus,
    Instrument,
    InvestmentCall,
    Pledge,
)
from pmvt.investments.selectors import totals_of
from pmvt.investments.services.calls import (
    call_close,
    call_document_add,
    call_document_remove,
    call_news_add,
    call_publish,
    call_reject,
    call_submit,
    call_update,
    calls_close_expired,
)
from pmvt.investments.services.pledges import pledge_set, pledge_withdraw
from pmvt.investments.tests.conftest import days, owner_of, pdf_upload
from pmvt.notifications.models import Notification

pytestmark = pytest.mark.django_db


def snapshot(call: InvestmentCall):
    return InvestmentCall.objects.filter(pk=call.pk).values().get()


# --- calls ------------------------------------------------------------------------------------


def test_a_call_goes_from_draft_to_published_and_the_admin_and_holder_are_told(
    make_call, bakery, admin
):
    call = make_call(bakery, status="draft")
    assert call.status == CallStatus.DRAFT
    assert call.slug == "reprise-de-lepicerie-du-village"
    assert call.commune == bakery.commune  # The actor's commune by default.

    call_submit(call=call, by=owner_of(bakery))
    assert Notification.objects.filter(user=admin, kind="investment_call_review").count() == 1

    call_publish(call=call, by=admin)
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    assert call.published_at is not None
    assert Notification.objects.filter(
        user=owner_of(bakery), kind="investment_call_status"
    ).exists()


def test_rejecting_needs_a_reason_and_lets_the_holder_correct_and_resubmit(
    make_call, bakery, admin
):
    call = make_call(bakery, status="submitted")
    before = snapshot(call)
    with pytest.raises(InvestmentFieldError):
        call_reject(call=call, by=admin, reason="  ")
    assert snapshot(call) == before

    call_reject(call=call, by=admin, reason="Joignez le bail commercial.")
    call.refresh_from_db()
    assert call.status == CallStatus.REJECTED
    assert call.rejection_reason == "Joignez le bail commercial."

    call_update(call=call, by=owner_of(bakery), summary="Avec le bail signé.")
    call_submit(call=call, by=owner_of(bakery))
    call.refresh_from_db()
    assert (call.status, call.rejection_reason, call.summary) == (
        CallStatus.SUBMITTED,
        "",
        "Avec le bail signé.",
    )


def test_transitions_out_of_order_are_refused(make_call, bakery, admin):
    call = make_call(bakery)  # Published.
    with pytest.raises(ApplicationError):
        call_publish(call=call, by=admin)
    with pytest.raises(ApplicationError):
        call_submit(call=call, by=owner_of(bakery))
    with pytest.raises(ApplicationError):
        call_update(call=call, by=owner_of(bakery), title="Autre titre")
    with pytest.raises(ApplicationError):
        call_reject(call=call, by=admin, reason="Trop tard.")
    draft = make_call(bakery, status="draft", title="Brouillon")
    with pytest.raises(ApplicationError):
        call_close(call=draft, by=owner_of(bakery))


def test_only_the_territorys_admins_publish(make_call, bakery, other_admin, member):
    call = make_call(bakery, status="submitted")
    for user in (owner_of(bakery), other_admin, member):
        with pytest.raises(PermissionDeniedError):
            call_publish(call=call, by=user)
    call.refresh_from_db()
    assert call.status == CallStatus.SUBMITTED


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"amount_sought": Decimal("0")}, "amount_sought"),
        ({"amount_sought": Decimal("-10")}, "amount_sought"),
        ({"amount_sought": Decimal("10.001")}, "amount_sought"),
        ({"instruments": []}, "instruments"),
        ({"instruments": ["bitcoin"]}, "instruments"),
        ({"risks": "   "}, "risks"),
        ({"title": ""}, "title"),
        ({"kind": "casino"}, "kind"),
        ({"minimum_pledge": Decimal("20000")}, "minimum_pledge"),
        ({"minimum_pledge": Decimal("-1")}, "minimum_pledge"),
        ({"opens_on": days(10), "closes_on": days(5)}, "closes_on"),
        ({"contact_email": "pas-un-courriel"}, "contact_email"),
    ],
)
def test_bad_call_input_creates_nothing(make_call, bakery, values, field):
    with pytest.raises(InvestmentFieldError) as raised:
        make_call(bakery, status="draft", **values)
    assert raised.value.field == field
    assert InvestmentCall.objects.count() == 0


def test_a_commune_of_another_territory_is_refused(make_call, bakery, other_territory):
    from pmvt.territories.models import Commune

    with pytest.raises(InvestmentFieldError):
        make_call(
            bakery, status="draft", commune=Commune.objects.filter(territory=other_territory)[0]
        )


def test_an_actor_of_another_territory_cannot_hold_a_call_here(
    make_call, make_actor, other_territory
):
    foreign = make_actor("Boucherie de Thann", in_territory=other_territory)
    with pytest.raises(ApplicationError):
        make_call(foreign, status="draft")
    assert InvestmentCall.objects.count() == 0


def test_a_pending_actor_cannot_present_a_call(make_call, make_actor):
    pending = make_actor("Ferme en attente", verified=False)
    with pytest.raises(PermissionDeniedError):
        make_call(pending, status="draft")


def test_closing_tells_every_pledger_and_stops_pledges(
    make_call, bakery, member, make_pledge, make_member, territory
):
    call = make_call(bakery)
    make_pledge(call, member)
    late = make_member(territory)

    call_close(call=call, by=owner_of(bakery))

    call.refresh_from_db()
    assert call.status == CallStatus.CLOSED
    assert Notification.objects.filter(user=member, kind="investment_call_news").count() == 1
    with pytest.raises(ApplicationError):
        pledge_set(
            call=call,
            user=late,
            amount=Decimal("50"),
            instrument=Instrument.LOAN,
            consent_contact=True,
        )
    assert Pledge.objects.filter(call=call).count() == 1


def test_closing_expired_calls_is_idempotent(make_call, bakery, member, make_pledge, admin):
    open_call = make_call(bakery, closes_on=days(3))
    make_pledge(open_call, member)
    expired = make_call(None, title="Ferme des Agnels", closes_on=days(3))

    assert calls_close_expired(today=days(2)) == 0
    assert calls_close_expired(today=days(4)) == 2
    call_command("investments_close_expired", "--day", days(5).isoformat())
    assert calls_close_expired(today=days(5)) == 0

    expired.refresh_from_db()
    assert expired.status == CallStatus.CLOSED
    assert Notification.objects.filter(user=member, kind="investment_call_news").count() == 1


def test_news_is_posted_on_public_calls_and_tells_pledgers(make_call, bakery, member, make_pledge):
    call = make_call(bakery)
    make_pledge(call, member)

    call_news_add(
        call=call, by=owner_of(bakery), title="Le bail est signé", body="Ouverture en mai."
    )

    note = Notification.objects.get(user=member, kind="investment_call_news")
    assert "Le bail est signé" in note.title
    draft = make_call(bakery, status="draft", title="Brouillon")
    with pytest.raises(ApplicationError):
        call_news_add(call=draft, by=owner_of(bakery), title="Trop tôt", body="…")


# --- documents --------------------------------------------------------------------------------


def test_a_pdf_is_attached_and_removed(make_call, bakery):
    call = make_call(bakery, status="draft")
    document = call_document_add(
        call=call, by=owner_of(bakery), title="Plan d'affaires", upload=pdf_upload()
    )

    assert document.file.name.endswith(".pdf")
    assert document.file_size == len(pdf_upload().read())
    call_document_remove(document=document, by=owner_of(bakery))
    assert CallDocument.objects.count() == 0


@pytest.mark.parametrize(
    "content",
    [b"", b"MZ\x90\x00 not a pdf", b"<html>%PDF-</html>", b"PK\x03\x04zipfile"],
)
def test_a_document_that_is_not_a_pdf_is_refused(make_call, bakery, content):
    call = make_call(bakery, status="draft")
    with pytest.raises(InvestmentFieldError) as raised:
        call_document_add(
            call=call,
            by=owner_of(bakery),
            title="Statuts",
            upload=pdf_upload("statuts.pdf", content),
        )
    assert raised.value.field == "file"
    assert CallDocument.objects.count() == 0


def test_a_document_over_10_mb_is_refused(make_call, bakery):
    call = make_call(bakery, status="draft")
    big = pdf_upload("gros.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(InvestmentFieldError):
        call_document_add(call=call, by=owner_of(bakery), title="Gros", upload=big)
    assert CallDocument.objects.count() == 0


def test_another_actor_cannot_attach_documents(make_call, bakery, make_actor):
    call = make_call(bakery, status="draft")
    other = make_actor("Fromagerie")
    with pytest.raises(PermissionDeniedError):
        call_document_add(call=call, by=owner_of(other), title="Faux", upload=pdf_upload())


# --- pledges ----------------------------------------------------------------------------------


def test_a_pledge_is_recorded_changed_and_withdrawn_and_totals_follow(
    make_call, bakery, member, make_member, territory, make_pledge
):
    call = make_call(bakery, amount_sought=Decimal("1000.00"))
    other = make_member(territory)

    make_pledge(call, member, "100.10")
    make_pledge(call, other, "200.20", instrument=Instrument.DONATION)
    totals = totals_of(call)
    assert (totals.pledged, totals.pledgers, totals.percent) == (Decimal("300.30"), 2, 30)
    assert Notification.objects.filter(user=owner_of(bakery), kind="investment_pledge").count() == 2

    make_pledge(call, member, "150.00")  # Changed, not doubled.
    totals = totals_of(call)
    assert (totals.pledged, totals.pledgers) == (Decimal("350.20"), 2)
    assert Notification.objects.filter(user=owner_of(bakery), kind="investment_pledge").count() == 2

    pledge_withdraw(call=call, user=other)
    totals = totals_of(call)
    assert (totals.pledged, totals.pledgers) == (Decimal("150.00"), 1)


def test_the_bar_stops_at_full_but_the_percentage_says_more(make_call, bakery, member, make_pledge):
    call = make_call(bakery, amount_sought=Decimal("100.00"))
    make_pledge(call, member, "100.00")
    totals = totals_of(call)
    assert (totals.percent, totals.bar) == (100, 100)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"amount": Decimal("10")}, "amount"),  # Below the minimum of 50 €.
        ({"amount": Decimal("-100")}, "amount"),
        ({"amount": Decimal("0")}, "amount"),
        ({"amount": Decimal("60.005")}, "amount"),
        ({"amount": Decimal("10000.01")}, "amount"),  # Above the amount sought.
        ({"instrument": Instrument.SHARES}, "instrument"),  # Not accepted by this call.
        ({"instrument": "bitcoin"}, "instrument"),
        ({"consent_contact": False}, "consent_contact"),
        ({"message": "x" * 2001}, "message"),
    ],
)
def test_bad_pledge_input_records_nothing(make_call, bakery, member, values, field):
    call = make_call(bakery, minimum_pledge=Decimal("50.00"))
    arguments = {
        "amount": Decimal("100"),
        "instrument": Instrument.LOAN,
        "consent_contact": True,
        "message": "",
        **values,
    }
    with pytest.raises(InvestmentFieldError) as raised:
        pledge_set(call=call, user=member, **arguments)
    assert raised.value.field == field
    assert Pledge.objects.count() == 0
    assert Notification.objects.filter(kind="investment_pledge").count() == 0


def test_a_sane_maximum_caps_pledges_on_big_calls(make_call, bakery, member):
    call = make_call(bakery, amount_sought=Decimal("5000000.00"))
    with pytest.raises(InvestmentFieldError):
        pledge_set(
            call=call,
            user=member,
            amount=Decimal("100000.01"),
            instrument=Instrument.LOAN,
            consent_contact=True,
        )
    pledge_set(
        call=call,
        user=member,
        amount=Decimal("100000.00"),
        instrument=Instrument.LOAN,
        consent_contact=True,
    )


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_no_pledge_before_publication(make_call, bakery, member, status):
    call = make_call(bakery, status=status)
    with pytest.raises(ApplicationError):
        pledge_set(
            call=call,
            user=member,
            amount=Decimal("100"),
            instrument=Instrument.LOAN,
            consent_contact=True,
        )
    assert Pledge.objects.count() == 0


def test_no_pledge_before_opening_or_after_the_closing_date(make_call, bakery, member, make_pledge):
    upcoming = make_call(bakery, opens_on=days(2), closes_on=days(9))
    past = make_call(bakery, title="Passé", opens_on=days(-9), closes_on=days(0))
    make_pledge(past, member)  # The closing day itself is open.
    InvestmentCall.objects.filter(pk=past.pk).update(closes_on=days(-1))
    past.refresh_from_db()

    for call in (upcoming, past):
        with pytest.raises(ApplicationError):
            pledge_set(
                call=call,
                user=member,
                amount=Decimal("100"),
                instrument=Instrument.LOAN,
                consent_contact=True,
            )
    with pytest.raises(ApplicationError):
        pledge_withdraw(call=past, user=member)
    assert Pledge.objects.filter(call=past).count() == 1


def test_a_member_of_another_territory_cannot_pledge(make_call, bakery, other_admin):
    call = make_call(bakery)
    with pytest.raises(PermissionDeniedError):
        pledge_set(
            call=call,
            user=other_admin,
            amount=Decimal("100"),
            instrument=Instrument.LOAN,
            consent_contact=True,
        )


def test_withdrawing_without_a_pledge_says_so(make_call, bakery, member):
    call = make_call(bakery)
    with pytest.raises(ApplicationError):
        pledge_withdraw(call=call, user=member)


# --- personal data ----------------------------------------------------------------------------


def test_personal_data_exports_and_erases_pledges_and_totals_drop(
    make_call, bakery, member, make_member, territory, make_pledge
):
    call = make_call(bakery)
    make_pledge(call, member, "120.00", message="Bon courage")
    other = make_member(territory)
    make_pledge(call, other, "30.00")
    handler = HANDLERS["investments"]

    exported = handler.export(member)
    assert [(p["call"], p["amount"], p["message"]) for p in exported["pledges"]] == [
        ("Reprise de l'épicerie du village", "120.00", "Bon courage")
    ]
    handler.erase(member)

    assert not Pledge.objects.filter(user=member).exists()
    assert totals_of(call).pledged == Decimal("30.00")
    assert handler.export(member) == {"pledges": []}


def test_the_search_finds_open_calls_by_folded_stemmed_words(make_call, bakery, territory):
    from pmvt.catalog.kinds import offer_kind

    make_call(bakery, title="Reprise de l'Épicerie", kind=CallKind.SHOP)
    make_call(
        None,
        title="Toit solaire citoyen",
        kind=CallKind.ENERGY,
        summary="Des panneaux sur le gymnase.",
    )
    make_call(bakery, title="Épicerie brouillon", status="draft")
    kind = offer_kind("investments")
    assert kind is not None
    search = kind.search

    assert search(territory, "", 10, 0).count == 2
    found = search(territory, "epiceries", 10, 0)
    assert [hit.title for hit in found.hits] == ["Reprise de l'Épicerie"]
    assert found.hits[0].url == "/t/pays-dapt-luberon/marche/investissement/reprise-de-lepicerie/"
    assert search(territory, "solaire boulangerie", 10, 0).count == 0
    assert [h.title for h in search(territory, "", 1, 1).hits] == ["Toit solaire citoyen"]
