"""What the buyer may pay with territorial vouchers at each seller of the cart (pmvt.vouchers)."""

from decimal import Decimal

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.vouchers.checkout import spendable_balance


def spendable_balances(*, user: User, actors: list[Actor]) -> dict[int, Decimal]:
    """{seller id: balance the buyer may spend there now}, only for sellers where it is > 0."""
    balances = {actor.pk: spendable_balance(user=user, actor=actor) for actor in actors}
    return {actor_id: balance for actor_id, balance in balances.items() if balance > 0}
