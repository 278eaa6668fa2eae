"""Write projects: propose (from scratch, from an idea, as a workshop's draft), change, and move
through their statuses, one function per transition."""

import uuid
from collections.abc import Iterable
from typing import IO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.catalog.text import search_text
from pmvt.core.exceptions import ApplicationError
from pmvt.core.images import clean_photo
from pmvt.core.sdgs import SDG_TITLES
from pmvt.ideas.models import Idea
from pmvt.projects.access import (
    access_project_as_carrier,
    access_propose,
    access_propose_from_idea,
)
from pmvt.projects.errors import ProjectFieldError, ProjectStateError
from pmvt.projects.models import MemberRole, Project, ProjectMember, ProjectStatus
from pmvt.projects.selectors import sdg_index
from pmvt.territories.models import Commune, Territory

# Slugs that are words of the app's own addresses.
RESERVED_SLUGS = {"proposer", "mes-projets"}

# From each status, the statuses a carrier may move the project to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ProjectStatus.DRAFT: (ProjectStatus.IDEA,),
    ProjectStatus.IDEA: (ProjectStatus.FORMING,),
    ProjectStatus.FORMING: (ProjectStatus.RUNNING, ProjectStatus.PAUSED),
    ProjectStatus.RUNNING: (ProjectStatus.DONE, ProjectStatus.PAUSED),
    ProjectStatus.PAUSED: (ProjectStatus.RUNNING, ProjectStatus.FORMING),
    ProjectStatus.DONE: (),
}


def _one_line(value: object) -> str:
    return " ".join(str(value or "").split())


def _text(value: object) -> str:
    return str(value or "").replace("\r\n", "\n").strip()


def _unique_slug(territory: Territory, title: str, *, exclude: int | None = None) -> str:
    base = slugify(title)[:100] or "projet"
    projects = Project.objects.filter(territory=territory, slug__startswith=base)
    if exclude is not None:
        projects = projects.exclude(pk=exclude)
    taken = set(projects.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _search_words(project: Project, communes: list[Commune]) -> str:
    text = " ".join(
        [
            project.title,
            project.summary,
            project.problem,
            project.vision,
            " ".join(c.name for c in communes),
        ]
    )
    return search_text(text)


def _clean_sdgs(sdgs: Iterable[int | str]) -> list[int]:
    numbers = set()
    for value in sdgs:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if number not in SDG_TITLES:
            raise ProjectFieldError(
                _("Choisissez des objectifs de développement durable parmi les 17."), field="sdgs"
            )
        numbers.add(number)
    return sorted(numbers)


def _clean_communes(territory: Territory, communes: Iterable[Commune]) -> list[Commune]:
    communes = list(communes)
    if any(c.territory_id != territory.pk for c in communes):
        raise ProjectFieldError(_("Choisissez des communes du territoire."), field="communes")
    return communes


def _check_text(
    *, title: str, summary: str, problem: str, vision: str, values: dict[str, str]
) -> None:
    if not title:
        raise ProjectFieldError(_("Donnez un titre au projet."), field="title")
    if len(title) > 200:
        raise ProjectFieldError(_("Le titre ne doit pas dépasser 200 caractères."), field="title")
    if not summary:
        raise ProjectFieldError(_("Résumez le projet en une phrase."), field="summary")
    if len(summary) > 300:
        raise ProjectFieldError(
            _("Le résumé ne doit pas dépasser 300 caractères."), field="summary"
        )
    if not problem:
        raise ProjectFieldError(_("Décrivez le problème auquel le projet répond."), field="problem")
    if len(problem) > 5000 or len(vision) > 5000:
        field = "problem" if len(problem) > 5000 else "vision"
        raise ProjectFieldError(_("Ce texte ne doit pas dépasser 5000 caractères."), field=field)
    for name, value in values.items():
        if len(value) > 2000:
            raise ProjectFieldError(_("Ce texte ne doit pas dépasser 2000 caractères."), field=name)


def _save_image(project: Project, image: IO[bytes]) -> None:
    try:
        data, extension = clean_photo(image)
    except ApplicationError as error:
        raise ProjectFieldError(error.message, field="image") from None
    project.image.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(data), save=False)


