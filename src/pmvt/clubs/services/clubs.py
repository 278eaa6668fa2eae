"""Open, change and close the territory's clubs (territory admins)."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.clubs.access import access_clubs_as_admin
from pmvt.clubs.errors import ClubErrorCode
from pmvt.clubs.models import Audience, Club, ClubKind, JoinPolicy
from pmvt.clubs.services._common import ClubFieldError, free_slug, one_line, text_block
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Territory

# Words the URLs use after /valeurs/clubs/.
RESERVED_SLUGS = {"nouveau", "gestion"}


def _clean(
    *,
    name: str,
    purpose: str,
    description: str,
    kind: str,
    join_policy: str,
    audience: str,
) -> dict[str, Any]:
    name = one_line(name)
    if not name or len(name) > 120:
        raise ClubFieldError(_("Indiquez le nom du club (120 caractères au plus)."), field="name")
    purpose = one_line(purpose)
    if not purpose or len(purpose) > 300:
        raise ClubFieldError(
            _("Dites en une phrase à quoi sert le club (300 caractères au plus)."),
            field="purpose",
        )
    description = text_block(description)
    if len(description) > 5000:
        raise ClubFieldError(
            _("La présentation ne doit pas dépasser 5000 caractères."), field="description"
        )
    if kind not in ClubKind.values:
        raise ClubFieldError(_("Choisissez le type de club."), field="kind")
    if join_policy not in JoinPolicy.values:
        raise ClubFieldError(_("Choisissez comment on adhère au club."), field="join_policy")
    if audience not in Audience.values:
        raise ClubFieldError(_("Choisissez qui peut adhérer au club."), field="audience")
    return {
        "name": name,
        "purpose": purpose,
        "description": description,
        "kind": kind,
        "join_policy": join_policy,
        "audience": audience,
    }


@transaction.atomic
def club_create(
    *,
    territory: Territory,
    by: User,
    name: str,
    purpose: str,
    description: str = "",
    kind: str = ClubKind.OTHER,
    join_policy: str = JoinPolicy.OPEN,
    audience: str = Audience.EVERYONE,
    is_active: bool = True,
) -> Club:
    access_clubs_as_admin(user=by, territory=territory)
    cleaned = _clean(
        name=name,
        purpose=purpose,
        description=description,
        kind=kind,
        join_policy=join_policy,
        audience=audience,
    )
    club = Club(territory=territory, created_by=by, is_active=bool(is_active), **cleaned)
    club.slug = free_slug(
        model=Club,
        scope={"territory": territory},
        title=cleaned["name"],
        fallback="club",
        reserved=RESERVED_SLUGS,
    )
    try:
        with transaction.atomic():
            club.save()
    except IntegrityError:
        raise ApplicationError(
            _("Un club du même nom vient d'être créé. Réessayez."),
            code=ClubErrorCode.INVALID_FIELD,
        ) from None
    return club


@transaction.atomic
def club_update(
    *,
    club: Club,
    by: User,
    name: str,
    purpose: str,
    description: str = "",
    kind: str = ClubKind.OTHER,
    join_policy: str = JoinPolicy.OPEN,
    audience: str = Audience.EVERYONE,
    is_active: bool = True,
) -> Club:
    """Change a club; its address stays. Current members stay when the audience narrows."""
    access_clubs_as_admin(user=by, territory=club.territory)
    cleaned = _clean(
        name=name,
        purpose=purpose,
        description=description,
        kind=kind,
        join_policy=join_policy,
        audience=audience,
    )
    cleaned["is_active"] = bool(is_active)
    changed = [field for field, value in cleaned.items() if getattr(club, field) != value]
    for field in changed:
        setattr(club, field, cleaned[field])
    if changed:
        club.save(update_fields=[*changed, "updated_at"])
    return club
