from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from pmvt.community.models import ModeratedContent


def event_title(content: "ModeratedContent") -> str:
    return str(getattr(content, "title", ""))


class AgendaConfig(AppConfig):
    """The territory's events: dates, places, registrations, iCalendar feeds."""

    name = "pmvt.agenda"
    label = "agenda"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.agenda.models import Event
        from pmvt.agenda.personal_data import erase_agenda_data, export_agenda_data
        from pmvt.agenda.selectors import upcoming_events_line
        from pmvt.community.registry import moderation_register
        from pmvt.portal.doors import DoorSection, register_door_section

        moderation_register(Event, kind=_("Événement"), title=event_title)
        register_personal_data(key="agenda", export=export_agenda_data, erase=erase_agenda_data)
        register_door_section(
            "values",
            DoorSection(
                key="agenda",
                title=_("Agenda"),
                description=_(
                    "Les fêtes, concerts, ateliers et rencontres du territoire, par jour, "
                    "par semaine ou sur la carte, avec inscription quand les places sont comptées."
                ),
                url_name="agenda:list",
                position=20,
                live=upcoming_events_line,
            ),
        )
