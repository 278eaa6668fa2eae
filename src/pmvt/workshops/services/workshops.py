"""Write workshops: open, change, and move through the phases (one service per transition)."""

from dataclasses import dataclass, fields
from datetime import datetime

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.access import can_administer_territory
from pmvt.accounts.models import User
from pmvt.projects.models import Project
from pmvt.projects.selectors import is_carrier
from pmvt.territories.models import Commune, Territory
from pmvt.workshops.access import access_workshop_as_facilitator, access_workshops_as_facilitator
from pmvt.workshops.errors import PhaseError, WorkshopFieldError
from pmvt.workshops.models import PHASE_ORDER, Phase, Theme, Workshop, WorkshopMode
from pmvt.workshops.services.notices import tell_phase_opened

# Slugs that are words of the app's own addresses.
RESERVED_SLUGS = {"nouveau"}
MAX_DOTS = 20
MIN_CONTRIBUTION_LENGTH = 20
MAX_CONTRIBUTION_LENGTH = 1000


@dataclass
class WorkshopData:
    title: str
    question: str
    mode: str
    starts_at: datetime
    description: str = ""
    ends_at: datetime | None = None
    place: str = ""
    commune: Commune | None = None
    dots_per_participant: int = 5
    max_contribution_length: int = 280
    project: Project | None = None


def _values(data: WorkshopData) -> dict:
    return {f.name: getattr(data, f.name) for f in fields(data)}


def _check(*, territory: Territory, by: User, data: WorkshopData) -> None:
    if not data.title.strip():
        raise WorkshopFieldError(_("Donnez un titre à l'atelier."), field="title")
    if not data.question.strip():
        raise WorkshopFieldError(_("Posez la question de l'atelier."), field="question")
    if data.mode not in WorkshopMode.values:
        raise WorkshopFieldError(_("Choisissez le format de l'atelier."), field="mode")
    if data.ends_at is not None and data.ends_at <= data.starts_at:
        raise WorkshopFieldError(_("La fin doit venir après le début."), field="ends_at")
    if data.mode == WorkshopMode.IN_PERSON:
        if not data.place.strip():
            raise WorkshopFieldError(
                _("Indiquez le lieu de l'atelier en présentiel."), field="place"
            )
        if data.commune is None:
            raise WorkshopFieldError(
                _("Indiquez la commune de l'atelier en présentiel."), field="commune"
            )
    if data.commune is not None and data.commune.territory_id != territory.pk:
        raise WorkshopFieldError(_("Choisissez une commune du territoire."), field="commune")
    if not 1 <= data.dots_per_participant <= MAX_DOTS:
        raise WorkshopFieldError(
            _("Chaque participant reçoit de 1 à 20 gommettes."), field="dots_per_participant"
        )
    if not MIN_CONTRIBUTION_LENGTH <= data.max_contribution_length <= MAX_CONTRIBUTION_LENGTH:
        raise WorkshopFieldError(
            _("Une contribution compte de 20 à 1 000 caractères au plus."),
            field="max_contribution_length",
        )
    if data.project is not None:
        if data.project.territory_id != territory.pk:
            raise WorkshopFieldError(_("Choisissez un projet du territoire."), field="project")
        if not can_administer_territory(user=by, territory=territory) and not is_carrier(
            user=by, project=data.project
        ):
            raise WorkshopFieldError(
                _("Vous ne pouvez rattacher l'atelier qu'à un projet que vous portez."),
                field="project",
            )


