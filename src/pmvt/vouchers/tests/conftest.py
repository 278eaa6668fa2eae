"""Factories of the vouchers' tests. Data goes through the services, as on the site."""

import itertools
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Sum
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind, StaffRole
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.actors.services.staff import actor_staff_add
from pmvt.territories.models import Commune, Territory
from pmvt.vouchers.models import (
    Campaign,
    CampaignKind,
    LedgerEntry,
    LedgerTransaction,
    Participation,
    Voucher,
)
from pmvt.vouchers.services.campaigns import (
    campaign_create,
    campaign_open,
    participation_approve,
    participation_request,
)
from pmvt.vouchers.services.issuing import PaymentMethod, voucher_purchase_record

TERRITORY = "/t/pays-dapt-luberon"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


def key() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def make_campaign(territory, admin) -> Callable[..., Campaign]:
    """An open "payez 20 €, recevez 30 €" campaign (unless told)."""

    def make(name: str = "Payez 20, recevez 30", *, open_it: bool = True, **values: Any):
        where: Territory = values.pop("in_territory", territory)
        by: User = values.pop("by", admin)
        defaults: dict[str, Any] = {
            "kind": CampaignKind.PURCHASE_BONUS,
            "price": Decimal("20.00"),
            "face_value": Decimal("30.00"),
            "budget": Decimal("100.00"),
            "per_person_cap": Decimal("90.00"),
            "issue_starts": days(-10),
            "issue_ends": days(30),
            "spend_deadline": days(60),
            "where_to_buy": "À l'office de tourisme d'Apt.",
        }
        campaign = campaign_create(territory=where, by=by, name=name, **{**defaults, **values})
        if open_it:
            campaign_open(campaign=campaign, by=by)
        return Campaign.objects.select_related("territory").get(pk=campaign.pk)

    return make


@pytest.fixture
def campaign(make_campaign) -> Campaign:
    return make_campaign()


@pytest.fixture
def make_actor(territory, operator) -> Callable[..., Actor]:
    def make(
        name: str = "Boulangerie des Ocres",
        *,
        owner: User | None = None,
        verified: bool = True,
        in_territory: Territory | None = None,
    ) -> Actor:
        where = in_territory or territory
        number = next(_numbers)
        if owner is None:
            owner = User.objects.create_user(f"owner-{number}@bons.test", "pass-Luberon-84")
        actor = actor_register(
            territory=where,
            by=owner,
            kind=ActorKind.BUSINESS,
            legal_name=name,
            commune=Commune.objects.filter(territory=where).order_by("pk")[0],
            address="1 place de la Bouquerie",
            siret=fictitious_siret(700 + number),
            naf_code="10.71C",
            notify_admins=False,
        )
        if verified:
            actor_verify(actor=actor, by=operator)
        return Actor.objects.select_related("territory", "commune").get(pk=actor.pk)

    return make


def owner_of(actor: Actor) -> User:
    return actor.staff.get(role=StaffRole.OWNER).user


def add_staff(actor: Actor, user: User, role: str = StaffRole.STAFF) -> None:
    actor_staff_add(actor=actor, user=user, role=role, by=owner_of(actor))


@pytest.fixture
def join(admin) -> Callable[[Campaign, Actor], Participation]:
    """The actor takes part in the campaign, approved by the territory's admin."""

    def make(campaign: Campaign, actor: Actor) -> Participation:
        participation = participation_request(campaign=campaign, actor=actor, by=owner_of(actor))
        return participation_approve(participation=participation, by=admin)

    return make


@pytest.fixture
def shop(make_actor, campaign, join) -> Actor:
    """A verified actor taking part in `campaign`."""
    actor = make_actor()
    join(campaign, actor)
    return actor


@pytest.fixture
def buy(admin) -> Callable[..., Voucher]:
    def make(campaign: Campaign, holder: User, units: int = 1) -> Voucher:
        voucher = voucher_purchase_record(
            campaign=campaign,
            holder=holder,
            units=units,
            payment_method=PaymentMethod.COUNTER,
            by=admin,
            idempotency_key=key(),
        )
        return Voucher.objects.select_related("campaign", "territory", "account").get(pk=voucher.pk)

    return make


@pytest.fixture
def voucher(buy, campaign, member) -> Voucher:
    return buy(campaign, member)


def balance(voucher: Voucher) -> Decimal:
    last = LedgerEntry.objects.filter(account__voucher=voucher).order_by("-pk").first()
    return last.balance_after if last else Decimal("0.00")


def ledger_snapshot() -> tuple[int, int]:
    return LedgerTransaction.objects.count(), LedgerEntry.objects.count()


def assert_ledger_sound() -> None:
    """Every transaction balances, the ledger sums to zero, no balance is negative."""
    unbalanced = (
        LedgerTransaction.objects.annotate(total=Sum("entries__amount")).exclude(total=0).count()
    )
    assert unbalanced == 0
    assert (LedgerEntry.objects.aggregate(t=Sum("amount"))["t"] or 0) == 0
    assert not LedgerEntry.objects.filter(balance_after__lt=0).exists()
