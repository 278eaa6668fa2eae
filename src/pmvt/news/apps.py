from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from pmvt.community.models import ModeratedContent


def post_title(content: "ModeratedContent") -> str:
    return str(getattr(content, "title", ""))


class NewsConfig(AppConfig):
    """News of the territory: posts, the home's "what's new", RSS and Atom feeds."""

    name = "pmvt.news"
    label = "news"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.community.registry import moderation_register
        from pmvt.news.models import Post
        from pmvt.news.personal_data import erase_news_data, export_news_data
        from pmvt.news.selectors import recent_news_line
        from pmvt.portal.doors import DoorSection, register_door_section

        moderation_register(Post, kind=_("Actualité"), title=post_title)
        register_personal_data(key="news", export=export_news_data, erase=erase_news_data)
        register_door_section(
            "values",
            DoorSection(
                key="news",
                title=_("Actualités"),
                description=_(
                    "Les nouvelles du territoire, de ses acteurs et de ses habitants, "
                    "par thème et par commune."
                ),
                url_name="news:list",
                position=10,
                live=recent_news_line,
            ),
        )
