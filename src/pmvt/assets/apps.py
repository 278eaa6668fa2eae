from django.apps import AppConfig


class AssetsConfig(AppConfig):
    """Dormant material assets offered to share (premises, equipment, land…) and their booking."""

    name = "pmvt.assets"
    label = "assets"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.assets.personal_data import erase_assets_data, export_assets_data
        from pmvt.notifications.kinds import NotificationMode, kind_register

        kind_register(
            "assets",
            label=_("Mes réservations de biens"),
            description=_(
                "Une demande de réservation d'un bien que vous proposez, la réponse à votre "
                "demande, une réservation annulée."
            ),
            default_mode=NotificationMode.INSTANT,
            mandatory=True,
        )
        register_personal_data(key="assets", export=export_assets_data, erase=erase_assets_data)