def _unique_slug(territory: Territory, title: str) -> str:
    base = slugify(title)[:100] or "atelier"
    taken = set(
        Workshop.objects.filter(territory=territory, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, number = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def workshop_create(*, territory: Territory, by: User, data: WorkshopData) -> Workshop:
    """A workshop in preparation (draft), facilitated by `by`."""
    access_workshops_as_facilitator(user=by, territory=territory)
    _check(territory=territory, by=by, data=data)
    return Workshop.objects.create(
        territory=territory,
        facilitator=by,
        slug=_unique_slug(territory, data.title),
        **_values(data),
    )


@transaction.atomic
def workshop_update(*, workshop: Workshop, by: User, data: WorkshopData) -> Workshop:
    """Change the workshop, in any phase but once closed."""
    access_workshop_as_facilitator(user=by, workshop=workshop)
    if workshop.phase == Phase.CLOSED:
        raise PhaseError(_("Un atelier terminé ne peut plus être modifié."))
    if data.dots_per_participant != workshop.dots_per_participant and workshop.phase in (
        Phase.VOTING,
        Phase.OUTCOME,
    ):
        raise WorkshopFieldError(
            _("Le nombre de gommettes ne change plus une fois le vote ouvert."),
            field="dots_per_participant",
        )
    project = data.project
    if project is not None and project.pk == workshop.project_id:
        # Keep the link a former carrier made: only a new link is checked.
        data.project = None
    _check(territory=workshop.territory, by=by, data=data)
    data.project = project
    values = _values(data)
    for name, value in values.items():
        setattr(workshop, name, value)
    workshop.save(update_fields=[*values, "updated_at"])
    return workshop


def _locked(workshop: Workshop) -> Workshop:
    return Workshop.objects.select_for_update().get(pk=workshop.pk)


def _move(*, workshop: Workshop, by: User, frm: Phase, to: Phase, tell: bool) -> Workshop:
    access_workshop_as_facilitator(user=by, workshop=workshop)
    locked = _locked(workshop)
    if locked.phase != frm:
        raise PhaseError(
            _("L'atelier n'est pas dans la phase « %(phase)s ».") % {"phase": frm.label}
        )
    locked.phase = to
    locked.save(update_fields=["phase", "updated_at"])
    workshop.phase = to
    if tell:
        tell_phase_opened(workshop=workshop, by=by)
    return workshop


@transaction.atomic
def workshop_open_contributions(*, workshop: Workshop, by: User) -> Workshop:
    return _move(workshop=workshop, by=by, frm=Phase.DRAFT, to=Phase.CONTRIBUTIONS, tell=True)


@transaction.atomic
def workshop_start_clustering(*, workshop: Workshop, by: User) -> Workshop:
    return _move(workshop=workshop, by=by, frm=Phase.CONTRIBUTIONS, to=Phase.CLUSTERING, tell=True)


@transaction.atomic
def workshop_open_voting(*, workshop: Workshop, by: User) -> Workshop:
    """Open the dot vote: at least one theme is needed to vote on."""
    access_workshop_as_facilitator(user=by, workshop=workshop)
    if not Theme.objects.filter(workshop=workshop).exists():
        raise PhaseError(_("Créez au moins un thème avant d'ouvrir le vote."))
    return _move(workshop=workshop, by=by, frm=Phase.CLUSTERING, to=Phase.VOTING, tell=True)


@transaction.atomic
def workshop_publish_outcome(*, workshop: Workshop, by: User) -> Workshop:
    """Close the vote and open the action plan."""
    return _move(workshop=workshop, by=by, frm=Phase.VOTING, to=Phase.OUTCOME, tell=True)


@transaction.atomic
def workshop_close(*, workshop: Workshop, by: User) -> Workshop:
    return _move(workshop=workshop, by=by, frm=Phase.OUTCOME, to=Phase.CLOSED, tell=False)


NEXT = {
    Phase.DRAFT: workshop_open_contributions,
    Phase.CONTRIBUTIONS: workshop_start_clustering,
    Phase.CLUSTERING: workshop_open_voting,
    Phase.VOTING: workshop_publish_outcome,
    Phase.OUTCOME: workshop_close,
}


def workshop_phase_next(*, workshop: Workshop, by: User) -> Workshop:
    """Move to the phase after the current one (the transition's own service)."""
    step = NEXT.get(Phase(workshop.phase))
    if step is None:
        access_workshop_as_facilitator(user=by, workshop=workshop)
        raise PhaseError(_("Cet atelier est terminé."))
    return step(workshop=workshop, by=by)


@transaction.atomic
def workshop_phase_back(*, workshop: Workshop, by: User) -> Workshop:
    """Go back one phase (not from the draft, nor once closed); nobody is notified."""
    access_workshop_as_facilitator(user=by, workshop=workshop)
    current = Phase(_locked(workshop).phase)
    if current in (Phase.DRAFT, Phase.CLOSED):
        raise PhaseError(_("Cet atelier ne peut pas revenir à la phase précédente."))
    previous = PHASE_ORDER[PHASE_ORDER.index(current) - 1]
    return _move(workshop=workshop, by=by, frm=current, to=previous, tell=False)
