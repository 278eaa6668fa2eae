"""RSS 2.0 and Atom feeds of the territory's news, for all posts or one theme.

Only published posts appear; each item links to the post's page and carries its summary,
its publication date and its themes as categories.
"""

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from pmvt.community.models import Theme
from pmvt.news.models import Post
from pmvt.news.selectors import news_feed_items, theme_of_territory
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

FEED_ITEMS = 20


class NewsSource:
    """What a feed is about: the territory, and one of its themes or all of them."""

    def __init__(self, territory: Territory, theme: Theme | None) -> None:
        self.territory = territory
        self.theme = theme


class NewsRssFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    suffix = "rss"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> NewsSource:
        territory = require_territory(request)
        theme = None
        theme_slug = kwargs.get("theme_slug")
        if theme_slug:
            theme = theme_of_territory(territory=territory, slug=theme_slug)
            if theme is None:
                raise Http404
        return NewsSource(territory, theme)

    def title(self, obj: NewsSource) -> str:
        if obj.theme is not None:
            return _("Actualités – %(theme)s – %(territory)s") % {
                "theme": obj.theme.name,
                "territory": obj.territory.public_name,
            }
        return _("Actualités – %(territory)s") % {"territory": obj.territory.public_name}

    def link(self, obj: NewsSource) -> str:
        url = reverse("news:list", kwargs={"territory_slug": obj.territory.slug})
        if obj.theme is not None:
            return f"{url}?theme={obj.theme.slug}"
        return url

    def description(self, obj: NewsSource) -> str:
        return _("Les dernières actualités publiées sur la plateforme de %(territory)s.") % {
            "territory": obj.territory.public_name
        }

    def feed_url(self, obj: NewsSource) -> str:
        kwargs = {"territory_slug": obj.territory.slug}
        if obj.theme is not None:
            kwargs["theme_slug"] = obj.theme.slug
            return reverse(f"news:theme_feed_{self.suffix}", kwargs=kwargs)
        return reverse(f"news:feed_{self.suffix}", kwargs=kwargs)

    def items(self, obj: NewsSource) -> list[Post]:
        return news_feed_items(territory=obj.territory, theme=obj.theme, limit=FEED_ITEMS)

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        return item.summary

    def item_link(self, item: Post) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Post) -> datetime:
        return item.shown_at

    def item_updateddate(self, item: Post) -> datetime:
        return max(item.updated_at, item.shown_at)

    def item_author_name(self, item: Post) -> str:
        return item.publisher_name

    def item_categories(self, item: Post) -> list[str]:
        return [theme.name for theme in item.themes.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    suffix = "atom"

    def subtitle(self, obj: NewsSource) -> str:
        return self.description(obj)
