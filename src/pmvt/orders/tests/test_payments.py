"""The online payment interface: a registry of providers, empty in a standard installation."""

from collections.abc import Mapping

import pytest

from pmvt.orders.models import Order
from pmvt.orders.payments import (
    PaymentReturn,
    available_providers,
    get_provider,
    register_provider,
    unregister_provider,
)


class HostedPage:
    code = "essai"
    label = "Carte bancaire (paiement sécurisé)"

    def start(self, order: Order, *, return_url: str) -> str:
        return f"https://paiement.example/{order.number}?retour={return_url}"

    def handle_return(self, params: Mapping[str, str], *, body: bytes = b"") -> PaymentReturn:
        return PaymentReturn(order_number=params["commande"], paid=True, reference="T-1")


@pytest.fixture
def provider():
    provider = HostedPage()
    register_provider(provider)
    yield provider
    unregister_provider(provider.code)


def test_no_provider_is_installed_by_default():
    assert available_providers() == []
    assert get_provider("essai") is None


def test_a_registered_provider_is_found_by_its_code(provider):
    assert get_provider("essai") is provider
    assert available_providers() == [provider]
    assert provider.handle_return({"commande": "APT-2026-000001"}) == PaymentReturn(
        order_number="APT-2026-000001", paid=True, reference="T-1"
    )


def test_rejects_two_providers_with_the_same_code(provider):
    with pytest.raises(ValueError):
        register_provider(HostedPage())

    assert available_providers() == [provider]
