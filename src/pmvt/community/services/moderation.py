"""Report content, and moderate it: every write of the moderation of the Valeurs territoriales.

- `content_report()`: anyone signed in reports a piece of content once; when its open reports
  reach the territory's threshold (`CommunitySettings.report_threshold`, 3 by default), the
  content is hidden until a moderator decides. The content row is locked while counting, so
  two simultaneous reports cannot both miss (or both cross) the threshold.
- `content_moderate()`: a moderator's decision (publish, hide, remove, restore, dismiss the
  reports), with a mandatory reason: it resolves the open reports, is logged in
  `ModerationAction` (who, what, why), and the author is told why.

Both work on any model registered with `pmvt.community.registry.moderation_register`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from pmvt.accounts.access import MODERATING_ROLES, AnyUser
from pmvt.accounts.models import Membership, User
from pmvt.community.access import (
    access_content_as_moderator,
    access_content_for_report,
    is_author,
)
from pmvt.community.errors import CommunityErrorCode
from pmvt.community.models import (
    ModeratedContent,
    ModerationAction,
    ModerationDecision,
    Report,
    ReportReason,
    Visibility,
)
from pmvt.community.registry import Moderated, moderated_for
from pmvt.community.selectors import community_settings_of
from pmvt.core.exceptions import ApplicationError
from pmvt.notifications.services import notify

MAX_DETAILS = 1000
MAX_REASON = 2000
NOTIFICATION_KIND = "moderation"

# Which visibility each decision leads to, and from which visibilities it may be taken.
# Dismissing the reports keeps the visibility, except that content hidden by the reports
# comes back (see `_target_visibility`).
TRANSITIONS: dict[str, tuple[set[str], str | None]] = {
    ModerationDecision.APPROVE: ({Visibility.PENDING}, Visibility.PUBLISHED),
    ModerationDecision.HIDE: ({Visibility.PUBLISHED, Visibility.PENDING}, Visibility.HIDDEN),
    ModerationDecision.REMOVE: (
        {Visibility.PUBLISHED, Visibility.PENDING, Visibility.HIDDEN},
        Visibility.REMOVED,
    ),
    ModerationDecision.RESTORE: ({Visibility.HIDDEN, Visibility.REMOVED}, Visibility.PUBLISHED),
    ModerationDecision.DISMISS: (
        {Visibility.PUBLISHED, Visibility.PENDING, Visibility.HIDDEN},
        None,
    ),
}


def _registered(content: ModeratedContent) -> Moderated:
    moderated = moderated_for(type(content))
    if moderated is None:
        raise ApplicationError(
            _("Ce type de contenu ne peut pas être signalé."),
            code=CommunityErrorCode.NOT_MODERATED,
        )
    return moderated


def content_title(content: ModeratedContent) -> str:
    moderated = moderated_for(type(content))
    title = moderated.title(content) if moderated else str(content)
    return str(title)[:300]


def content_kind(content: ModeratedContent) -> str:
    moderated = moderated_for(type(content))
    return str(moderated.kind) if moderated else str(type(content)._meta.verbose_name)


def _lock(content: ModeratedContent) -> ModeratedContent:
    """The content row, locked until the end of the transaction, read fresh."""
    model = type(content)
    return model._base_manager.select_for_update().get(pk=content.pk)


def _copy_state(*, source: ModeratedContent, target: ModeratedContent) -> None:
    """Give the caller's instance the state just written, so it does not act on stale data."""
    target.visibility = source.visibility
    target.report_count = source.report_count


def open_reports_of(content: ModeratedContent):
    content_type = ContentType.objects.get_for_model(type(content))
    return Report.objects.filter(
        territory_id=content.territory_id,
        content_type=content_type,
        object_id=content.pk,
        resolved_at__isnull=True,
    )


def _moderators_to_notify(*, content: ModeratedContent, exclude: AnyUser) -> list[User]:
    memberships = Membership.objects.filter(
        territory_id=content.territory_id, role__in=MODERATING_ROLES, user__is_active=True
    ).select_related("user")
    return [m.user for m in memberships if m.user_id != exclude.pk]


def _notify_moderators(*, content: ModeratedContent, reporter: AnyUser, hidden: bool) -> None:
    title_of = content_title(content)
    if hidden:
        title = _("Contenu masqué après plusieurs signalements")
        body = _(
            "« %(title)s » a atteint le seuil de signalements : il est masqué jusqu'à votre "
            "décision."
        ) % {"title": title_of}
    else:
        title = _("Nouveau contenu signalé")
        body = _("« %(title)s » a été signalé. Examinez-le dans la file de modération.") % {
            "title": title_of
        }
    url = reverse("community:queue_reported", kwargs={"territory_slug": content.territory.slug})
    for moderator in _moderators_to_notify(content=content, exclude=reporter):
        notify(
            user=moderator,
            territory=content.territory,
            kind=NOTIFICATION_KIND,
            title=title,
            body=body,
            url=url,
        )


