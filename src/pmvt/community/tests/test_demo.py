"""The demo themes and moderation settings of the Pays d'Apt-Luberon (load_community)."""

import pytest
from django_scopes import scope

from pmvt.community.models import CommunitySettings, Report, Theme
from pmvt.demo.community import DEMO_THEMES, load_community
from pmvt.demo.loader import DEMO_STEPS, load_foundation
from pmvt.news.models import Post


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_community(territory)
    return territory


def snapshot():
    return {
        "themes": list(Theme.objects.order_by("pk").values_list("slug", "name", "position")),
        "settings": list(
            CommunitySettings.objects.values_list(
                "territory_id", "report_threshold", "moderate_before_publication", "updated_at"
            )
        ),
    }


def test_loads_the_eight_themes_in_order(demo_territory):
    assert (
        list(Theme.objects.filter(territory=demo_territory).values_list("name", flat=True))
        == DEMO_THEMES
    )
    assert Theme.objects.get(name="Économie et emploi").slug == "economie-et-emploi"
    settings = CommunitySettings.objects.get(territory=demo_territory)
    assert (settings.report_threshold, settings.moderate_before_publication) == (3, True)


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()
    with scope(territory=demo_territory):
        load_community(demo_territory)
    assert snapshot() == before


def test_the_steps_are_registered_before_the_areas_that_need_themes():
    names = [step.__name__ for step in DEMO_STEPS]
    assert names.index("load_community") < names.index("load_news")
    assert names.index("load_news") < names.index("load_community_reports")


def test_the_demo_report_lands_in_the_queue_once(demo_territory):
    from pmvt.demo.actors import load_actors
    from pmvt.demo.community import DEMO_REPORTED_TITLE, load_community_reports
    from pmvt.demo.news import load_news

    with scope(territory=demo_territory):
        load_actors(demo_territory)
        load_news(demo_territory)
        load_community_reports(demo_territory)
        load_community_reports(demo_territory)
    report = Report.objects.select_related("reporter").get()
    assert report.reporter is not None
    assert (report.reporter.email, report.reason, report.resolved_at) == (
        "habitant@demo.pmvt.fr",
        "misleading",
        None,
    )
    post = Post.objects.get(title=DEMO_REPORTED_TITLE)
    assert (post.visibility, post.report_count) == ("published", 1)


def test_the_demo_report_waits_for_the_news(demo_territory):
    from pmvt.demo.community import load_community_reports

    with scope(territory=demo_territory):
        load_community_reports(demo_territory)
    assert Report.objects.count() == 0
