from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    """Volunteering missions of associations and public bodies: sign-up, waiting list, hours given."""

    name = "pmvt.volunteering"
    label = "volunteering"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.catalog.kinds import OfferKind, register_offer_kind
        from pmvt.notifications.kinds import NotificationMode, kind_register
        from pmvt.portal.doors import DoorSection, register_door_section
        from pmvt.volunteering.personal_data import (
            erase_volunteering_data,
            export_volunteering_data,
        )
        from pmvt.volunteering.selectors import search_missions, upcoming_missions_line

        register_door_section(
            "market",
            DoorSection(
                key="volunteering",
                title=_("Bénévolat"),
                description=_(
                    "Donnez un peu de votre temps aux associations et aux services publics du "
                    "territoire : des missions ponctuelles ou chaque semaine, près de chez vous."
                ),
                url_name="volunteering:list",
                position=40,
                live=upcoming_missions_line,
            ),
        )
        register_offer_kind(
            OfferKind(key="volunteering", label=_("Bénévolat"), position=20, search=search_missions)
        )
        kind_register(
            "volunteering",
            label=_("Mes missions de bénévolat"),
            description=_(
                "Votre inscription à une mission, une place libérée pour vous, une date annulée."
            ),
            default_mode=NotificationMode.INSTANT,
        )
        register_personal_data(
            key="volunteering", export=export_volunteering_data, erase=erase_volunteering_data
        )
