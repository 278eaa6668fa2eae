"""RSS and Atom feeds of the territory's news, all posts or one theme, parsed with feedparser."""

from datetime import UTC, timedelta

import feedparser
import pytest
from django.utils import timezone

from pmvt.community.models import Visibility
from pmvt.news.models import Post
from pmvt.news.services.posts import Publisher

from .conftest import NEWS

FEEDS = [("flux.rss", "rss20"), ("flux.atom", "atom10")]


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


@pytest.fixture
def posts(make_post, make_theme, territory, member, admin):
    culture = make_theme(territory, "Culture", "culture")
    mobility = make_theme(territory, "Mobilité", "mobilite")
    concert = make_post(
        title="Concert à Rustrel",
        summary="Un concert en plein air.",
        themes=[culture],
        publisher=Publisher(territory=True),
    )
    bus = make_post(title="Nouvelle ligne de bus", themes=[mobility])
    # Dates a day apart, so the order is certain.
    Post.objects.filter(pk=concert.pk).update(published_at=timezone.now() - timedelta(days=1))
    make_post(author=member, title="Vide-grenier en attente")
    hidden = make_post(title="Masquée par la modération")
    Post.objects.filter(pk=hidden.pk).update(visibility=Visibility.HIDDEN)
    concert.refresh_from_db()
    bus.refresh_from_db()
    return {"concert": concert, "bus": bus}


@pytest.mark.parametrize(("path", "version"), FEEDS)
def test_the_territory_feed_lists_published_posts_only(client, posts, path, version):
    response, feed = _parse(client, f"{NEWS}{path}")
    assert feed.version == version
    assert not feed.bozo
    assert feed.feed.title == "Actualités – CC Pays d'Apt-Luberon"
    assert [entry.title for entry in feed.entries] == [
        "Nouvelle ligne de bus",
        "Concert à Rustrel",
    ]
    concert = feed.entries[1]
    assert concert.link == f"http://testserver{posts['concert'].get_absolute_url()}"
    assert concert.summary == "Un concert en plein air."
    assert [tag.term for tag in concert.tags] == ["Culture"]
    published = concert.get("published_parsed") or concert.get("updated_parsed")
    expected = posts["concert"].published_at.astimezone(UTC).timetuple()[:6]
    assert tuple(published)[:6] == expected
    assert concert.author == "CC Pays d'Apt-Luberon"
    body = response.content.decode()
    assert "en attente" not in body
    assert "Masquée" not in body


@pytest.mark.parametrize(("path", "version"), FEEDS)
def test_the_theme_feed_lists_the_themes_posts(client, posts, path, version):
    _, feed = _parse(client, f"{NEWS}theme/mobilite/{path}")
    assert feed.version == version
    assert feed.feed.title == "Actualités – Mobilité – CC Pays d'Apt-Luberon"
    assert [entry.title for entry in feed.entries] == ["Nouvelle ligne de bus"]


@pytest.mark.parametrize(("path", "version"), FEEDS)
def test_an_unknown_theme_or_one_of_another_territory_is_404(
    client, posts, make_theme, other_territory, path, version
):
    make_theme(other_territory, "Jeunesse", "jeunesse")
    assert client.get(f"{NEWS}theme/jeunesse/{path}").status_code == 404
    assert client.get(f"{NEWS}theme/inconnu/{path}").status_code == 404


@pytest.mark.parametrize(("path", "version"), FEEDS)
def test_the_feed_does_not_carry_another_territorys_posts(
    client, posts, make_post, other_territory, other_admin, path, version
):
    make_post(other_territory, author=other_admin, title="Nouvelles de Thann")
    _, feed = _parse(client, f"{NEWS}{path}")
    assert "Nouvelles de Thann" not in [entry.title for entry in feed.entries]


def test_an_empty_feed_is_still_valid(client, territory):
    _, feed = _parse(client, f"{NEWS}flux.rss")
    assert not feed.bozo
    assert feed.entries == []
