"""Threads and replies: writing, counts, notifications, pinning, closing, solved questions."""

import pytest

from pmvt.clubs.models import Thread
from pmvt.clubs.services.memberships import club_leave
from pmvt.clubs.services.threads import (
    reply_create,
    thread_create,
    thread_mark_solved,
    thread_set_locked,
    thread_set_pinned,
)
from pmvt.community.models import Visibility
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.notifications.models import Notification


@pytest.fixture
def trio(open_club, join, member, make_member, territory):
    """Three active members of the open club: Anne (author), Bruno and Chloé."""
    bruno = make_member(territory, email="bruno@apt.test", display_name="Bruno")
    chloe = make_member(territory, email="chloe@apt.test", display_name="Chloé")
    member.display_name = "Anne"
    member.save(update_fields=["display_name"])
    for user in (member, bruno, chloe):
        join(open_club, user)
    return member, bruno, chloe


def test_a_member_opens_a_thread(open_club, trio):
    anne, _, _ = trio
    thread = thread_create(
        club=open_club,
        author=anne,
        title="  Vos idées   de paniers ",
        category="co_design",
        body="Un panier *mixte* ?",
    )
    assert thread.title == "Vos idées de paniers"
    assert thread.slug == "vos-idees-de-paniers"
    assert thread.visibility == Visibility.PUBLISHED
    assert thread.territory == open_club.territory
    again = thread_create(
        club=open_club, author=anne, title="Vos idées de paniers", category="co_design", body="Bis"
    )
    assert again.slug == "vos-idees-de-paniers-2"
    reserved = thread_create(
        club=open_club, author=anne, title="Nouvelle", category="other", body="x"
    )
    assert reserved.slug == "discussion-nouvelle"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "", "category": "question", "body": "x"}, "title"),
        ({"title": "x" * 201, "category": "question", "body": "x"}, "title"),
        ({"title": "Achat", "category": "group_purchase", "body": "x"}, "category"),
        ({"title": "Achat", "category": "inconnue", "body": "x"}, "category"),
        ({"title": "Achat", "category": "question", "body": "   "}, "body"),
        ({"title": "Achat", "category": "question", "body": "x" * 10001}, "body"),
    ],
)
def test_a_bad_thread_is_refused_and_nothing_is_written(open_club, trio, values, field):
    with pytest.raises(ApplicationError) as caught:
        thread_create(club=open_club, author=trio[0], **values)
    assert caught.value.field == field  # type: ignore[attr-defined]
    assert Thread.objects.count() == 0


def test_a_non_member_cannot_open_a_thread(open_club, actor_member):
    with pytest.raises(PermissionDeniedError):
        thread_create(
            club=open_club, author=actor_member, title="Hello", category="question", body="x"
        )
    assert Thread.objects.count() == 0


def test_a_reply_counts_and_notifies_the_author_and_earlier_repliers(open_club, trio, make_thread):
    anne, bruno, chloe = trio
    thread = make_thread(open_club, anne)
    reply_create(thread=thread, author=bruno, body="Chez le grossiste de Gargas.")
    reply = reply_create(thread=thread, author=chloe, body="Ou en achat groupé !")

    thread.refresh_from_db()
    assert thread.reply_count == 2
    assert thread.last_activity_at >= reply.created_at
    to_anne = Notification.objects.filter(user=anne, kind="club").order_by("pk")
    assert [n.body for n in to_anne] == [
        "Bruno a répondu dans le Club citoyens–acteurs.",
        "Chloé a répondu dans le Club citoyens–acteurs.",
    ]
    last = to_anne.last()
    assert last is not None
    assert last.url == reply.get_absolute_url()
    assert Notification.objects.filter(user=bruno, kind="club").count() == 1  # Chloé's reply.
    assert Notification.objects.filter(user=chloe, kind="club").count() == 0  # Her own.


def test_a_member_who_left_hears_no_more(open_club, trio, make_thread):
    anne, bruno, _ = trio
    thread = make_thread(open_club, anne)
    club_leave(club=open_club, user=anne)
    reply_create(thread=thread, author=bruno, body="Réponse.")
    assert Notification.objects.filter(user=anne, kind="club").count() == 0


def test_an_empty_reply_is_refused(open_club, trio, make_thread):
    thread = make_thread(open_club, trio[0])
    with pytest.raises(ApplicationError):
        reply_create(thread=thread, author=trio[1], body=" \n ")
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_a_closed_thread_refuses_replies_from_members(open_club, trio, make_thread, moderator):
    thread = make_thread(open_club, trio[0])
    thread_set_locked(thread=thread, by=moderator, locked=True)
    with pytest.raises(PermissionDeniedError):
        reply_create(thread=thread, author=trio[1], body="Trop tard ?")
    assert thread.replies.count() == 0


def test_pinning_is_for_managers(open_club, trio, make_thread, moderator):
    thread = make_thread(open_club, trio[0])
    with pytest.raises(PermissionDeniedError):
        thread_set_pinned(thread=thread, by=trio[0], pinned=True)
    thread.refresh_from_db()
    assert not thread.pinned
    thread_set_pinned(thread=thread, by=moderator, pinned=True)
    thread.refresh_from_db()
    assert thread.pinned


def test_the_author_marks_the_reply_that_solved_the_question(open_club, trio, make_thread):
    anne, bruno, chloe = trio
    question = make_thread(open_club, anne, category="question")
    reply = reply_create(thread=question, author=bruno, body="Chez le grossiste.")

    thread_mark_solved(thread=question, by=anne, reply=reply)

    question.refresh_from_db()
    assert question.solved_reply == reply
    assert question.is_solved
    notice = Notification.objects.filter(user=bruno, kind="club").last()
    assert notice is not None
    assert notice.title == f"Votre réponse a résolu la question {question.title}"
    with pytest.raises(PermissionDeniedError):
        thread_mark_solved(thread=question, by=chloe, reply=None)
    thread_mark_solved(thread=question, by=anne, reply=None)
    question.refresh_from_db()
    assert not question.is_solved


def test_only_a_question_is_solved_and_by_one_of_its_replies(open_club, trio, make_thread):
    anne, bruno, _ = trio
    feedback = make_thread(open_club, anne, "Le marché de samedi", category="feedback")
    question = make_thread(open_club, anne, category="question")
    elsewhere = reply_create(thread=feedback, author=bruno, body="Très bien.")
    with pytest.raises(ApplicationError):
        thread_mark_solved(thread=feedback, by=anne, reply=elsewhere)
    with pytest.raises(ApplicationError):
        thread_mark_solved(thread=question, by=anne, reply=elsewhere)
    question.refresh_from_db()
    assert question.solved_reply is None
