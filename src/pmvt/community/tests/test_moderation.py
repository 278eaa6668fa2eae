"""Report content, hide it after N reports, moderate it: the services."""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django_scopes import scope

from pmvt.accounts.models import Role
from pmvt.community.models import (
    ModerationAction,
    ModerationDecision,
    Report,
    ReportReason,
    Visibility,
)
from pmvt.community.services.moderation import content_moderate, content_report
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.news.models import Post
from pmvt.notifications.models import Notification


def _to_moderators():
    """Notifications of the moderators (the set-up's approval also tells the author)."""
    return Notification.objects.filter(kind="moderation").exclude(title__startswith="Votre")


def _state(post: Post) -> tuple[str, int, int]:
    fresh = Post.objects.get(pk=post.pk)
    return fresh.visibility, fresh.report_count, Report.objects.count()


# --- reporting ---------------------------------------------------------------------------------


def test_report_is_recorded_and_counted(post, member):
    report = content_report(
        user=member, content=post, reason=ReportReason.SPAM, details="  Pub déguisée.  "
    )
    assert (report.reporter, report.reason, report.details) == (member, "spam", "Pub déguisée.")
    assert (report.territory_id, report.object_id, report.resolved_at) == (
        post.territory_id,
        post.pk,
        None,
    )
    assert _state(post) == (Visibility.PUBLISHED, 1, 1)
    assert post.report_count == 1  # The caller's instance is up to date.


def test_rejects_a_second_report_by_the_same_person(post, member):
    content_report(user=member, content=post, reason=ReportReason.SPAM)
    with pytest.raises(ApplicationError, match="déjà signalé"):
        content_report(user=member, content=post, reason=ReportReason.OFFENSIVE)
    assert _state(post) == (Visibility.PUBLISHED, 1, 1)


def test_rejects_reporting_ones_own_content(post, author):
    with pytest.raises(ApplicationError, match="votre propre contenu"):
        content_report(user=author, content=post, reason=ReportReason.SPAM)
    assert _state(post) == (Visibility.PUBLISHED, 0, 0)


def test_rejects_an_anonymous_report(post):
    with pytest.raises(PermissionDeniedError, match="Connectez-vous"):
        content_report(user=AnonymousUser(), content=post, reason=ReportReason.SPAM)
    assert _state(post) == (Visibility.PUBLISHED, 0, 0)


def test_rejects_an_inactive_account(post, member):
    member.is_active = False
    member.save()
    with pytest.raises(PermissionDeniedError):
        content_report(user=member, content=post, reason=ReportReason.SPAM)
    assert _state(post) == (Visibility.PUBLISHED, 0, 0)


def test_rejects_an_unknown_reason(post, member):
    with pytest.raises(ApplicationError, match="motif"):
        content_report(user=member, content=post, reason="boring")
    assert _state(post) == (Visibility.PUBLISHED, 0, 0)


def test_other_reason_needs_details(post, member):
    with pytest.raises(ApplicationError, match="Précisez"):
        content_report(user=member, content=post, reason=ReportReason.OTHER, details="   ")
    assert _state(post) == (Visibility.PUBLISHED, 0, 0)
    content_report(user=member, content=post, reason=ReportReason.OTHER, details="Doublon.")
    assert _state(post) == (Visibility.PUBLISHED, 1, 1)


def test_rejects_details_too_long(post, member):
    with pytest.raises(ApplicationError, match="1000"):
        content_report(user=member, content=post, reason=ReportReason.SPAM, details="x" * 1001)
    assert _state(post) == (Visibility.PUBLISHED, 0, 0)


def test_rejects_content_the_user_cannot_see(make_post, author, member):
    pending = make_post(author, published=False)
    with pytest.raises(PermissionDeniedError):
        content_report(user=member, content=pending, reason=ReportReason.SPAM)
    assert _state(pending) == (Visibility.PENDING, 0, 0)


def test_a_moderator_may_report_pending_content(make_post, author, moderator):
    pending = make_post(author, published=False)
    content_report(user=moderator, content=pending, reason=ReportReason.SPAM)
    assert _state(pending) == (Visibility.PENDING, 1, 1)


def test_content_hidden_at_the_threshold(post, make_reporters):
    first, second, third = make_reporters(3)
    content_report(user=first, content=post, reason=ReportReason.SPAM)
    content_report(user=second, content=post, reason=ReportReason.OFFENSIVE)
    assert _state(post) == (Visibility.PUBLISHED, 2, 2)
    content_report(user=third, content=post, reason=ReportReason.SPAM)
    assert _state(post) == (Visibility.HIDDEN, 3, 3)
    assert post.visibility == Visibility.HIDDEN


