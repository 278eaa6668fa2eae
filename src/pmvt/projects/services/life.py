"""The life of a project: its milestones, its news (the supporters are told) and its
supporters."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.projects.access import access_project_as_team, access_support
from pmvt.projects.errors import ProjectFieldError, ProjectStateError
from pmvt.projects.models import Milestone, Project, ProjectNews, ProjectStatus, Supporter
from pmvt.projects.services.notices import tell_news

# --- milestones -------------------------------------------------------------------------------


@transaction.atomic
def milestone_add(
    *, project: Project, by: User, title: str, due_on: date | None = None
) -> Milestone:
    access_project_as_team(user=by, project=project)
    title = " ".join(str(title or "").split())
    if not title:
        raise ProjectFieldError(_("Nommez l'étape."), field="title")
    if len(title) > 200:
        raise ProjectFieldError(
            _("Le nom de l'étape ne doit pas dépasser 200 caractères."), field="title"
        )
    return Milestone.objects.create(project=project, title=title, due_on=due_on)


@transaction.atomic
def milestone_mark_done(
    *, milestone: Milestone, by: User, done_on: date | None = None
) -> Milestone:
    access_project_as_team(user=by, project=milestone.project)
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if locked.done_on is not None:
        raise ProjectStateError(_("Cette étape est déjà franchie."))
    milestone.done_on = done_on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    return milestone


@transaction.atomic
def milestone_remove(*, milestone: Milestone, by: User) -> None:
    access_project_as_team(user=by, project=milestone.project)
    milestone.delete()


# --- news -------------------------------------------------------------------------------------


@transaction.atomic
def news_publish(*, project: Project, by: User, title: str, body: str) -> ProjectNews:
    """Post news of the project; its supporters (outside the team) are told."""
    access_project_as_team(user=by, project=project)
    if project.status == ProjectStatus.DRAFT:
        raise ProjectStateError(_("Publiez le projet avant d'en donner des nouvelles."))
    title = " ".join(str(title or "").split())
    body = str(body or "").replace("\r\n", "\n").strip()
    if not title:
        raise ProjectFieldError(_("Donnez un titre à la nouvelle."), field="title")
    if len(title) > 200:
        raise ProjectFieldError(_("Le titre ne doit pas dépasser 200 caractères."), field="title")
    if not body:
        raise ProjectFieldError(_("Écrivez le texte de la nouvelle."), field="body")
    if len(body) > 10000:
        raise ProjectFieldError(_("Le texte ne doit pas dépasser 10000 caractères."), field="body")
    news = ProjectNews.objects.create(project=project, author=by, title=title, body=body)
    supporters = list(
        User.objects.filter(supported_projects__project=project, is_active=True)
        .exclude(pk=by.pk)
        .order_by("pk")
    )
    tell_news(news=news, supporters=supporters)
    return news


# --- supporters -------------------------------------------------------------------------------


@transaction.atomic
def project_support(*, project: Project, user: User) -> Supporter:
    """Support the project (once: supporting again keeps the first support)."""
    access_support(user=user, project=project)
    existing = Supporter.objects.filter(project=project, user=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Supporter.objects.create(project=project, user=user)
    except IntegrityError:
        return Supporter.objects.get(project=project, user=user)


@transaction.atomic
def project_support_withdraw(*, project: Project, user: User) -> bool:
    """Withdraw the support; False when there was none."""
    deleted, _rows = Supporter.objects.filter(project=project, user=user).delete()
    return deleted > 0
