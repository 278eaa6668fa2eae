"""The demo vouchers of the Pays d'Apt-Luberon (pmvt.demo.vouchers.load_vouchers)."""

from decimal import Decimal

import pytest
from django_scopes import scope

from pmvt.demo.actors import load_actors
from pmvt.demo.loader import load_foundation
from pmvt.demo.vouchers import load_vouchers
from pmvt.vouchers.ledger import last_balance
from pmvt.vouchers.models import (
    Campaign,
    CampaignStatus,
    LedgerEntry,
    LedgerTransaction,
    Participation,
    ParticipationStatus,
    Voucher,
)
from pmvt.vouchers.tests.conftest import assert_ledger_sound

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_vouchers(territory)
    return territory


def snapshot():
    return (
        list(Campaign.objects.order_by("pk").values_list("slug", "status")),
        list(Participation.objects.order_by("pk").values_list("actor_id", "status")),
        Voucher.objects.count(),
        LedgerTransaction.objects.count(),
        LedgerEntry.objects.count(),
    )


def test_loads_a_running_campaign_and_a_voucher_already_spent(demo_territory):
    with scope(territory=demo_territory):
        assert set(Campaign.objects.values_list("status", flat=True)) == {CampaignStatus.OPEN}
        assert (
            Participation.objects.filter(status=ParticipationStatus.APPROVED).count() == 8
        )  # 4 actors in each of the two campaigns.
        voucher = Voucher.objects.get(holder__email="habitant@demo.pmvt.fr")
        assert last_balance(voucher.account) == Decimal("39.50")
        assert Voucher.objects.filter(holder__isnull=True).exclude(claim_code="").count() == 10
        assert_ledger_sound()


def test_loading_twice_changes_nothing(demo_territory):
    with scope(territory=demo_territory):
        before = snapshot()
        load_vouchers(demo_territory)
        assert snapshot() == before