def test_threshold_is_the_territorys_setting(set_community, post, territory, member):
    set_community(report_threshold=1)
    content_report(user=member, content=post, reason=ReportReason.ILLEGAL)
    assert _state(post) == (Visibility.HIDDEN, 1, 1)


def test_pending_content_stays_pending_at_the_threshold(
    set_community, make_post, author, territory, moderator, admin
):
    set_community(report_threshold=1)
    pending = make_post(author, published=False)
    content_report(user=moderator, content=pending, reason=ReportReason.SPAM)
    assert _state(pending) == (Visibility.PENDING, 1, 1)


def test_hidden_content_cannot_be_reported_again(
    set_community, post, territory, make_reporters, moderator
):
    set_community(report_threshold=1)
    first, _second = make_reporters(2)
    content_report(user=first, content=post, reason=ReportReason.SPAM)
    with pytest.raises(ApplicationError, match="déjà masqué"):
        content_report(user=moderator, content=post, reason=ReportReason.SPAM)
    assert _state(post) == (Visibility.HIDDEN, 1, 1)


def test_moderators_are_told_of_the_first_report_and_of_the_hiding(
    post, territory, make_reporters, moderator, admin
):
    first, second, third = make_reporters(3)
    content_report(user=first, content=post, reason=ReportReason.SPAM)
    titles = sorted(_to_moderators().values_list("user", "title"))
    assert titles == sorted(
        [(moderator.pk, "Nouveau contenu signalé"), (admin.pk, "Nouveau contenu signalé")]
    )
    content_report(user=second, content=post, reason=ReportReason.SPAM)
    assert _to_moderators().count() == 2
    content_report(user=third, content=post, reason=ReportReason.SPAM)
    hidden = Notification.objects.filter(
        kind="moderation", title="Contenu masqué après plusieurs signalements"
    )
    assert sorted(hidden.values_list("user", flat=True)) == sorted([moderator.pk, admin.pk])
    assert hidden.get(user=moderator).url == "/t/pays-dapt-luberon/moderation/signales/"


def test_moderators_of_another_territory_are_not_told(post, member, other_territory, make_member):
    make_member(other_territory, Role.MODERATOR)
    content_report(user=member, content=post, reason=ReportReason.SPAM)
    assert _to_moderators().count() == 0


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reports_hide_the_content_at_the_threshold_exactly(
    post, territory, make_reporters
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    reporters = make_reporters(6)
    barrier = threading.Barrier(len(reporters))
    errors = []

    def report(user):
        try:
            with scope(territory=territory):  # As the request's middleware does.
                content = Post.objects.get(pk=post.pk)
                barrier.wait()
                content_report(user=user, content=content, reason="spam")
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=report, args=(user,)) for user in reporters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # The third report hides the post; the later ones are refused, none is lost or doubled.
    assert len(errors) == 3
    assert all("déjà masqué" in str(error) for error in errors)
    assert _state(post) == (Visibility.HIDDEN, 3, 3)


# --- moderating --------------------------------------------------------------------------------


def _decide(content, moderator, decision, reason="Contraire à la charte du territoire."):
    return content_moderate(moderator=moderator, content=content, decision=decision, reason=reason)


def test_approve_publishes_pending_content_logs_and_tells_the_author(make_post, author, moderator):
    pending = make_post(author, published=False)
    action = _decide(pending, moderator, ModerationDecision.APPROVE, "Merci, c'est clair.")
    fresh = Post.objects.get(pk=pending.pk)
    assert (fresh.visibility, fresh.published_at is not None) == (Visibility.PUBLISHED, True)
    assert (action.moderator, action.decision, action.reason, action.content_title) == (
        moderator,
        "approve",
        "Merci, c'est clair.",
        pending.title,
    )
    told = Notification.objects.get(user=author, kind="moderation")
    assert told.title == "Votre contenu est publié"
    assert "Merci, c'est clair." in told.body
    assert told.url == fresh.get_absolute_url()


def test_rejects_approving_published_content(post, moderator):
    with pytest.raises(ApplicationError, match="pas possible"):
        _decide(post, moderator, ModerationDecision.APPROVE)
    assert _state(post) == (Visibility.PUBLISHED, 0, 0)
    assert ModerationAction.objects.filter(decision="hide").count() == 0


def test_hide_resolves_the_reports_and_tells_the_author_why(post, author, member, moderator):
    content_report(user=member, content=post, reason=ReportReason.OFFENSIVE)
    _decide(post, moderator, ModerationDecision.HIDE, "Propos injurieux envers un commerçant.")
    assert _state(post) == (Visibility.HIDDEN, 0, 1)
    assert Report.objects.get().resolved_at is not None
    told = Notification.objects.filter(user=author).latest("pk")
    assert told.title == "Votre contenu est masqué par la modération"
    assert "Propos injurieux envers un commerçant." in told.body


