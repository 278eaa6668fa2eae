"""Demo ground of the Valeurs territoriales door of the CC Pays d'Apt-Luberon.

The eight themes of the territory's social life, in a fixed order, and the moderation settings
(3 reports hide a content; inhabitants' content waits for a moderator); then, once the news
are loaded, one open report on a news post (`load_community_reports`, a later step).

Deterministic and idempotent: a theme that exists (same slug) is left as it is.
"""

from django.utils.text import slugify

from pmvt.community.models import Theme
from pmvt.community.selectors import community_settings_of
from pmvt.territories.models import Territory

DEMO_THEMES = [
    "Mobilité",
    "Jeunesse",
    "Commerce local",
    "Environnement",
    "Culture et patrimoine",
    "Solidarités",
    "Santé",
    "Économie et emploi",
]


def load_community(territory: Territory) -> None:
    community_settings_of(territory)  # The defaults: threshold 3, moderation before publication.
    existing = set(Theme.objects.filter(territory=territory).values_list("slug", flat=True))
    for position, name in enumerate(DEMO_THEMES):
        slug = slugify(name)
        if slug not in existing:
            Theme.objects.create(territory=territory, name=name, slug=slug, position=position)


DEMO_REPORTED_TITLE = "Repair café : prochaine séance à Gargas"  # As pmvt.demo.news has it.
DEMO_REPORTER = "habitant@demo.pmvt.fr"


def load_community_reports(territory: Territory) -> None:
    """One open report on a demo news post, so the moderation queue has something to show.

    Runs after the news step (it needs the post); does nothing if the post is missing.
    """
    from pmvt.accounts.models import User
    from pmvt.community.models import Report, ReportReason
    from pmvt.community.services.moderation import content_report
    from pmvt.news.models import Post

    post = Post.objects.filter(territory=territory, title=DEMO_REPORTED_TITLE).first()
    reporter = User.objects.filter(email=DEMO_REPORTER).first()
    if post is None or reporter is None:
        return
    if Report.objects.filter(object_id=post.pk, reporter=reporter).exists():
        return
    content_report(
        user=reporter,
        content=post,
        reason=ReportReason.MISLEADING,
        details="Le lieu a changé : la séance a lieu à la salle des fêtes, pas à la Maison "
        "des associations.",
    )
