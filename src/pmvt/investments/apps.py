from django.apps import AppConfig


class InvestmentsConfig(AppConfig):
    """Local investment calls: projects present their need, inhabitants record non-binding pledges."""

    name = "pmvt.investments"
    label = "investments"
