"""Propose and change events; every check of the event form is made here for good."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.agenda.access import access_event_create, access_event_edit, organiser_actors
from pmvt.agenda.errors import EventFieldError
from pmvt.agenda.models import Event, Occurrence, Recurrence
from pmvt.agenda.recurrence import paris, rrule_text
from pmvt.agenda.services.occurrences import occurrences_sync
from pmvt.community.models import Theme, Visibility
from pmvt.community.services.publishing import initial_visibility
from pmvt.notifications.services import notify
from pmvt.territories.models import Commune, Territory

# Words the URLs use after /valeurs/agenda/.
RESERVED_SLUGS = {"proposer", "semaine", "carte", "mes-inscriptions", "agenda"}
MAX_DURATION = timedelta(days=31)
MAX_IMAGE_BYTES = 5 * 1024 * 1024
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


@dataclass
class EventData:
    """What the event form collects; the services check every value."""

    title: str
    description: str
    commune: Commune | None
    place_name: str
    starts_at: datetime
    ends_at: datetime
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    themes: list[Theme] = field(default_factory=list)
    organiser: Actor | None = None
    organiser_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    recurrence: str = Recurrence.NONE
    recurrence_until: date | None = None
    is_free: bool = True
    price: Decimal | None = None
    price_text: str = ""
    registration_enabled: bool = False
    capacity: int | None = None
    waiting_list: bool = False
    wheelchair_access: bool = False
    hearing_loop: bool = False
    sign_language: bool = False
    accessibility_notes: str = ""
    image: UploadedFile | None = None
    image_alt: str = ""
    remove_image: bool = False


def _line(value: object) -> str:
    return _SPACES.sub(" ", str(value or "")).strip(" ")


def _block(value: object) -> str:
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _clean(data: EventData, *, territory: Territory, by: User, event: Event | None) -> EventData:
    data.title = _line(data.title)
    if len(data.title) < 3 or len(data.title) > 200:
        raise EventFieldError(
            _("Donnez un titre à l'événement (entre 3 et 200 caractères)."), field="title"
        )
    data.description = _block(data.description)
    if not data.description or len(data.description) > 10000:
        raise EventFieldError(
            _("Décrivez l'événement (10 000 caractères au plus)."), field="description"
        )
    if any(theme.territory_id != territory.pk for theme in data.themes):
        raise EventFieldError(_("Choisissez des thèmes de ce territoire."), field="themes")
    if data.organiser is not None:
        unchanged = event is not None and event.organiser_id == data.organiser.pk
        allowed = organiser_actors(user=by, territory=territory).filter(pk=data.organiser.pk)
        if not unchanged and not allowed.exists():
            raise EventFieldError(
                _(
                    "Vous ne pouvez organiser un événement qu'au nom d'un acteur dont vous êtes "
                    "membre de l'équipe."
                ),
                field="organiser",
            )
    data.organiser_name = _line(data.organiser_name)[:200]
    data.contact_email = _line(data.contact_email).lower()
    if data.contact_email:
        try:
            validate_email(data.contact_email)
        except ValidationError:
            raise EventFieldError(
                _("Saisissez une adresse électronique valide, par exemple nom@exemple.fr."),
                field="contact_email",
            ) from None
    data.contact_phone = _line(data.contact_phone)[:30]
    # Where.
    if data.commune is None or data.commune.territory_id != territory.pk:
        raise EventFieldError(_("Choisissez la commune où a lieu l'événement."), field="commune")
    data.place_name = _line(data.place_name)
    if not data.place_name or len(data.place_name) > 200:
        raise EventFieldError(
            _("Indiquez le lieu (par exemple « Salle des fêtes »)."), field="place_name"
        )
    data.address = _line(data.address)[:255]
    if (data.latitude is None) != (data.longitude is None):
        raise EventFieldError(
            _("Indiquez la latitude et la longitude, ou aucune des deux."), field="latitude"
        )
    if data.latitude is not None and not Decimal(-90) <= data.latitude <= Decimal(90):
        raise EventFieldError(_("La latitude est comprise entre -90 et 90."), field="latitude")
    if data.longitude is not None and not Decimal(-180) <= data.longitude <= Decimal(180):
        raise EventFieldError(_("La longitude est comprise entre -180 et 180."), field="longitude")
    # When.
    if data.ends_at <= data.starts_at:
        raise EventFieldError(
            _("La fin doit être après le début de l'événement."), field="end_time"
        )
    if data.ends_at - data.starts_at > MAX_DURATION:
        raise EventFieldError(
            _("Un événement dure 31 jours au plus : pour plus, proposez une répétition."),
            field="end_date",
        )
    starts_changed = event is None or event.starts_at != data.starts_at
    if starts_changed and data.starts_at < timezone.now():
        raise EventFieldError(
            _("La date de début est passée : choisissez une date à venir."), field="start_date"
        )
    if data.recurrence not in Recurrence.values:
        raise EventFieldError(_("Choisissez si l'événement se répète."), field="recurrence")
    if data.recurrence == Recurrence.NONE:
        data.recurrence_until = None
    elif (
        data.recurrence_until is not None and data.recurrence_until <= paris(data.starts_at).date()
    ):
        raise EventFieldError(
            _("La date de fin de la répétition doit être après la date de début."),
            field="recurrence_until",
        )
    # Price.
    data.price_text = _line(data.price_text)[:200]
    if data.is_free:
        data.price = None
    else:
        if data.price is None and not data.price_text:
            raise EventFieldError(
                _("Indiquez le prix ou les tarifs, ou cochez « Gratuit »."), field="price"
            )
        if data.price is not None and data.price < 0:
            raise EventFieldError(_("Le prix ne peut pas être négatif."), field="price")
    # Registration.
    if data.registration_enabled:
        if data.capacity is None or data.capacity < 1:
            raise EventFieldError(
                _("Indiquez le nombre de places (au moins 1) pour ouvrir les inscriptions."),
                field="capacity",
            )
        if event is not None:
            taken = max(
                Occurrence.objects.filter(event=event, ends_at__gt=timezone.now()).values_list(
                    "confirmed_count", flat=True
                ),
                default=0,
            )
            if data.capacity < taken:
                raise EventFieldError(
                    _(
                        "%(count)s personnes sont déjà inscrites à une date : gardez au moins "
                        "%(count)s places."
                    )
                    % {"count": taken},
                    field="capacity",
                )
    else:
        data.capacity = None
        data.waiting_list = False
    # Accessibility, image.
    data.accessibility_notes = _block(data.accessibility_notes)
    if len(data.accessibility_notes) > 1000:
        raise EventFieldError(
            _("Les informations d'accessibilité font 1000 caractères au plus."),
            field="accessibility_notes",
        )
    data.image_alt = _line(data.image_alt)[:250]
    if data.image is not None and data.image.size and data.image.size > MAX_IMAGE_BYTES:
        raise EventFieldError(_("L'image doit peser 5 Mo au plus."), field="image")
    keeps_image = event is not None and bool(event.image) and not data.remove_image
    if (data.image is not None or keeps_image) and not data.image_alt:
        raise EventFieldError(
            _("Décrivez l'image en quelques mots pour les personnes qui ne la voient pas."),
            field="image_alt",
        )
    return data


def _free_slug(*, territory: Territory, title: str) -> str:
    base = slugify(title)[:100].strip("-") or "evenement"
    taken = set(
        Event.objects.filter(territory=territory, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, n = base, 1
    while slug in taken or slug in RESERVED_SLUGS:
        n += 1
        slug = f"{base}-{n}"
    return slug


FIELDS = [
    "title",
    "description",
    "commune",
    "place_name",
    "address",
    "latitude",
    "longitude",
    "organiser",
    "organiser_name",
    "contact_email",
    "contact_phone",
    "starts_at",
    "ends_at",
    "recurrence",
    "recurrence_until",
    "is_free",
    "price",
    "price_text",
    "registration_enabled",
    "capacity",
    "waiting_list",
    "wheelchair_access",
    "hearing_loop",
    "sign_language",
    "accessibility_notes",
    "image_alt",
]


def _apply(event: Event, data: EventData) -> None:
    for name in FIELDS:
        setattr(event, name, getattr(data, name))
    event.rrule = rrule_text(
        recurrence=data.recurrence, starts_at=data.starts_at, until=data.recurrence_until
    )


@transaction.atomic
def event_create(*, territory: Territory, by: User, data: EventData) -> Event:
    """Propose an event: published at once when organised by a verified actor's team or by a
    moderator or admin; otherwise as `initial_visibility` decides (pending for inhabitants
    when the territory moderates before publication)."""
    access_event_create(user=by, territory=territory)
    data = _clean(data, territory=territory, by=by, event=None)
    visibility = (
        Visibility.PUBLISHED
        if data.organiser is not None
        else initial_visibility(user=by, territory=territory)
    )
    event = Event(
        territory=territory,
        author=by,
        visibility=visibility,
        slug=_free_slug(territory=territory, title=data.title),
    )
    _apply(event, data)
    if data.image is not None:
        event.image = data.image
    event.save()
    event.themes.set(data.themes)
    occurrences_sync(event=event)
    return event


@transaction.atomic
def event_update(*, event: Event, by: User, data: EventData) -> Event:
    """Change an event; its dates are recomputed, and people registered to a date that moved
    or to an event whose place changed are told."""
    access_event_edit(user=by, event=event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    data = _clean(data, territory=event.territory, by=by, event=event)
    place_before = (event.place_name, event.address, event.commune_id)
    _apply(event, data)
    if data.remove_image and event.image:
        event.image.delete(save=False)
        event.image = ""
        event.image_alt = ""
    if data.image is not None:
        event.image = data.image
    event.sequence += 1
    event.save()
    event.themes.set(data.themes)
    moved = occurrences_sync(event=event)
    if place_before != (event.place_name, event.address, event.commune_id):
        moved = list(
            Occurrence.objects.filter(event=event, ends_at__gt=timezone.now(), is_cancelled=False)
        )
    _notify_registered(event=event, occurrences=moved)
    return event


def _notify_registered(*, event: Event, occurrences: list[Occurrence]) -> None:
    from pmvt.agenda.models import ACTIVE_STATUSES, Registration

    registrations = Registration.objects.filter(
        occurrence__in=occurrences, status__in=ACTIVE_STATUSES
    ).select_related("user")
    for registration in registrations:
        notify(
            user=registration.user,
            territory=event.territory,
            kind="event",
            title=_("L'événement %(title)s a changé : vérifiez la date et le lieu.")
            % {"title": event.title},
            body=_("Les organisateurs ont modifié l'événement auquel vous êtes inscrit."),
            url=event.get_absolute_url(),
        )
