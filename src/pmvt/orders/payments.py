"""Online card payment: the interface a payment provider plugs into, and nothing more.

PM-VT takes no card payment itself and ships no provider: buyers pay each seller on pickup or
delivery, or by bank transfer. A territory that wants online payment adds a provider (a
payment service provider's hosted page: the card never reaches PM-VT) by implementing
`PaymentProvider` and registering it; docs/paiement-en-ligne.md explains the contract.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from pmvt.orders.models import Order


@dataclass(frozen=True)
class PaymentReturn:
    """What the provider reports when the buyer comes back (or its server notifies us)."""

    order_number: str
    paid: bool
    reference: str  # The provider's transaction reference, kept for reconciliation.
    message: str = ""


class PaymentProvider(Protocol):
    """A payment service provider with a hosted payment page."""

    #: Stable identifier, stored with the payment: "payzen", "stripe"…
    code: str
    #: What the buyer reads on the checkout page: "Carte bancaire (paiement sécurisé)".
    label: str

    def start(self, order: Order, *, return_url: str) -> str:
        """Create the payment of `order.total` and return the URL of the hosted page.

        Must be idempotent per order: starting twice reuses the provider's pending payment.
        """
        ...

    def handle_return(self, params: Mapping[str, str], *, body: bytes = b"") -> PaymentReturn:
        """Check the signature of the provider's return or notification, then decode it.

        Raises ApplicationError when the signature is wrong: nothing is marked as paid.
        """
        ...


_registry: dict[str, PaymentProvider] = {}


def register_provider(provider: PaymentProvider) -> None:
    if provider.code in _registry:
        raise ValueError(f"A payment provider is already registered as {provider.code!r}.")
    _registry[provider.code] = provider


def unregister_provider(code: str) -> None:
    _registry.pop(code, None)


def get_provider(code: str) -> PaymentProvider | None:
    return _registry.get(code)


def available_providers() -> list[PaymentProvider]:
    """The registered providers, in registration order (none in a standard installation)."""
    return list(_registry.values())
