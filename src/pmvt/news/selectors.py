"""Reads of the news area: one query for a page of posts, whatever the page size."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from pmvt.accounts.access import AnyUser
from pmvt.community.models import Theme, Visibility
from pmvt.news.models import Post
from pmvt.territories.models import Commune, Territory


@dataclass(frozen=True)
class NewsFilters:
    theme: Theme | None = None
    commune: Commune | None = None


def _with_relations(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.select_related("territory", "author", "actor", "commune").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "name"))
    )


def _newest_first(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.order_by(F("published_at").desc(nulls_last=True), "-created_at", "-pk")


def published_posts(*, territory: Territory) -> QuerySet[Post]:
    return Post.objects.filter(territory=territory, visibility=Visibility.PUBLISHED)


def news_list(*, territory: Territory, filters: NewsFilters | None = None) -> QuerySet[Post]:
    """The published posts of the territory, newest first, optionally by theme and commune."""
    posts = published_posts(territory=territory)
    if filters is not None and filters.theme is not None:
        posts = posts.filter(themes=filters.theme)
    if filters is not None and filters.commune is not None:
        posts = posts.filter(commune=filters.commune)
    return _newest_first(_with_relations(posts))


def news_latest(*, territory: Territory, limit: int = 5) -> list[Post]:
    """The latest published posts, for the home of the territory (one query)."""
    posts = published_posts(territory=territory).select_related(
        "territory", "actor", "author", "commune"
    )
    return list(_newest_first(posts)[:limit])


def news_feed_items(
    *, territory: Territory, theme: Theme | None = None, limit: int = 20
) -> list[Post]:
    return list(news_list(territory=territory, filters=NewsFilters(theme=theme))[:limit])


def news_of_author(*, territory: Territory, user: AnyUser) -> QuerySet[Post]:
    """The user's own posts in the territory, whatever their moderation status."""
    if not user.is_authenticated:
        return Post.objects.none()
    posts = Post.objects.filter(territory=territory, author=user)
    return _with_relations(posts).order_by("-created_at", "-pk")


def post_of_territory(*, territory: Territory, slug: str) -> Post | None:
    """The post with this address in the territory, whatever its status (the caller checks)."""
    return _with_relations(Post.objects.filter(territory=territory, slug=slug)).first()


def themes_of_territory(*, territory: Territory) -> QuerySet[Theme]:
    return Theme.objects.filter(territory=territory).order_by("position", "name")


def theme_of_territory(*, territory: Territory, slug: str) -> Theme | None:
    return Theme.objects.filter(territory=territory, slug=slug).first()


def communes_of_territory(*, territory: Territory) -> QuerySet[Commune]:
    return Commune.objects.filter(territory=territory).order_by("name")


def recent_news_line(territory: Territory) -> str:
    """For the Valeurs territoriales door: "3 actualités ces 30 derniers jours", or ""."""
    since = timezone.now() - timedelta(days=30)
    count = published_posts(territory=territory).filter(published_at__gte=since).count()
    if not count:
        return ""
    return ngettext(
        "%(count)s actualité ces 30 derniers jours",
        "%(count)s actualités ces 30 derniers jours",
        count,
    ) % {"count": count}