def _check_alt(image_alt: str, *, has_image: bool) -> None:
    if len(image_alt) > 200:
        raise ProjectFieldError(
            _("La description de l'image ne doit pas dépasser 200 caractères."), field="image_alt"
        )
    if has_image and not image_alt:
        raise ProjectFieldError(
            _("Décrivez l'image en quelques mots, pour les personnes qui ne la voient pas."),
            field="image_alt",
        )


@transaction.atomic
def project_create(
    *,
    territory: Territory,
    by: User,
    title: str,
    summary: str,
    problem: str,
    vision: str = "",
    value_economic: str = "",
    value_social: str = "",
    value_environmental: str = "",
    sdgs: Iterable[int | str] = (),
    communes: Iterable[Commune] = (),
    image: IO[bytes] | None = None,
    image_alt: str = "",
    idea: Idea | None = None,
    status: str = ProjectStatus.IDEA,
) -> Project:
    """Propose a project; its author becomes its first carrier."""
    if idea is not None:
        if idea.territory_id != territory.pk:
            raise ProjectFieldError(_("Cette idée n'appartient pas au territoire."), field="idea")
        access_propose_from_idea(user=by, idea=idea)
    else:
        access_propose(user=by, territory=territory)
    if status not in (ProjectStatus.IDEA, ProjectStatus.DRAFT):
        raise ProjectStateError(_("Un nouveau projet commence à l'état d'idée ou de brouillon."))
    title, summary = _one_line(title), _one_line(summary)
    problem, vision = _text(problem), _text(vision)
    values = {
        "value_economic": _text(value_economic),
        "value_social": _text(value_social),
        "value_environmental": _text(value_environmental),
    }
    _check_text(title=title, summary=summary, problem=problem, vision=vision, values=values)
    numbers = _clean_sdgs(sdgs)
    commune_list = _clean_communes(territory, communes)
    image_alt = _one_line(image_alt)
    _check_alt(image_alt, has_image=image is not None)
    project = Project(
        territory=territory,
        title=title,
        slug=_unique_slug(territory, title),
        summary=summary,
        problem=problem,
        vision=vision,
        sdgs=numbers,
        sdg_index=sdg_index(numbers),
        image_alt=image_alt if image is not None else "",
        status=status,
        idea=idea,
        created_by=by,
        **values,
    )
    if image is not None:
        _save_image(project, image)
    project.search_text = _search_words(project, commune_list)
    project.save()
    project.communes.set(commune_list)
    ProjectMember.objects.create(project=project, user=by, role=MemberRole.CARRIER)
    return project


@transaction.atomic
def project_create_draft(
    *, territory: Territory, by: User, title: str, description: str, source_label: str = ""
) -> Project:
    """A draft that only its team sees (e.g. a workshop's action); the team completes and
    publishes it. `source_label` (e.g. "Atelier « … »") is recorded in its summary."""
    title = _one_line(title)[:200]
    description = _text(description)
    summary = _one_line(source_label)[:300] or title[:300]
    return project_create(
        territory=territory,
        by=by,
        title=title,
        summary=summary,
        problem=description or title,
        status=ProjectStatus.DRAFT,
    )


@transaction.atomic
def project_update(
    *,
    project: Project,
    by: User,
    title: str,
    summary: str,
    problem: str,
    vision: str = "",
    value_economic: str = "",
    value_social: str = "",
    value_environmental: str = "",
    sdgs: Iterable[int | str] = (),
    communes: Iterable[Commune] = (),
    image: IO[bytes] | None = None,
    image_alt: str = "",
    remove_image: bool = False,
) -> Project:
    """Change what the project says; a new image replaces the old one."""
    access_project_as_carrier(user=by, project=project)
    title, summary = _one_line(title), _one_line(summary)
    problem, vision = _text(problem), _text(vision)
    values = {
        "value_economic": _text(value_economic),
        "value_social": _text(value_social),
        "value_environmental": _text(value_environmental),
    }
    _check_text(title=title, summary=summary, problem=problem, vision=vision, values=values)
    numbers = _clean_sdgs(sdgs)
    commune_list = _clean_communes(project.territory, communes)
    image_alt = _one_line(image_alt)
    keeps_image = bool(project.image) and not remove_image
    _check_alt(image_alt, has_image=image is not None or keeps_image)
    project.title = title
    project.summary = summary
    project.problem = problem
    project.vision = vision
    for name, value in values.items():
        setattr(project, name, value)
    project.sdgs = numbers
    project.sdg_index = sdg_index(numbers)
    if image is not None:
        _save_image(project, image)
    elif remove_image:
        project.image = ""
    project.image_alt = image_alt if project.image else ""
    project.search_text = _search_words(project, commune_list)
    project.save(
        update_fields=[
            "title",
            "summary",
            "problem",
            "vision",
            *values,
            "sdgs",
            "sdg_index",
            "image",
            "image_alt",
            "search_text",
            "updated_at",
        ]
    )
    project.communes.set(commune_list)
    return project


