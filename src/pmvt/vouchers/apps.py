from django.apps import AppConfig


class VouchersConfig(AppConfig):
    """Territorial vouchers: campaigns topped up by the collectivité, on a double-entry ledger."""

    name = "pmvt.vouchers"
    label = "vouchers"
