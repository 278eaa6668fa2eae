"""Ideas in "download my data" and "delete my account"."""

from pmvt.accounts.personal_data import HANDLERS
from pmvt.ideas.models import Comment, Follow, Support
from pmvt.ideas.services.participation import comment_create, idea_support

from .conftest import fresh


def test_export_and_erasure_keep_the_debate_and_the_counts_exact(
    campaign, make_idea, member, make_member, territory
):
    other = make_member(territory, email="autre@apt.test")
    idea = make_idea(campaign, other)
    mine = make_idea(campaign, member, title="Un skate-park")
    idea_support(idea=fresh(idea), user=member)
    comment_create(idea=fresh(idea), author=member, text="Très bonne idée.")

    data = HANDLERS["ideas"].export(member)
    assert [i["title"] for i in data["ideas"]] == ["Un skate-park"]
    assert [c["text"] for c in data["comments"]] == ["Très bonne idée."]
    assert data["supports"] == [idea.title]

    HANDLERS["ideas"].erase(member)

    assert fresh(idea).support_count == 0
    assert not Support.objects.filter(user=member).exists()
    assert not Follow.objects.filter(user=member).exists()
    assert fresh(mine).author is None
    assert Comment.objects.get(text="Très bonne idée.").author is None
