from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VouchersConfig(AppConfig):
    """Territorial vouchers: campaigns topped up by the collectivité, on a double-entry ledger."""

    name = "pmvt.vouchers"
    label = "vouchers"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.notifications.kinds import NotificationMode, kind_register
        from pmvt.portal.doors import DoorSection, register_door_section
        from pmvt.vouchers.personal_data import erase_vouchers_data, export_vouchers_data
        from pmvt.vouchers.selectors import open_vouchers_line

        register_door_section(
            "market",
            DoorSection(
                key="vouchers",
                title=_("Bons d'achat territoriaux"),
                description=_(
                    "Des bons abondés par la collectivité, à dépenser chez les commerçants "
                    "et les producteurs du territoire, en boutique ou en ligne."
                ),
                url_name="vouchers:home",
                position=60,
                live=open_vouchers_line,
            ),
        )
        register_personal_data(
            key="vouchers", export=export_vouchers_data, erase=erase_vouchers_data
        )
        kind_register(
            "vouchers_received",
            label=_("Bons d'achat reçus"),
            description=_("Un bon d'achat acheté ou reçu gratuitement est à votre nom."),
            default_mode=NotificationMode.INSTANT,
        )
        kind_register(
            "vouchers_participation",
            label=_("Participation aux campagnes de bons d'achat"),
            description=_(
                "Le territoire accepte ou refuse que votre activité encaisse les bons d'une campagne."
            ),
            default_mode=NotificationMode.INSTANT,
        )
