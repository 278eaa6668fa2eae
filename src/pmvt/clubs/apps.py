from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from pmvt.community.models import ModeratedContent


def thread_title(content: "ModeratedContent") -> str:
    return str(getattr(content, "title", ""))


def reply_title(content: "ModeratedContent") -> str:
    thread = getattr(content, "thread", None)
    return gettext("Réponse dans la discussion %(title)s") % {
        "title": thread.title if thread else ""
    }


class ClubsConfig(AppConfig):
    """Clubs of the territory: members, discussion threads, resources and events."""

    name = "pmvt.clubs"
    label = "clubs"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.clubs.models import Reply, Thread
        from pmvt.clubs.personal_data import erase_club_data, export_club_data
        from pmvt.community.registry import moderation_register

        moderation_register(Thread, kind=_("Discussion de club"), title=thread_title)
        moderation_register(Reply, kind=_("Réponse dans un club"), title=reply_title)
        register_personal_data(key="clubs", export=export_club_data, erase=erase_club_data)

        from pmvt.clubs.selectors import open_clubs_line
        from pmvt.portal.doors import DoorSection, register_door_section

        register_door_section(
            "values",
            DoorSection(
                key="clubs",
                title=_("Clubs"),
                description=_(
                    "Le club citoyens–acteurs, le club des acteurs et les autres clubs du "
                    "territoire : questions, bonnes pratiques, achats groupés, idées d'offres."
                ),
                url_name="clubs:list",
                position=50,
                live=open_clubs_line,
            ),
        )
