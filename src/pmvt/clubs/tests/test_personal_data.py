"""The clubs' share of "download my data" and "delete my account"."""

from pmvt.accounts.services.users import user_erase
from pmvt.clubs.models import ClubMembership, Reply, Thread
from pmvt.clubs.personal_data import export_club_data
from pmvt.clubs.services.threads import reply_create


def test_export_lists_memberships_threads_and_replies(open_club, join, member, make_thread):
    join(open_club, member)
    thread = make_thread(open_club, member, "Mon sujet")
    reply_create(thread=thread, author=member, body="Ma réponse.")
    data = export_club_data(member)
    assert [m["club"] for m in data["memberships"]] == ["Club citoyens–acteurs"]
    assert [t["title"] for t in data["threads"]] == ["Mon sujet"]
    assert [r["body"] for r in data["replies"]] == ["Ma réponse."]


def test_erasure_removes_memberships_and_unlinks_the_content(open_club, join, member, make_thread):
    join(open_club, member)
    thread = make_thread(open_club, member)
    reply_create(thread=thread, author=member, body="Ma réponse.")
    user_erase(user=member)
    assert not ClubMembership.objects.filter(user=member).exists()
    assert Thread.objects.get(pk=thread.pk).author is None
    assert Reply.objects.get(thread=thread).author is None
