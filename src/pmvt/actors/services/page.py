"""Writes on what an actor's page shows besides its details: hours, closures, photos."""

import itertools
import uuid
from collections.abc import Iterable
from datetime import date, time
from typing import IO

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.access import access_actor_page_as_editor
from pmvt.actors.errors import ActorErrorCode
from pmvt.actors.formatting import format_time
from pmvt.actors.models import Actor, ActorPhoto, Closure, OpeningHours, Weekday
from pmvt.actors.services.actors import ActorFieldError
from pmvt.core.exceptions import ApplicationError
from pmvt.core.images import InvalidImageError, clean_photo

MAX_PHOTOS = 12
MAX_CLOSURE_DAYS = 366


# --- opening hours ----------------------------------------------------------------------------


@transaction.atomic
def actor_opening_hours_set(
    *, actor: Actor, by: User, hours: Iterable[tuple[int, time, time]]
) -> list[OpeningHours]:
    """Replace all the weekly opening hours by `hours`: (weekday 0=Monday, opens, closes)."""
    access_actor_page_as_editor(user=by, actor=actor)
    ranges = sorted(hours)
    for weekday, opens, closes in ranges:
        if weekday not in Weekday.values:
            raise ApplicationError(
                _("Le jour de la semaine n'est pas valide."), code=ActorErrorCode.INVALID_HOURS
            )
        if closes <= opens:
            raise ApplicationError(
                _(
                    "Le %(day)s, l'heure de fermeture (%(closes)s) doit être après l'heure "
                    "d'ouverture (%(opens)s)."
                )
                % {
                    "day": Weekday(weekday).label,
                    "opens": format_time(opens),
                    "closes": format_time(closes),
                },
                code=ActorErrorCode.INVALID_HOURS,
            )
    for (day_a, opens_a, closes_a), (day_b, opens_b, closes_b) in itertools.pairwise(ranges):
        if day_a == day_b and opens_b < closes_a:
            raise ApplicationError(
                _("Le %(day)s, les plages %(first)s et %(second)s se chevauchent.")
                % {
                    "day": Weekday(day_a).label,
                    "first": f"{format_time(opens_a)} – {format_time(closes_a)}",
                    "second": f"{format_time(opens_b)} – {format_time(closes_b)}",
                },
                code=ActorErrorCode.INVALID_HOURS,
            )
    OpeningHours.objects.filter(actor=actor).delete()
    return OpeningHours.objects.bulk_create(
        OpeningHours(actor=actor, weekday=weekday, opens=opens, closes=closes)
        for weekday, opens, closes in ranges
    )


# --- exceptional closures ---------------------------------------------------------------------


def _long_date(value: date) -> str:
    return date_format(value, "l j F Y")


@transaction.atomic
def actor_closure_add(
    *, actor: Actor, by: User, start_date: date, end_date: date, reason: str = ""
) -> Closure:
    """Announce an exceptional closure (holidays, works), both dates included."""
    access_actor_page_as_editor(user=by, actor=actor)
    reason = (reason or "").strip()
    if end_date < start_date:
        raise ActorFieldError(
            _("La date de fin doit être le jour de début ou après."),
            field="end_date",
            code=ActorErrorCode.INVALID_CLOSURE,
        )
    if end_date < timezone.localdate():
        raise ActorFieldError(
            _("Cette fermeture est déjà passée : indiquez une date de fin à venir."),
            field="end_date",
            code=ActorErrorCode.INVALID_CLOSURE,
        )
    if (end_date - start_date).days >= MAX_CLOSURE_DAYS:
        raise ActorFieldError(
            _("Une fermeture exceptionnelle dure au plus un an."),
            field="end_date",
            code=ActorErrorCode.INVALID_CLOSURE,
        )
    if len(reason) > 200:
        raise ActorFieldError(
            _("Le motif ne doit pas dépasser 200 caractères."),
            field="reason",
            code=ActorErrorCode.INVALID_CLOSURE,
        )
    # Lock the actor: two overlapping closures added at once would both pass the check.
    Actor.objects.select_for_update().filter(pk=actor.pk).first()
    overlap = (
        Closure.objects.filter(actor=actor, start_date__lte=end_date, end_date__gte=start_date)
        .order_by("start_date")
        .first()
    )
    if overlap is not None:
        raise ActorFieldError(
            _("Cette fermeture chevauche celle du %(start)s au %(end)s.")
            % {"start": _long_date(overlap.start_date), "end": _long_date(overlap.end_date)},
            field="start_date",
            code=ActorErrorCode.INVALID_CLOSURE,
        )
    return Closure.objects.create(
        actor=actor, start_date=start_date, end_date=end_date, reason=reason
    )


@transaction.atomic
def actor_closure_remove(*, closure: Closure, by: User) -> None:
    access_actor_page_as_editor(user=by, actor=closure.actor)
    closure.delete()


# --- photos -----------------------------------------------------------------------------------


def clean_actor_photo(upload: IO[bytes]) -> tuple[bytes, str]:
    try:
        return clean_photo(upload)
    except InvalidImageError as error:
        raise ActorFieldError(
            error.message, field="image", code=ActorErrorCode.INVALID_IMAGE
        ) from None


@transaction.atomic
def actor_photo_add(*, actor: Actor, by: User, image: IO[bytes], alt_text: str) -> ActorPhoto:
    """Add a photo to the page, re-encoded without metadata; the text alternative is required."""
    access_actor_page_as_editor(user=by, actor=actor)
    alt_text = " ".join((alt_text or "").split())
    if not alt_text:
        raise ActorFieldError(
            _("Décrivez la photo en quelques mots, pour les personnes qui ne la voient pas."),
            field="alt_text",
        )
    if len(alt_text) > 200:
        raise ActorFieldError(
            _("La description de la photo ne doit pas dépasser 200 caractères."), field="alt_text"
        )
    Actor.objects.select_for_update().filter(pk=actor.pk).first()
    current = ActorPhoto.objects.filter(actor=actor)
    if current.count() >= MAX_PHOTOS:
        raise ActorFieldError(
            _("Une page compte au plus 12 photos : retirez-en une avant d'en ajouter."),
            field="image",
            code=ActorErrorCode.TOO_MANY_PHOTOS,
        )
    data, extension = clean_actor_photo(image)
    position = (current.aggregate(top=Max("position"))["top"] or 0) + 1
    photo = ActorPhoto(actor=actor, alt_text=alt_text, position=position)
    photo.image.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(data), save=False)
    # The file is written before the row: remove it if the transaction does not commit.
    name, storage = photo.image.name, photo.image.storage
    try:
        photo.save()
    except Exception:
        storage.delete(name)
        raise
    return photo


@transaction.atomic
def actor_photo_remove(*, photo: ActorPhoto, by: User) -> None:
    access_actor_page_as_editor(user=by, actor=photo.actor)
    name, storage = photo.image.name, photo.image.storage
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))
