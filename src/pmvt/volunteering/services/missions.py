"""Write missions: create, change, publish, cancel."""

from dataclasses import dataclass, field, fields

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.catalog.text import search_text
from pmvt.core.exceptions import ApplicationError
from pmvt.core.seats import SeatStatus
from pmvt.territories.models import Commune, Territory
from pmvt.volunteering.access import access_mission_as_organiser, access_missions_as_organiser
from pmvt.volunteering.errors import MissionFieldError, VolunteeringErrorCode
from pmvt.volunteering.models import Mission, MissionStatus, Session, Signup, Skill
from pmvt.volunteering.services.notices import tell_session_cancelled

# Slugs that are words of the app's own addresses.
RESERVED_SLUGS = {"mes-missions", "nouvelle"}


@dataclass
class MissionData:
    title: str
    summary: str
    description: str
    place_name: str
    commune: Commune
    address: str = ""
    skills: list[str] = field(default_factory=list)
    wheelchair_access: bool = False
    hearing_loop: bool = False
    sign_language: bool = False
    seated_tasks: bool = False
    accessibility_notes: str = ""
    contact_email: str = ""


def _values(data: MissionData) -> dict:
    return {f.name: getattr(data, f.name) for f in fields(data)}


def _check(*, territory: Territory, data: MissionData) -> None:
    if not data.title.strip():
        raise MissionFieldError(_("Donnez un titre à la mission."), field="title")
    if not data.summary.strip():
        raise MissionFieldError(_("Résumez la mission en une phrase."), field="summary")
    if data.commune.territory_id != territory.pk:
        raise MissionFieldError(_("Choisissez une commune du territoire."), field="commune")
    unknown = set(data.skills) - set(Skill.values)
    if unknown:
        raise MissionFieldError(_("Une des compétences choisies n'existe pas."), field="skills")


def _unique_slug(territory: Territory, title: str, *, exclude: int | None = None) -> str:
    base = slugify(title)[:100] or "mission"
    missions = Mission.objects.filter(territory=territory, slug__startswith=base)
    if exclude is not None:
        missions = missions.exclude(pk=exclude)
    taken = set(missions.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _search_words(mission: Mission) -> str:
    labels = dict(Skill.choices)
    skills = " ".join(str(labels[s]) for s in mission.skills if s in labels)
    organiser = mission.organiser.display_name if mission.organiser else ""
    text = f"{mission.title} {mission.summary} {skills} {mission.commune.name} {organiser}"
    return search_text(text)


@transaction.atomic
def mission_create(
    *, territory: Territory, organiser: Actor | None, by: User, data: MissionData
) -> Mission:
    """A draft mission of `organiser` (None: the collectivité)."""
    access_missions_as_organiser(user=by, territory=territory, actor=organiser)
    _check(territory=territory, data=data)
    mission = Mission(
        territory=territory,
        organiser=organiser,
        slug=_unique_slug(territory, data.title),
        created_by=by,
        **_values(data),
    )
    mission.search_text = _search_words(mission)
    mission.save()
    return mission


@transaction.atomic
def mission_update(*, mission: Mission, by: User, data: MissionData) -> Mission:
    access_mission_as_organiser(user=by, mission=mission)
    _check(territory=mission.territory, data=data)
    values = _values(data)
    for name, value in values.items():
        setattr(mission, name, value)
    mission.search_text = _search_words(mission)
    mission.save(update_fields=[*values, "search_text", "updated_at"])
    return mission


@transaction.atomic
def mission_publish(*, mission: Mission, by: User) -> Mission:
    access_mission_as_organiser(user=by, mission=mission)
    if mission.status != MissionStatus.DRAFT:
        raise ApplicationError(
            _("Seule une mission en brouillon peut être publiée."),
            code=VolunteeringErrorCode.INVALID_STATE,
        )
    if not Session.objects.filter(mission=mission, starts_at__gt=timezone.now()).exists():
        raise ApplicationError(
            _("Ajoutez au moins une date à venir avant de publier la mission."),
            code=VolunteeringErrorCode.INVALID_STATE,
        )
    mission.status = MissionStatus.PUBLISHED
    mission.save(update_fields=["status", "updated_at"])
    return mission


@transaction.atomic
def mission_cancel(*, mission: Mission, by: User) -> Mission:
    """Cancel the mission and its future dates; the volunteers signed up are told."""
    access_mission_as_organiser(user=by, mission=mission)
    if mission.status == MissionStatus.CANCELLED:
        raise ApplicationError(
            _("Cette mission est déjà annulée."), code=VolunteeringErrorCode.INVALID_STATE
        )
    mission.status = MissionStatus.CANCELLED
    mission.save(update_fields=["status", "updated_at"])
    sessions = Session.objects.select_for_update(of=("self",)).filter(
        mission=mission, is_cancelled=False, starts_at__gt=timezone.now()
    )
    for session in sessions.order_by("pk"):
        _cancel_session(session)
    return mission


def _cancel_session(session: Session) -> None:
    session.is_cancelled = True
    session.save(update_fields=["is_cancelled"])
    signups = list(
        Signup.objects.filter(
            session=session, status__in=[SeatStatus.CONFIRMED, SeatStatus.WAITING]
        ).select_related("user")
    )
    Signup.objects.filter(pk__in=[s.pk for s in signups]).update(
        status=SeatStatus.CANCELLED, cancelled_at=timezone.now()
    )
    Session.objects.filter(pk=session.pk).update(confirmed_count=0, waiting_count=0)
    for signup in signups:
        tell_session_cancelled(signup=signup, session=session)
