"""Ideas: submit one to an open campaign, and the territory's answers along the workflow.

The workflow, one service per transition, each with a mandatory public answer:

    submitted → under_study → accepted → in_progress → realised
                            ↘ declined (the answer gives the reasons)

Each step is written in the idea's public history (`IdeaStatusChange`); once committed, the
idea's followers and its author hear of it (notification kind "idea").
"""

import uuid
from collections.abc import Iterable
from functools import partial
from typing import IO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.community.models import Theme, Visibility
from pmvt.community.services.publishing import initial_visibility
from pmvt.core.exceptions import ApplicationError
from pmvt.core.images import clean_photo
from pmvt.ideas.access import access_idea_answer, access_idea_submit
from pmvt.ideas.errors import IdeaErrorCode
from pmvt.ideas.models import (
    TRANSITIONS,
    Campaign,
    Comment,
    Follow,
    Idea,
    IdeaStatus,
    IdeaStatusChange,
    Support,
)
from pmvt.ideas.services._common import IdeaFieldError, free_slug, one_line, text_block
from pmvt.notifications.services import notify
from pmvt.territories.models import Commune

NOTIFICATION_KIND = "idea"
MAX_TITLE = 150
MAX_DESCRIPTION = 5000
MAX_ANSWER = 5000
# Words the URLs use after /valeurs/idees/<campaign>/.
RESERVED_SLUGS = {"proposer"}


def allowed_themes(campaign: Campaign) -> list[Theme]:
    """An idea takes its themes among the campaign's, or the territory's if it has none."""
    themes = list(campaign.themes.all())
    if themes:
        return themes
    return list(Theme.objects.filter(territory=campaign.territory))


@transaction.atomic
def idea_submit(
    *,
    campaign: Campaign,
    author: User,
    title: str,
    description: str,
    themes: Iterable[Theme] = (),
    commune: Commune | None = None,
    image: IO[bytes] | None = None,
    image_alt: str = "",
) -> Idea:
    """Propose an idea; it starts published or pending as the territory's publishing rule says.

    The author follows the idea from the start: they hear of every answer.
    """
    access_idea_submit(user=author, campaign=campaign)
    title = one_line(title)
    if not title or len(title) > MAX_TITLE:
        raise IdeaFieldError(
            _("Donnez un titre à votre idée (150 caractères au plus)."), field="title"
        )
    description = text_block(description)
    if not description:
        raise IdeaFieldError(_("Décrivez votre idée."), field="description")
    if len(description) > MAX_DESCRIPTION:
        raise IdeaFieldError(
            _("La description ne doit pas dépasser 5000 caractères."), field="description"
        )
    themes = list(themes)
    allowed = {theme.pk for theme in allowed_themes(campaign)}
    if any(theme.pk not in allowed for theme in themes):
        raise IdeaFieldError(_("Choisissez des thèmes proposés par la campagne."), field="themes")
    if commune is not None and commune.territory_id != campaign.territory_id:
        raise IdeaFieldError(_("Choisissez une commune du territoire."), field="commune")
    image_alt = one_line(image_alt)
    if len(image_alt) > 200:
        raise IdeaFieldError(
            _("La description de l'image ne doit pas dépasser 200 caractères."), field="image_alt"
        )
    if image is not None and not image_alt:
        raise IdeaFieldError(
            _("Décrivez l'image en quelques mots, pour les personnes qui ne la voient pas."),
            field="image_alt",
        )
    idea = Idea(
        territory=campaign.territory,
        campaign=campaign,
        author=author,
        commune=commune,
        title=title,
        description=description,
        image_alt=image_alt if image is not None else "",
        visibility=initial_visibility(user=author, territory=campaign.territory),
    )
    if image is not None:
        try:
            data, extension = clean_photo(image)
        except ApplicationError as error:
            raise IdeaFieldError(error.message, field="image") from None
        idea.image.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(data), save=False)
    idea.slug = free_slug(
        model=Idea,
        scope={"campaign": campaign},
        title=title,
        fallback="idee",
        reserved=RESERVED_SLUGS,
    )
    try:
        with transaction.atomic():
            idea.save()
    except IntegrityError:
        raise ApplicationError(
            _("Une idée du même titre vient d'être proposée. Réessayez."),
            code=IdeaErrorCode.INVALID_FIELD,
        ) from None
    idea.themes.set(themes)
    Follow.objects.create(territory=idea.territory, idea=idea, user=author)
    return idea


# --- the territory's answers ------------------------------------------------------------------


