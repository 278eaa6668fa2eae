"""The territory's campaigns: open one with its question, dates and rules; change it."""

from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.community.models import Theme
from pmvt.core.exceptions import ApplicationError
from pmvt.ideas.access import access_campaigns_as_admin
from pmvt.ideas.errors import IdeaErrorCode
from pmvt.ideas.models import Campaign
from pmvt.ideas.services._common import IdeaFieldError, free_slug, one_line, text_block
from pmvt.territories.models import Territory

# Words the URLs use right after /valeurs/idees/.
RESERVED_SLUGS = {"nouvelle"}


def _clean(
    *,
    territory: Territory,
    title: str,
    question: str,
    description: str,
    rules: str,
    opens_at: datetime,
    closes_at: datetime,
    themes: Iterable[Theme],
) -> dict:
    title = one_line(title)
    if not title or len(title) > 200:
        raise IdeaFieldError(
            _("Indiquez le titre de la campagne (200 caractères au plus)."), field="title"
        )
    question = one_line(question)
    if not question or len(question) > 300:
        raise IdeaFieldError(
            _("Indiquez la question posée aux habitants (300 caractères au plus)."),
            field="question",
        )
    description = text_block(description)
    if len(description) > 10000:
        raise IdeaFieldError(
            _("La présentation ne doit pas dépasser 10000 caractères."), field="description"
        )
    rules = text_block(rules)
    if len(rules) > 5000:
        raise IdeaFieldError(
            _("Les règles ne doivent pas dépasser 5000 caractères."), field="rules"
        )
    if opens_at is None or closes_at is None:
        raise IdeaFieldError(_("Indiquez les dates d'ouverture et de clôture."), field="opens_at")
    if closes_at <= opens_at:
        raise IdeaFieldError(
            _("La clôture doit venir après l'ouverture de la campagne."), field="closes_at"
        )
    themes = list(themes)
    if any(theme.territory_id != territory.pk for theme in themes):
        raise IdeaFieldError(_("Choisissez des thèmes de ce territoire."), field="themes")
    return {
        "title": title,
        "question": question,
        "description": description,
        "rules": rules,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "themes": themes,
    }


@transaction.atomic
def campaign_create(
    *,
    territory: Territory,
    by: User,
    title: str,
    question: str,
    opens_at: datetime,
    closes_at: datetime,
    description: str = "",
    rules: str = "",
    themes: Iterable[Theme] = (),
) -> Campaign:
    access_campaigns_as_admin(user=by, territory=territory)
    values = _clean(
        territory=territory,
        title=title,
        question=question,
        description=description,
        rules=rules,
        opens_at=opens_at,
        closes_at=closes_at,
        themes=themes,
    )
    chosen = values.pop("themes")
    campaign = Campaign(territory=territory, created_by=by, **values)
    campaign.slug = free_slug(
        model=Campaign,
        scope={"territory": territory},
        title=values["title"],
        fallback="campagne",
        reserved=RESERVED_SLUGS,
    )
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError:
        raise ApplicationError(
            _("Une campagne du même titre vient d'être créée. Réessayez."),
            code=IdeaErrorCode.INVALID_FIELD,
        ) from None
    campaign.themes.set(chosen)
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    by: User,
    title: str,
    question: str,
    opens_at: datetime,
    closes_at: datetime,
    description: str = "",
    rules: str = "",
    themes: Iterable[Theme] = (),
) -> Campaign:
    """Change a campaign; its address (slug) stays the same once published."""
    access_campaigns_as_admin(user=by, territory=campaign.territory)
    values = _clean(
        territory=campaign.territory,
        title=title,
        question=question,
        description=description,
        rules=rules,
        opens_at=opens_at,
        closes_at=closes_at,
        themes=themes,
    )
    chosen = values.pop("themes")
    for name, value in values.items():
        setattr(campaign, name, value)
    campaign.save(update_fields=[*values, "updated_at"])
    campaign.themes.set(chosen)
    return campaign
