"""Writes on the collectivité's announcements (territory admins)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.aids.access import access_aids_as_admin
from pmvt.aids.models import AidScheme, Announcement
from pmvt.aids.services.aids import AidFieldError, one_line
from pmvt.territories.models import Territory

BODY_MAX_LENGTH = 10000


def _clean(
    *, territory: Territory, title: str, body: str, aid: AidScheme | None
) -> tuple[str, str]:
    title = one_line(title)
    if not title or len(title) > 200:
        raise AidFieldError(
            _("Indiquez le titre de l'annonce (200 caractères au plus)."), field="title"
        )
    body = str(body or "").strip()
    if not body or len(body) > BODY_MAX_LENGTH:
        raise AidFieldError(
            _("Écrivez le texte de l'annonce (10000 caractères au plus)."), field="body"
        )
    if aid is not None and aid.territory_id != territory.pk:
        raise AidFieldError(_("Choisissez une aide du territoire."), field="aid")
    return title, body


@transaction.atomic
def announcement_create(
    *,
    territory: Territory,
    by: User,
    title: str,
    body: str,
    aid: AidScheme | None = None,
    publish: bool = False,
) -> Announcement:
    """Write an announcement; published now if `publish`, else kept as a draft."""
    access_aids_as_admin(user=by, territory=territory)
    title, body = _clean(territory=territory, title=title, body=body, aid=aid)
    return Announcement.objects.create(
        territory=territory,
        created_by=by,
        title=title,
        body=body,
        aid=aid,
        published_at=timezone.now() if publish else None,
    )


@transaction.atomic
def announcement_update(
    *,
    announcement: Announcement,
    by: User,
    title: str,
    body: str,
    aid: AidScheme | None = None,
    publish: bool = False,
) -> Announcement:
    """Change an announcement. Publishing keeps the first publication date; unpublishing
    takes it back to draft."""
    access_aids_as_admin(user=by, territory=announcement.territory)
    locked = (
        Announcement.objects.select_for_update().select_related("territory").get(pk=announcement.pk)
    )
    locked.title, locked.body = _clean(territory=locked.territory, title=title, body=body, aid=aid)
    locked.aid = aid
    if publish and locked.published_at is None:
        locked.published_at = timezone.now()
    elif not publish:
        locked.published_at = None
    locked.save(update_fields=["title", "body", "aid", "published_at", "updated_at"])
    return locked


@transaction.atomic
def announcement_delete(*, announcement: Announcement, by: User) -> None:
    access_aids_as_admin(user=by, territory=announcement.territory)
    Announcement.objects.filter(pk=announcement.pk).delete()
