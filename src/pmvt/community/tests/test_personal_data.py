"""The community's share of the personal data export and of the account erasure."""

from pmvt.accounts.services.users import user_erase, user_export_data
from pmvt.community.models import ModerationAction, ModerationDecision, Report
from pmvt.community.services.moderation import content_moderate, content_report
from pmvt.news.models import Post


def test_export_lists_the_reports_and_the_decisions(post, member, moderator):
    content_report(user=member, content=post, reason="spam", details="Publicité.")
    content_moderate(
        moderator=moderator, content=post, decision=ModerationDecision.HIDE, reason="Pub."
    )
    [report] = user_export_data(user=member)["community"]["reports"]
    assert (report["reason"], report["details"], report["content_id"]) == (
        "spam",
        "Publicité.",
        post.pk,
    )
    assert report["resolved_at"] is not None
    [decision] = user_export_data(user=moderator)["community"]["moderation_decisions"]
    assert (decision["decision"], decision["reason"], decision["content"]) == (
        "hide",
        "Pub.",
        post.title,
    )


def test_erasure_keeps_the_reports_without_the_reporter(post, member, moderator):
    content_report(user=member, content=post, reason="spam")
    content_moderate(
        moderator=moderator, content=post, decision=ModerationDecision.DISMISS, reason="Non."
    )
    user_erase(user=member)
    user_erase(user=moderator)
    report = Report.objects.get()
    assert (report.reporter_id, report.reason) == (None, "spam")
    assert ModerationAction.objects.get(decision="dismiss").moderator_id is None
    assert Post.objects.filter(pk=post.pk).exists()
