from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Activities for seniors and youth: registration with capacity and waiting list."""

    name = "pmvt.activities"
    label = "activities"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.activities.personal_data import erase_activities_data, export_activities_data
        from pmvt.activities.selectors import search_activities, this_week_activities_line
        from pmvt.catalog.kinds import OfferKind, register_offer_kind
        from pmvt.notifications.kinds import NotificationMode, kind_register
        from pmvt.portal.doors import DoorSection, register_door_section

        register_door_section(
            "market",
            DoorSection(
                key="activities",
                title=_("Activités seniors et jeunesse"),
                description=_(
                    "Ateliers, sorties, sport, aide numérique, culture : les activités des "
                    "associations, de la collectivité et des acteurs du territoire, sur inscription."
                ),
                url_name="activities:list",
                position=50,
                live=this_week_activities_line,
            ),
        )
        register_offer_kind(
            OfferKind(key="activities", label=_("Activités"), position=30, search=search_activities)
        )
        kind_register(
            "activities",
            label=_("Mes inscriptions aux activités"),
            description=_(
                "Votre inscription (ou celle d'un proche) à une activité, une place libérée, "
                "une séance annulée."
            ),
            default_mode=NotificationMode.INSTANT,
        )
        register_personal_data(
            key="activities", export=export_activities_data, erase=erase_activities_data
        )
