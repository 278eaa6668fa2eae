"""The demo news of the Pays d'Apt-Luberon (pmvt.demo.news.load_news)."""

import pytest
from django_scopes import scope

from pmvt.community.models import Visibility
from pmvt.demo.actors import load_actors
from pmvt.demo.community import load_community
from pmvt.demo.loader import load_foundation
from pmvt.demo.news import DEMO_POSTS, load_news
from pmvt.news.models import Post


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_community(territory)
        load_news(territory)
    return territory


def snapshot():
    return list(
        Post.objects.order_by("pk").values_list(
            "slug", "visibility", "actor__slug", "by_territory", "published_at", "updated_at"
        )
    )


def test_loads_posts_by_the_territory_actors_and_an_inhabitant(demo_territory):
    assert Post.objects.count() == len(DEMO_POSTS) == 9
    assert Post.objects.filter(by_territory=True).count() == 3
    assert Post.objects.filter(actor__isnull=False).count() == 4
    inhabitant = Post.objects.filter(author__email="habitant@demo.pmvt.fr")
    assert sorted(inhabitant.values_list("visibility", flat=True)) == [
        Visibility.PENDING,
        Visibility.PUBLISHED,
    ]
    assert Post.objects.filter(visibility=Visibility.PUBLISHED, published_at=None).count() == 0
    assert all(post.themes.exists() for post in Post.objects.all())


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()
    with scope(territory=demo_territory):
        load_news(demo_territory)
    assert snapshot() == before