def test_remove_then_restore(post, moderator):
    _decide(post, moderator, ModerationDecision.REMOVE)
    assert _state(post)[0] == Visibility.REMOVED
    _decide(post, moderator, ModerationDecision.RESTORE, "Erreur de ma part.")
    assert _state(post)[0] == Visibility.PUBLISHED
    assert list(
        ModerationAction.objects.filter(object_id=post.pk)
        .exclude(decision="approve")  # The set-up's approval.
        .order_by("pk")
        .values_list("decision", flat=True)
    ) == ["remove", "restore"]


def test_rejects_restoring_published_content(post, moderator):
    with pytest.raises(ApplicationError):
        _decide(post, moderator, ModerationDecision.RESTORE)
    assert _state(post)[0] == Visibility.PUBLISHED


def test_rejects_removing_removed_content(post, moderator):
    _decide(post, moderator, ModerationDecision.REMOVE)
    with pytest.raises(ApplicationError):
        _decide(post, moderator, ModerationDecision.REMOVE)
    assert ModerationAction.objects.filter(decision="remove").count() == 1


def test_dismiss_brings_back_content_hidden_by_reports(
    set_community, post, territory, make_reporters, moderator
):
    set_community(report_threshold=2)
    for user in make_reporters(2):
        content_report(user=user, content=post, reason=ReportReason.MISLEADING)
    assert _state(post) == (Visibility.HIDDEN, 2, 2)
    _decide(post, moderator, ModerationDecision.DISMISS, "L'information est exacte.")
    assert _state(post) == (Visibility.PUBLISHED, 0, 2)
    assert not Report.objects.filter(resolved_at__isnull=True).exists()


def test_dismiss_of_published_content_does_not_bother_the_author(post, author, member, moderator):
    content_report(user=member, content=post, reason=ReportReason.SPAM)
    before = Notification.objects.filter(user=author).count()
    _decide(post, moderator, ModerationDecision.DISMISS, "Pas de publicité ici.")
    assert _state(post) == (Visibility.PUBLISHED, 0, 1)
    assert Notification.objects.filter(user=author).count() == before


def test_rejects_dismissing_without_reports(post, moderator):
    with pytest.raises(ApplicationError, match="aucun signalement"):
        _decide(post, moderator, ModerationDecision.DISMISS)
    assert not ModerationAction.objects.filter(decision="dismiss").exists()


def test_reason_is_mandatory(post, member, moderator):
    content_report(user=member, content=post, reason=ReportReason.SPAM)
    with pytest.raises(ApplicationError, match="motif"):
        _decide(post, moderator, ModerationDecision.HIDE, "   ")
    assert _state(post) == (Visibility.PUBLISHED, 1, 1)
    assert not ModerationAction.objects.filter(decision="hide").exists()


def test_rejects_a_reason_too_long(post, moderator):
    with pytest.raises(ApplicationError, match="2000"):
        _decide(post, moderator, ModerationDecision.HIDE, "x" * 2001)
    assert _state(post)[0] == Visibility.PUBLISHED


def test_rejects_an_unknown_decision(post, moderator):
    with pytest.raises(ApplicationError, match="décision"):
        _decide(post, moderator, "delete")
    assert _state(post)[0] == Visibility.PUBLISHED


def test_admin_and_operator_may_moderate(post, admin, operator):
    _decide(post, admin, ModerationDecision.HIDE)
    _decide(post, operator, ModerationDecision.RESTORE)
    assert _state(post)[0] == Visibility.PUBLISHED


@pytest.mark.parametrize("who", ["member", "actor_member", "author", "anonymous", "other"])
def test_only_the_territorys_moderators_may_moderate(
    post, who, request, make_member, other_territory
):
    users = {
        "anonymous": lambda: AnonymousUser(),
        "other": lambda: make_member(other_territory, Role.MODERATOR),
    }
    user = users[who]() if who in users else request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        _decide(post, user, ModerationDecision.HIDE)
    assert _state(post)[0] == Visibility.PUBLISHED
    assert not ModerationAction.objects.filter(decision="hide").exists()


def test_the_moderator_is_not_told_of_their_own_content(make_post, moderator):
    own = make_post(moderator)
    _decide(own, moderator, ModerationDecision.HIDE)
    assert not Notification.objects.filter(user=moderator, title__startswith="Votre").exists()