@transaction.atomic
def content_report(
    *, user: AnyUser, content: ModeratedContent, reason: str, details: str = ""
) -> Report:
    """Record the user's report; hide the content once its open reports reach the threshold."""
    _registered(content)
    access_content_for_report(user=user, content=content)
    if is_author(user=user, content=content):
        raise ApplicationError(
            _("Vous ne pouvez pas signaler votre propre contenu."),
            code=CommunityErrorCode.OWN_CONTENT,
        )
    if reason not in ReportReason.values:
        raise ApplicationError(
            _("Choisissez le motif du signalement."), code=CommunityErrorCode.INVALID_REASON
        )
    details = (details or "").strip()
    if len(details) > MAX_DETAILS:
        raise ApplicationError(
            _("Les précisions ne doivent pas dépasser 1000 caractères."),
            code=CommunityErrorCode.DETAILS_TOO_LONG,
        )
    if reason == ReportReason.OTHER and not details:
        raise ApplicationError(
            _("Précisez la raison du signalement quand vous choisissez « Autre raison »."),
            code=CommunityErrorCode.DETAILS_REQUIRED,
        )
    locked = _lock(content)
    if locked.visibility not in (Visibility.PUBLISHED, Visibility.PENDING):
        _copy_state(source=locked, target=content)
        raise ApplicationError(
            _("Ce contenu est déjà masqué ou retiré : les modérateurs l'examinent."),
            code=CommunityErrorCode.NOT_REPORTABLE,
        )
    content_type = ContentType.objects.get_for_model(type(content))
    if Report.objects.filter(
        content_type=content_type, object_id=content.pk, reporter_id=user.pk
    ).exists():
        raise ApplicationError(
            _("Vous avez déjà signalé ce contenu : les modérateurs vont l'examiner."),
            code=CommunityErrorCode.ALREADY_REPORTED,
        )
    try:
        with transaction.atomic():
            report = Report.objects.create(
                territory_id=content.territory_id,
                content_type=content_type,
                object_id=content.pk,
                reporter_id=user.pk,
                reason=reason,
                details=details,
            )
    except IntegrityError as error:  # The same person reporting twice at the same instant.
        raise ApplicationError(
            _("Vous avez déjà signalé ce contenu : les modérateurs vont l'examiner."),
            code=CommunityErrorCode.ALREADY_REPORTED,
        ) from error
    model = type(content)
    model._base_manager.filter(pk=content.pk).update(report_count=F("report_count") + 1)
    locked.refresh_from_db(fields=["report_count"])
    threshold = community_settings_of(content.territory).report_threshold
    hidden = locked.visibility == Visibility.PUBLISHED and locked.report_count >= threshold
    if hidden:
        locked.visibility = Visibility.HIDDEN
        locked.save(update_fields=["visibility"])
    _copy_state(source=locked, target=content)
    if hidden or locked.report_count == 1:
        _notify_moderators(content=locked, reporter=user, hidden=hidden)
    return report


def _target_visibility(*, decision: str, current: str) -> str:
    allowed, target = TRANSITIONS[decision]
    if current not in allowed:
        raise ApplicationError(
            _("Cette décision n'est pas possible pour un contenu « %(visibility)s ».")
            % {"visibility": Visibility(current).label},
            code=CommunityErrorCode.DECISION_NOT_ALLOWED,
        )
    if target is None:  # Dismiss: content hidden by the reports comes back.
        return Visibility.PUBLISHED if current == Visibility.HIDDEN else current
    return target


def _notify_author(
    *, content: ModeratedContent, decision: str, reason: str, changed: bool, moderator: AnyUser
) -> None:
    author = content.author
    if author is None or not author.is_active or author.pk == moderator.pk:
        return
    if decision == ModerationDecision.DISMISS and not changed:
        return  # Nothing happened to the author's content.
    title_of = content_title(content)
    titles: dict[str, StrOrPromise] = {
        ModerationDecision.APPROVE: _("Votre contenu est publié"),
        ModerationDecision.HIDE: _("Votre contenu est masqué par la modération"),
        ModerationDecision.REMOVE: _("Votre contenu est retiré par la modération"),
        ModerationDecision.RESTORE: _("Votre contenu est de nouveau visible"),
        ModerationDecision.DISMISS: _("Votre contenu est de nouveau visible"),
    }
    body = _("« %(title)s » : décision de la modération. Motif donné : %(reason)s") % {
        "title": title_of,
        "reason": reason,
    }
    notify(
        user=author,
        territory=content.territory,
        kind=NOTIFICATION_KIND,
        title=str(titles[decision]),
        body=body,
        url=content.get_absolute_url(),  # type: ignore[attr-defined]
    )


@transaction.atomic
def content_moderate(
    *, moderator: AnyUser, content: ModeratedContent, decision: str, reason: str
) -> ModerationAction:
    """Apply a moderator's decision, resolve the open reports, log it and tell the author."""
    _registered(content)
    access_content_as_moderator(user=moderator, content=content)
    if decision not in ModerationDecision.values:
        raise ApplicationError(
            _("Choisissez une décision."), code=CommunityErrorCode.INVALID_DECISION
        )
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            _("Donnez le motif de la décision : il est transmis à l'auteur."),
            code=CommunityErrorCode.REASON_REQUIRED,
        )
    if len(reason) > MAX_REASON:
        raise ApplicationError(
            _("Le motif ne doit pas dépasser 2000 caractères."),
            code=CommunityErrorCode.REASON_TOO_LONG,
        )
    locked = _lock(content)
    open_reports = open_reports_of(locked)
    if decision == ModerationDecision.DISMISS and not open_reports.exists():
        raise ApplicationError(
            _("Ce contenu n'a aucun signalement en attente."),
            code=CommunityErrorCode.DECISION_NOT_ALLOWED,
        )
    before = locked.visibility
    after = _target_visibility(decision=decision, current=before)
    open_reports.update(resolved_at=timezone.now())
    locked.visibility = after
    locked.report_count = 0
    locked.save(update_fields=["visibility", "report_count"])
    _copy_state(source=locked, target=content)
    action = ModerationAction.objects.create(
        territory_id=locked.territory_id,
        content_type=ContentType.objects.get_for_model(type(locked)),
        object_id=locked.pk,
        content_title=content_title(locked),
        moderator_id=moderator.pk,
        decision=decision,
        reason=reason,
    )
    _notify_author(
        content=locked,
        decision=decision,
        reason=reason,
        changed=before != after,
        moderator=moderator,
    )
    return action