def _notify_status_change(*, change_id: int) -> None:
    """Tell the idea's followers and its author, except the admin who answered."""
    with scopes_disabled():
        change = IdeaStatusChange.objects.select_related(
            "idea__campaign__territory", "idea__territory"
        ).get(pk=change_id)
        idea = change.idea
        user_ids = set(Follow.objects.filter(idea=idea).values_list("user_id", flat=True))
        if idea.author_id:
            user_ids.add(idea.author_id)
        if change.decided_by_id is not None:
            user_ids.discard(change.decided_by_id)
        recipients = list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))
        status = IdeaStatus(change.to_status).label
        for user in recipients:
            notify(
                user=user,
                territory=idea.territory,
                kind=NOTIFICATION_KIND,
                title=_("L'idée %(title)s est désormais : %(status)s")
                % {"title": idea.title, "status": status},
                body=change.answer,
                url=f"{idea.get_absolute_url()}#reponses",
            )


def _transition(*, idea: Idea, by: User, to: str, answer: str) -> Idea:
    access_idea_answer(user=by, idea=idea)
    answer = text_block(answer)
    if not answer:
        if to == IdeaStatus.DECLINED:
            message = _("Expliquez publiquement pourquoi l'idée n'est pas retenue.")
        else:
            message = _("Écrivez la réponse publique de la collectivité.")
        raise IdeaFieldError(message, field="answer", code=IdeaErrorCode.ANSWER_REQUIRED)
    if len(answer) > MAX_ANSWER:
        raise IdeaFieldError(_("La réponse ne doit pas dépasser 5000 caractères."), field="answer")
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    if locked.visibility != Visibility.PUBLISHED:
        raise ApplicationError(
            _("Seule une idée publiée reçoit une réponse."), code=IdeaErrorCode.NOT_PUBLISHED
        )
    if to not in TRANSITIONS.get(locked.status, ()):
        raise ApplicationError(
            _("Une idée à l'état %(current)s ne peut pas passer à l'état %(next)s.")
            % {
                "current": IdeaStatus(locked.status).label,
                "next": IdeaStatus(to).label,
            },
            code=IdeaErrorCode.INVALID_TRANSITION,
        )
    now = timezone.now()
    change = IdeaStatusChange.objects.create(
        territory=idea.territory,
        idea=idea,
        from_status=locked.status,
        to_status=to,
        answer=answer,
        decided_by=by,
        decided_at=now,
    )
    Idea.objects.filter(pk=idea.pk).update(status=to, updated_at=now)
    idea.status = to
    idea.updated_at = now
    transaction.on_commit(partial(_notify_status_change, change_id=change.pk))
    return idea


@transaction.atomic
def idea_study(*, idea: Idea, by: User, answer: str) -> Idea:
    """submitted → under study."""
    return _transition(idea=idea, by=by, to=IdeaStatus.UNDER_STUDY, answer=answer)


@transaction.atomic
def idea_accept(*, idea: Idea, by: User, answer: str) -> Idea:
    """under study → accepted."""
    return _transition(idea=idea, by=by, to=IdeaStatus.ACCEPTED, answer=answer)


@transaction.atomic
def idea_decline(*, idea: Idea, by: User, reasons: str) -> Idea:
    """under study → declined, with the reasons, public."""
    return _transition(idea=idea, by=by, to=IdeaStatus.DECLINED, answer=reasons)


@transaction.atomic
def idea_start(*, idea: Idea, by: User, answer: str) -> Idea:
    """accepted → in progress."""
    return _transition(idea=idea, by=by, to=IdeaStatus.IN_PROGRESS, answer=answer)


@transaction.atomic
def idea_realise(*, idea: Idea, by: User, answer: str) -> Idea:
    """in progress → realised."""
    return _transition(idea=idea, by=by, to=IdeaStatus.REALISED, answer=answer)


def idea_answer(*, idea: Idea, by: User, to: str, answer: str) -> Idea:
    """The answer form's entry point: the transition service for the chosen status."""
    if to == IdeaStatus.UNDER_STUDY:
        return idea_study(idea=idea, by=by, answer=answer)
    if to == IdeaStatus.ACCEPTED:
        return idea_accept(idea=idea, by=by, answer=answer)
    if to == IdeaStatus.DECLINED:
        return idea_decline(idea=idea, by=by, reasons=answer)
    if to == IdeaStatus.IN_PROGRESS:
        return idea_start(idea=idea, by=by, answer=answer)
    if to == IdeaStatus.REALISED:
        return idea_realise(idea=idea, by=by, answer=answer)
    raise IdeaFieldError(_("Choisissez le nouvel état de l'idée."), field="status")


@transaction.atomic
def idea_refresh_counts(*, idea: Idea) -> Idea:
    """Count supports and published comments again (after a moderation decision)."""
    supports = Support.objects.filter(idea=idea).count()
    comments = Comment.objects.filter(idea=idea, visibility=Visibility.PUBLISHED).count()
    Idea.objects.filter(pk=idea.pk).update(support_count=supports, comment_count=comments)
    idea.support_count, idea.comment_count = supports, comments
    return idea


def bump_comment_count(*, idea: Idea, by: int) -> None:
    Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + by)
    idea.comment_count += by
