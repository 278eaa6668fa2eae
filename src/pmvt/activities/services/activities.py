"""Write activities: create, change, publish, cancel."""

from dataclasses import dataclass, fields
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.activities.access import access_activities_as_organiser, access_activity_as_organiser
from pmvt.activities.errors import ActivitiesErrorCode, ActivityFieldError
from pmvt.activities.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    AgeGroup,
    Registration,
    Session,
)
from pmvt.activities.services.notices import tell_session_cancelled
from pmvt.actors.models import Actor
from pmvt.catalog.text import search_text
from pmvt.core.exceptions import ApplicationError
from pmvt.core.seats import SeatStatus
from pmvt.territories.models import Commune, Territory

# Slugs that are words of the app's own addresses.
RESERVED_SLUGS = {"mes-activites", "nouvelle"}


@dataclass
class ActivityData:
    title: str
    summary: str
    description: str
    kind: str
    age_group: str
    place_name: str
    commune: Commune
    price: Decimal = Decimal(0)
    reduced_price_text: str = ""
    min_age: int | None = None
    max_age: int | None = None
    address: str = ""
    wheelchair_access: bool = False
    hearing_loop: bool = False
    sign_language: bool = False
    transport_help: bool = False
    accessibility_notes: str = ""
    contact_email: str = ""


def _values(data: ActivityData) -> dict:
    return {f.name: getattr(data, f.name) for f in fields(data)}


def _check(*, territory: Territory, data: ActivityData) -> None:
    if not data.title.strip():
        raise ActivityFieldError(_("Donnez un titre à l'activité."), field="title")
    if not data.summary.strip():
        raise ActivityFieldError(_("Résumez l'activité en une phrase."), field="summary")
    if data.commune.territory_id != territory.pk:
        raise ActivityFieldError(_("Choisissez une commune du territoire."), field="commune")
    if data.kind not in ActivityKind.values:
        raise ActivityFieldError(_("Choisissez le type d'activité."), field="kind")
    if data.age_group not in AgeGroup.values:
        raise ActivityFieldError(_("Choisissez le public de l'activité."), field="age_group")
    if data.price < 0:
        raise ActivityFieldError(_("Le prix ne peut pas être négatif."), field="price")
    if data.min_age is not None and data.max_age is not None and data.min_age > data.max_age:
        raise ActivityFieldError(
            _("L'âge maximum doit être au moins égal à l'âge minimum."), field="max_age"
        )


def _unique_slug(territory: Territory, title: str, *, exclude: int | None = None) -> str:
    base = slugify(title)[:100] or "activite"
    activities = Activity.objects.filter(territory=territory, slug__startswith=base)
    if exclude is not None:
        activities = activities.exclude(pk=exclude)
    taken = set(activities.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _search_words(activity: Activity) -> str:
    organiser = activity.organiser.display_name if activity.organiser else ""
    kind = activity.get_kind_display()
    public = activity.get_age_group_display()
    text = (
        f"{activity.title} {activity.summary} {kind} {public} {activity.commune.name} {organiser}"
    )
    return search_text(text)


@transaction.atomic
def activity_create(
    *, territory: Territory, organiser: Actor | None, by: User, data: ActivityData
) -> Activity:
    """A draft activity of `organiser` (None: the collectivité)."""
    access_activities_as_organiser(user=by, territory=territory, actor=organiser)
    _check(territory=territory, data=data)
    activity = Activity(
        territory=territory,
        organiser=organiser,
        slug=_unique_slug(territory, data.title),
        created_by=by,
        **_values(data),
    )
    activity.search_text = _search_words(activity)
    activity.save()
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by: User, data: ActivityData) -> Activity:
    access_activity_as_organiser(user=by, activity=activity)
    _check(territory=activity.territory, data=data)
    values = _values(data)
    for name, value in values.items():
        setattr(activity, name, value)
    activity.search_text = _search_words(activity)
    activity.save(update_fields=[*values, "search_text", "updated_at"])
    return activity


@transaction.atomic
def activity_publish(*, activity: Activity, by: User) -> Activity:
    access_activity_as_organiser(user=by, activity=activity)
    if activity.status != ActivityStatus.DRAFT:
        raise ApplicationError(
            _("Seule une activité en brouillon peut être publiée."),
            code=ActivitiesErrorCode.INVALID_STATE,
        )
    if not Session.objects.filter(activity=activity, starts_at__gt=timezone.now()).exists():
        raise ApplicationError(
            _("Ajoutez au moins une séance à venir avant de publier l'activité."),
            code=ActivitiesErrorCode.INVALID_STATE,
        )
    activity.status = ActivityStatus.PUBLISHED
    activity.save(update_fields=["status", "updated_at"])
    return activity


@transaction.atomic
def activity_cancel(*, activity: Activity, by: User) -> Activity:
    """Cancel the activity and its future sessions; the people registered are told."""
    access_activity_as_organiser(user=by, activity=activity)
    if activity.status == ActivityStatus.CANCELLED:
        raise ApplicationError(
            _("Cette activité est déjà annulée."), code=ActivitiesErrorCode.INVALID_STATE
        )
    activity.status = ActivityStatus.CANCELLED
    activity.save(update_fields=["status", "updated_at"])
    sessions = Session.objects.select_for_update(of=("self",)).filter(
        activity=activity, is_cancelled=False, starts_at__gt=timezone.now()
    )
    for session in sessions.order_by("pk"):
        _cancel_session(session)
    return activity


def _cancel_session(session: Session) -> None:
    session.is_cancelled = True
    session.save(update_fields=["is_cancelled"])
    registrations = list(
        Registration.objects.filter(
            session=session, status__in=[SeatStatus.CONFIRMED, SeatStatus.WAITING]
        ).select_related("user")
    )
    Registration.objects.filter(pk__in=[s.pk for s in registrations]).update(
        status=SeatStatus.CANCELLED, cancelled_at=timezone.now()
    )
    Session.objects.filter(pk=session.pk).update(confirmed_count=0, waiting_count=0)
    for registration in registrations:
        tell_session_cancelled(registration=registration, session=session)
