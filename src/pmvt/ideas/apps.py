from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from pmvt.community.models import ModeratedContent


def idea_title(content: "ModeratedContent") -> str:
    return str(getattr(content, "title", ""))


def comment_title(content: "ModeratedContent") -> str:
    idea = getattr(content, "idea", None)
    return gettext("Commentaire sur l'idée %(title)s") % {"title": idea.title if idea else ""}


class IdeasConfig(AppConfig):
    """Participatory innovation: idea campaigns, ideas, supports, comments, public answers."""

    name = "pmvt.ideas"
    label = "ideas"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.community.registry import moderation_register
        from pmvt.ideas import signals  # noqa: F401 — connects the receivers.
        from pmvt.ideas.models import Comment, Idea
        from pmvt.ideas.personal_data import erase_ideas_data, export_ideas_data
        from pmvt.ideas.selectors import open_campaigns_line
        from pmvt.portal.doors import DoorSection, register_door_section

        moderation_register(Idea, kind=_("Idée"), title=idea_title)
        moderation_register(Comment, kind=_("Commentaire sur une idée"), title=comment_title)
        register_personal_data(key="ideas", export=export_ideas_data, erase=erase_ideas_data)
        register_door_section(
            "values",
            DoorSection(
                key="ideas",
                title=_("Innovation participative"),
                description=_(
                    "Proposez vos idées aux appels de la collectivité, soutenez celles des "
                    "autres et suivez les réponses publiques, étape par étape."
                ),
                url_name="ideas:list",
                position=30,
                live=open_campaigns_line,
            ),
        )