# --- statuses ---------------------------------------------------------------------------------


def _transition(*, project: Project, by: User, to: str, allowed_from: Iterable[str]) -> Project:
    access_project_as_carrier(user=by, project=project)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.status not in allowed_from or to not in TRANSITIONS.get(locked.status, ()):
        raise ProjectStateError(
            _("Un projet « %(current)s » ne peut pas passer à l'état « %(next)s ».")
            % {
                "current": ProjectStatus(locked.status).label,
                "next": ProjectStatus(to).label,
            }
        )
    project.status = to
    project.save(update_fields=["status", "updated_at"])
    return project


@transaction.atomic
def project_publish(*, project: Project, by: User) -> Project:
    """Draft → idea: the project shows in the public list."""
    return _transition(
        project=project, by=by, to=ProjectStatus.IDEA, allowed_from=[ProjectStatus.DRAFT]
    )


@transaction.atomic
def project_form_team(*, project: Project, by: User) -> Project:
    """Idea → forming team."""
    return _transition(
        project=project, by=by, to=ProjectStatus.FORMING, allowed_from=[ProjectStatus.IDEA]
    )


@transaction.atomic
def project_start(*, project: Project, by: User) -> Project:
    """Forming team → running."""
    return _transition(
        project=project, by=by, to=ProjectStatus.RUNNING, allowed_from=[ProjectStatus.FORMING]
    )


@transaction.atomic
def project_complete(*, project: Project, by: User) -> Project:
    """Running → done."""
    return _transition(
        project=project, by=by, to=ProjectStatus.DONE, allowed_from=[ProjectStatus.RUNNING]
    )


@transaction.atomic
def project_pause(*, project: Project, by: User) -> Project:
    """Forming team or running → paused."""
    return _transition(
        project=project,
        by=by,
        to=ProjectStatus.PAUSED,
        allowed_from=[ProjectStatus.FORMING, ProjectStatus.RUNNING],
    )


@transaction.atomic
def project_resume(*, project: Project, by: User, to: str = ProjectStatus.RUNNING) -> Project:
    """Paused → running, or back to forming its team."""
    if to not in (ProjectStatus.RUNNING, ProjectStatus.FORMING):
        raise ProjectStateError(_("Un projet en pause reprend en cours ou en constitution."))
    return _transition(project=project, by=by, to=to, allowed_from=[ProjectStatus.PAUSED])


# The service of each target status, for the view's single "change the status" form.
def project_move(*, project: Project, by: User, to: str) -> Project:
    """Move the project to `to` through the function of that transition."""
    if to == ProjectStatus.IDEA:
        return project_publish(project=project, by=by)
    if to == ProjectStatus.FORMING and project.status == ProjectStatus.PAUSED:
        return project_resume(project=project, by=by, to=to)
    if to == ProjectStatus.FORMING:
        return project_form_team(project=project, by=by)
    if to == ProjectStatus.RUNNING and project.status == ProjectStatus.PAUSED:
        return project_resume(project=project, by=by, to=to)
    if to == ProjectStatus.RUNNING:
        return project_start(project=project, by=by)
    if to == ProjectStatus.DONE:
        return project_complete(project=project, by=by)
    if to == ProjectStatus.PAUSED:
        return project_pause(project=project, by=by)
    access_project_as_carrier(user=by, project=project)
    raise ProjectStateError(_("Cet état n'existe pas."))
