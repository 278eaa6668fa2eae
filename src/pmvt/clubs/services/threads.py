"""Write in a club: open a thread, reply, and the moderators' pin, close and solved marks.

A new thread or reply starts as the territory's publishing rule says (published, or pending
for plain inhabitants where the territory moderates before publication). Only published
replies count and notify: the thread's author and everyone who replied hear of a new reply.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.clubs.access import (
    access_club_manage,
    access_club_post,
    access_thread_mark_solved,
    access_thread_reply,
)
from pmvt.clubs.errors import ClubErrorCode
from pmvt.clubs.formatting import person_name
from pmvt.clubs.models import Club, ClubMembership, MembershipStatus, Reply, Thread
from pmvt.clubs.services._common import ClubFieldError, free_slug, one_line, text_block
from pmvt.community.models import Visibility
from pmvt.core.exceptions import ApplicationError
from pmvt.notifications.services import notify

NOTIFICATION_KIND = "club"
MAX_BODY = 10000
# Words the URLs use after /discussions/.
RESERVED_SLUGS = {"nouvelle"}


def _clean_body(body: str, *, field: str = "body") -> str:
    body = text_block(body)
    if not body:
        raise ClubFieldError(_("Écrivez votre message."), field=field)
    if len(body) > MAX_BODY:
        raise ClubFieldError(_("Le message ne doit pas dépasser 10000 caractères."), field=field)
    return body


# A club's members are known to it (and approved, where the club says so): their posts are
# published at once and moderated afterwards, on report, by the club's and the territory's
# moderators. Pre-moderating every message would stall the conversation the club is for.
CLUB_POST_VISIBILITY = Visibility.PUBLISHED


@transaction.atomic
def thread_create(*, club: Club, author: User, title: str, category: str, body: str) -> Thread:
    access_club_post(user=author, club=club)
    title = one_line(title)
    if not title or len(title) > 200:
        raise ClubFieldError(
            _("Indiquez le titre de la discussion (200 caractères au plus)."), field="title"
        )
    if category not in club.categories:
        raise ClubFieldError(_("Choisissez une catégorie proposée par ce club."), field="category")
    body = _clean_body(body)
    thread = Thread(
        territory=club.territory,
        club=club,
        author=author,
        title=title,
        category=category,
        body=body,
        visibility=CLUB_POST_VISIBILITY,
        last_activity_at=timezone.now(),
    )
    thread.slug = free_slug(
        model=Thread,
        scope={"club": club},
        title=title,
        fallback="discussion",
        reserved=RESERVED_SLUGS,
    )
    try:
        with transaction.atomic():
            thread.save()
    except IntegrityError:
        raise ApplicationError(
            _("Une discussion du même titre vient d'être ouverte. Réessayez."),
            code=ClubErrorCode.INVALID_FIELD,
        ) from None
    return thread


def thread_participants(*, thread: Thread) -> list[User]:
    """The thread's author and everyone who replied, still active members of the club."""
    author_ids = {thread.author_id} if thread.author_id else set()
    author_ids |= set(
        Reply.objects.filter(thread=thread, visibility=Visibility.PUBLISHED)
        .exclude(author=None)
        .values_list("author_id", flat=True)
    )
    member_ids = set(
        ClubMembership.objects.filter(
            club_id=thread.club_id, status=MembershipStatus.ACTIVE, user_id__in=author_ids
        ).values_list("user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=member_ids, is_active=True).order_by("pk"))


@transaction.atomic
def reply_create(*, thread: Thread, author: User, body: str) -> Reply:
    access_thread_reply(user=author, thread=thread)
    body = _clean_body(body)
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    if locked.locked:
        # Closed between the page and the click: only the club's moderators may still write.
        access_thread_reply(user=author, thread=locked)
    reply = Reply.objects.create(
        territory=thread.territory,
        thread=thread,
        author=author,
        body=body,
        visibility=CLUB_POST_VISIBILITY,
    )
    if reply.visibility == Visibility.PUBLISHED:
        now = timezone.now()
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_activity_at=now
        )
        thread.reply_count = locked.reply_count + 1
        thread.last_activity_at = now
        for user in thread_participants(thread=thread):
            if user.pk == author.pk:
                continue
            notify(
                user=user,
                territory=thread.territory,
                kind=NOTIFICATION_KIND,
                title=_("Nouvelle réponse dans la discussion %(title)s") % {"title": thread.title},
                body=_("%(person)s a répondu dans le %(club)s.")
                % {"person": person_name(author), "club": thread.club.name},
                url=reply.get_absolute_url(),
            )
    return reply


def thread_refresh_counts(*, thread: Thread) -> Thread:
    """Count the published replies again (after a moderation decision on one of them)."""
    count = Reply.objects.filter(thread=thread, visibility=Visibility.PUBLISHED).count()
    Thread.objects.filter(pk=thread.pk).update(reply_count=count)
    thread.reply_count = count
    return thread


@transaction.atomic
def thread_set_pinned(*, thread: Thread, by: User, pinned: bool) -> Thread:
    access_club_manage(user=by, club=thread.club)
    if thread.pinned != bool(pinned):
        thread.pinned = bool(pinned)
        thread.save(update_fields=["pinned", "updated_at"])
    return thread


@transaction.atomic
def thread_set_locked(*, thread: Thread, by: User, locked: bool) -> Thread:
    access_club_manage(user=by, club=thread.club)
    if thread.locked != bool(locked):
        thread.locked = bool(locked)
        thread.save(update_fields=["locked", "updated_at"])
    return thread


@transaction.atomic
def thread_mark_solved(*, thread: Thread, by: User, reply: Reply | None) -> Thread:
    """Mark the reply that solved the question (None: the question is open again)."""
    if not thread.is_question:
        raise ApplicationError(
            _("Seule une question peut être marquée comme résolue."),
            code=ClubErrorCode.NOT_A_QUESTION,
        )
    access_thread_mark_solved(user=by, thread=thread)
    if reply is not None and (
        reply.thread_id != thread.pk or reply.visibility != Visibility.PUBLISHED
    ):
        raise ApplicationError(
            _("Choisissez une réponse publiée de cette discussion."),
            code=ClubErrorCode.INVALID_FIELD,
        )
    new_id = reply.pk if reply is not None else None
    if thread.solved_reply_id == new_id:
        return thread
    thread.solved_reply = reply
    thread.save(update_fields=["solved_reply", "updated_at"])
    if reply is not None and reply.author_id and reply.author_id != by.pk and reply.author:
        notify(
            user=reply.author,
            territory=thread.territory,
            kind=NOTIFICATION_KIND,
            title=_("Votre réponse a résolu la question %(title)s") % {"title": thread.title},
            body=_("Merci pour votre aide dans le %(club)s.") % {"club": thread.club.name},
            url=reply.get_absolute_url(),
        )
    return thread
