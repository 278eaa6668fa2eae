"""The ideas' services: campaigns, submitting, the answer workflow, supports, follows, comments."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone
from PIL import Image

from pmvt.community.models import Visibility
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.ideas.models import Campaign, Comment, Follow, Idea, IdeaStatus, IdeaStatusChange, Support
from pmvt.ideas.services._common import IdeaFieldError
from pmvt.ideas.services.campaigns import campaign_create, campaign_update
from pmvt.ideas.services.ideas import (
    idea_accept,
    idea_answer,
    idea_decline,
    idea_realise,
    idea_refresh_counts,
    idea_start,
    idea_study,
    idea_submit,
)
from pmvt.ideas.services.participation import (
    comment_create,
    idea_follow,
    idea_support,
    idea_support_withdraw,
    idea_unfollow,
)
from pmvt.notifications.models import Notification
from pmvt.territories.models import Commune

from .conftest import close, fresh


def png(size=(40, 30)) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", size, "orange").save(data, "PNG")
    return SimpleUploadedFile("affiche.png", data.getvalue(), content_type="image/png")


# --- campaigns --------------------------------------------------------------------------------


def test_an_admin_opens_a_campaign_with_themes(territory, admin, make_theme):
    youth = make_theme("Jeunesse", "jeunesse")
    now = timezone.now()
    campaign = campaign_create(
        territory=territory,
        by=admin,
        title="  Jeunes   en centre-bourg ",
        question="Comment faire revenir les jeunes en centre-bourg ?",
        opens_at=now,
        closes_at=now + timedelta(days=30),
        rules="Une idée par personne et par semaine.",
        themes=[youth],
    )
    assert (campaign.title, campaign.slug) == ("Jeunes en centre-bourg", "jeunes-en-centre-bourg")
    assert list(campaign.themes.all()) == [youth]
    assert campaign.created_by == admin
    assert campaign.is_open


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": " "}, "title"),
        ({"question": ""}, "question"),
        ({"closes_at": "before"}, "closes_at"),
        ({"description": "x" * 10001}, "description"),
    ],
)
def test_a_bad_campaign_is_refused_and_nothing_is_created(territory, admin, values, field):
    now = timezone.now()
    data = {
        "title": "Jeunes",
        "question": "Comment ?",
        "opens_at": now,
        "closes_at": now + timedelta(days=3),
        **values,
    }
    if data["closes_at"] == "before":
        data["closes_at"] = now - timedelta(hours=1)
    with pytest.raises(IdeaFieldError) as error:
        campaign_create(territory=territory, by=admin, **data)
    assert error.value.field == field
    assert not Campaign.objects.exists()


def test_a_campaign_takes_no_theme_of_another_territory(
    territory, admin, make_theme, other_territory
):
    foreign = make_theme("Mobilité", "mobilite", in_territory=other_territory)
    now = timezone.now()
    with pytest.raises(IdeaFieldError):
        campaign_create(
            territory=territory,
            by=admin,
            title="Jeunes",
            question="Comment ?",
            opens_at=now,
            closes_at=now + timedelta(days=3),
            themes=[foreign],
        )


def test_a_moderator_cannot_open_a_campaign(territory, moderator):
    now = timezone.now()
    with pytest.raises(PermissionDeniedError):
        campaign_create(
            territory=territory,
            by=moderator,
            title="Jeunes",
            question="Comment ?",
            opens_at=now,
            closes_at=now + timedelta(days=3),
        )
    assert not Campaign.objects.exists()


def test_an_admin_changes_a_campaign_and_its_address_stays(campaign, admin):
    campaign_update(
        campaign=campaign,
        by=admin,
        title="Nouveau titre",
        question=campaign.question,
        opens_at=campaign.opens_at,
        closes_at=campaign.closes_at + timedelta(days=7),
        rules="Règle nouvelle.",
    )
    campaign.refresh_from_db()
    assert (campaign.title, campaign.slug, campaign.rules) == (
        "Nouveau titre",
        "jeunes-en-centre-bourg",
        "Règle nouvelle.",
    )


# --- submitting -------------------------------------------------------------------------------


def test_a_member_submits_an_idea_and_follows_it(campaign, member, make_theme, territory):
    youth = make_theme("Jeunesse", "jeunesse")
    apt = Commune.objects.get(territory=territory, insee_code="84003")
    idea = idea_submit(
        campaign=campaign,
        author=member,
        title="Un tiers-lieu pour les jeunes",
        description="Ouvert le soir.\r\n\r\nAvec du wifi.",
        themes=[youth],
        commune=apt,
        image=png(),
        image_alt="Affiche orange",
    )
    idea = fresh(idea)
    assert (idea.slug, idea.status, idea.visibility) == (
        "un-tiers-lieu-pour-les-jeunes",
        IdeaStatus.SUBMITTED,
        Visibility.PUBLISHED,
    )
    assert idea.description == "Ouvert le soir.\n\nAvec du wifi."
    assert (idea.commune, list(idea.themes.all())) == (apt, [youth])
    assert idea.image.name.startswith("ideas/") and idea.image.name.endswith(".png")
    assert idea.image_alt == "Affiche orange"
    assert Follow.objects.filter(idea=idea, user=member).exists()


def test_two_ideas_with_the_same_title_get_distinct_addresses(campaign, make_idea, member):
    first = make_idea(campaign, member, "Proposer")
    second = make_idea(campaign, member, "Proposer")
    assert (first.slug, second.slug) == ("idee-proposer", "idee-proposer-2")


def test_an_inhabitants_idea_waits_for_moderation_when_the_territory_says_so(
    moderate_first, campaign, make_idea, member, admin
):
    assert make_idea(campaign, member).visibility == Visibility.PENDING
    assert make_idea(campaign, admin, "Idée de l'admin").visibility == Visibility.PUBLISHED


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 151}, "title"),
        ({"description": "   "}, "description"),
        ({"image_alt": ""}, "image_alt"),
    ],
)
def test_a_bad_idea_is_refused_and_nothing_is_created(campaign, member, values, field):
    data = {"title": "Un skatepark", "description": "Près du collège.", **values}
    if "image_alt" in values:
        data["image"] = png()
    with pytest.raises(IdeaFieldError) as error:
        idea_submit(campaign=campaign, author=member, **data)
    assert error.value.field == field
    assert not Idea.objects.exists()


def test_an_unreadable_image_is_refused(campaign, member):
    bogus = SimpleUploadedFile("affiche.png", b"not an image", content_type="image/png")
    with pytest.raises(IdeaFieldError) as error:
        idea_submit(
            campaign=campaign,
            author=member,
            title="Un skatepark",
            description="Près du collège.",
            image=bogus,
            image_alt="Affiche",
        )
    assert error.value.field == "image"
    assert not Idea.objects.exists()


def test_an_idea_takes_only_the_campaigns_themes(make_campaign, member, make_theme):
    youth, mobility = make_theme("Jeunesse", "jeunesse"), make_theme("Mobilité", "mobilite")
    campaign = make_campaign(themes=[youth])
    with pytest.raises(IdeaFieldError) as error:
        idea_submit(
            campaign=campaign, author=member, title="Bus", description="Le soir.", themes=[mobility]
        )
    assert error.value.field == "themes"


def test_an_idea_takes_only_a_commune_of_the_territory(campaign, member, other_territory):
    thann = Commune.objects.filter(territory=other_territory).first()
    with pytest.raises(IdeaFieldError) as error:
        idea_submit(
            campaign=campaign, author=member, title="Bus", description="Le soir.", commune=thann
        )
    assert error.value.field == "commune"


def test_nobody_submits_to_a_closed_campaign(campaign, member):
    close(campaign)
    with pytest.raises(PermissionDeniedError):
        idea_submit(campaign=campaign, author=member, title="Bus", description="Le soir.")
    assert not Idea.objects.exists()


# --- the answer workflow ----------------------------------------------------------------------


@pytest.fixture
def idea(campaign, make_idea, member) -> Idea:
    return make_idea(campaign, member)


def test_the_whole_workflow_to_realised_keeps_a_public_history(idea, admin):
    idea_study(idea=idea, by=admin, answer="Les services étudient le lieu.")
    idea_accept(idea=idea, by=admin, answer="Retenue au budget 2026.")
    idea_start(idea=idea, by=admin, answer="Travaux lancés.")
    idea_realise(idea=idea, by=admin, answer="Ouvert depuis mars.")
    assert fresh(idea).status == IdeaStatus.REALISED
    assert list(
        IdeaStatusChange.objects.filter(idea=idea)
        .order_by("pk")
        .values_list("from_status", "to_status", "answer", "decided_by")
    ) == [
        ("submitted", "under_study", "Les services étudient le lieu.", admin.pk),
        ("under_study", "accepted", "Retenue au budget 2026.", admin.pk),
        ("accepted", "in_progress", "Travaux lancés.", admin.pk),
        ("in_progress", "realised", "Ouvert depuis mars.", admin.pk),
    ]


def test_an_idea_is_declined_with_public_reasons(idea, admin):
    idea_study(idea=idea, by=admin, answer="À l'étude.")
    idea_decline(idea=idea, by=admin, reasons="Le local n'est pas aux normes.")
    assert fresh(idea).status == IdeaStatus.DECLINED
    assert IdeaStatusChange.objects.filter(idea=idea, to_status="declined").get().answer == (
        "Le local n'est pas aux normes."
    )


def test_declining_without_reasons_is_refused_and_changes_nothing(idea, admin):
    idea_study(idea=idea, by=admin, answer="À l'étude.")
    with pytest.raises(IdeaFieldError) as error:
        idea_decline(idea=idea, by=admin, reasons="  ")
    assert "pourquoi" in str(error.value.message)
    assert fresh(idea).status == IdeaStatus.UNDER_STUDY
    assert IdeaStatusChange.objects.filter(idea=idea).count() == 1


@pytest.mark.parametrize(
    "service", [idea_accept, idea_start, idea_realise], ids=["accept", "start", "realise"]
)
def test_a_step_out_of_order_is_refused_and_changes_nothing(idea, admin, service):
    with pytest.raises(ApplicationError) as error:
        service(idea=idea, by=admin, answer="Trop tôt.")
    assert error.value.code == "invalid_transition"
    assert fresh(idea).status == IdeaStatus.SUBMITTED
    assert not IdeaStatusChange.objects.exists()


def test_a_declined_or_realised_idea_moves_no_more(idea, admin):
    idea_study(idea=idea, by=admin, answer="À l'étude.")
    idea_decline(idea=idea, by=admin, reasons="Non.")
    with pytest.raises(ApplicationError):
        idea_accept(idea=idea, by=admin, answer="Finalement oui.")
    assert fresh(idea).status == IdeaStatus.DECLINED


def test_only_admins_answer(idea, moderator, member):
    for user in (moderator, member):
        with pytest.raises(PermissionDeniedError):
            idea_study(idea=idea, by=user, answer="À l'étude.")
    assert fresh(idea).status == IdeaStatus.SUBMITTED


def test_an_unpublished_idea_gets_no_answer(idea, admin):
    Idea.objects.filter(pk=idea.pk).update(visibility=Visibility.PENDING)
    with pytest.raises(ApplicationError) as error:
        idea_study(idea=idea, by=admin, answer="À l'étude.")
    assert error.value.code == "not_published"


def test_idea_answer_dispatches_to_the_transition(idea, admin):
    idea_answer(idea=idea, by=admin, to="under_study", answer="À l'étude.")
    with pytest.raises(IdeaFieldError):
        idea_answer(idea=idea, by=admin, to="nonsense", answer="?")
    assert fresh(idea).status == IdeaStatus.UNDER_STUDY


def test_followers_and_the_author_hear_of_each_step_after_commit(
    idea, admin, make_member, territory, django_capture_on_commit_callbacks
):
    follower = make_member(territory, email="suiveuse@apt.test")
    idea_follow(idea=idea, user=follower)
    idea_follow(idea=idea, user=admin)  # The admin who answers is not told of own answer.
    with django_capture_on_commit_callbacks(execute=True):
        idea_study(idea=idea, by=admin, answer="Les services étudient le lieu.")
    notes = Notification.objects.filter(kind="idea").order_by("user__email")
    assert [(n.user.email, n.body) for n in notes] == [
        ("habitante@apt.test", "Les services étudient le lieu."),
        ("suiveuse@apt.test", "Les services étudient le lieu."),
    ]
    assert "À l'étude" in notes[0].title
    assert notes[0].url == f"{idea.get_absolute_url()}#reponses"


def test_nobody_is_told_of_a_refused_step(idea, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError):
        idea_accept(idea=idea, by=admin, answer="Trop tôt.")
    assert not Notification.objects.filter(kind="idea").exists()


# --- supports ---------------------------------------------------------------------------------


def test_a_member_supports_then_withdraws(idea, make_member, territory):
    neighbour = make_member(territory, email="voisin@apt.test")
    idea_support(idea=idea, user=neighbour)
    assert fresh(idea).support_count == 1
    idea_support_withdraw(idea=idea, user=neighbour)
    assert fresh(idea).support_count == 0
    assert not Support.objects.exists()


def test_supporting_twice_gives_a_clear_message_and_counts_once(idea, make_member, territory):
    neighbour = make_member(territory, email="voisin@apt.test")
    idea_support(idea=idea, user=neighbour)
    with pytest.raises(ApplicationError) as error:
        idea_support(idea=fresh(idea), user=neighbour)
    assert error.value.code == "already_supported"
    assert "déjà" in str(error.value.message)
    assert fresh(idea).support_count == 1
    assert Support.objects.count() == 1


def test_withdrawing_a_support_one_never_gave_is_refused(idea, make_member, territory):
    neighbour = make_member(territory, email="voisin@apt.test")
    with pytest.raises(ApplicationError) as error:
        idea_support_withdraw(idea=idea, user=neighbour)
    assert error.value.code == "not_supported"
    assert fresh(idea).support_count == 0


def test_the_author_cannot_support_own_idea(idea, member):
    with pytest.raises(PermissionDeniedError):
        idea_support(idea=idea, user=member)
    assert fresh(idea).support_count == 0


def test_supports_stop_when_the_campaign_closes(idea, make_member, territory):
    neighbour = make_member(territory, email="voisin@apt.test")
    idea_support(idea=idea, user=neighbour)
    close(idea.campaign)
    with pytest.raises(PermissionDeniedError):
        idea_support_withdraw(idea=fresh(idea), user=neighbour)
    assert fresh(idea).support_count == 1


def test_the_database_refuses_a_negative_count_and_a_second_support(idea, make_member, territory):
    from django.db import transaction

    neighbour = make_member(territory, email="voisin@apt.test")
    with pytest.raises(IntegrityError), transaction.atomic():
        Idea.objects.filter(pk=idea.pk).update(support_count=-1)
    Support.objects.create(territory=territory, idea=idea, user=neighbour)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(territory=territory, idea=idea, user=neighbour)


# --- follows ----------------------------------------------------------------------------------


def test_following_twice_keeps_one_follow_and_unfollowing_is_idempotent(
    idea, make_member, territory
):
    neighbour = make_member(territory, email="voisin@apt.test")
    first = idea_follow(idea=idea, user=neighbour)
    assert idea_follow(idea=idea, user=neighbour) == first
    idea_unfollow(idea=idea, user=neighbour)
    idea_unfollow(idea=idea, user=neighbour)
    assert not Follow.objects.filter(user=neighbour).exists()


# --- comments ---------------------------------------------------------------------------------


def test_comments_reply_one_level_deep(idea, member, make_member, territory):
    neighbour = make_member(territory, email="voisin@apt.test")
    top = comment_create(idea=idea, author=neighbour, text="Bonne idée !")
    reply = comment_create(idea=idea, author=member, text="Merci.", parent=top)
    reply_to_reply = comment_create(idea=idea, author=neighbour, text="Avec plaisir.", parent=reply)
    assert reply.parent == top
    assert reply_to_reply.parent == top  # Attached to the top comment: one level only.
    assert fresh(idea).comment_count == 3


def test_a_reply_to_a_comment_of_another_idea_is_refused(idea, campaign, make_idea, admin, member):
    other = make_idea(campaign, admin, "Autre idée")
    foreign = comment_create(idea=other, author=member, text="Ailleurs.")
    with pytest.raises(IdeaFieldError):
        comment_create(idea=idea, author=member, text="Ici.", parent=foreign)
    assert Comment.objects.count() == 1


def test_an_empty_comment_is_refused(idea, member):
    with pytest.raises(IdeaFieldError) as error:
        comment_create(idea=idea, author=member, text=" \n ")
    assert error.value.field == "text"
    assert not Comment.objects.exists()


def test_a_pending_comment_does_not_count_until_a_moderator_publishes_it(
    idea, moderate_first, make_member, territory, moderator
):
    from pmvt.community.services.moderation import content_moderate

    neighbour = make_member(territory, email="voisin@apt.test")
    comment = comment_create(idea=idea, author=neighbour, text="À modérer.")
    assert comment.visibility == Visibility.PENDING
    assert fresh(idea).comment_count == 0
    content_moderate(moderator=moderator, content=comment, decision="approve", reason="Conforme.")
    assert fresh(idea).comment_count == 1
    content_moderate(moderator=moderator, content=comment, decision="remove", reason="Hors sujet.")
    assert fresh(idea).comment_count == 0


def test_refresh_counts_recounts_supports_and_published_comments(idea, make_member, territory):
    neighbour = make_member(territory, email="voisin@apt.test")
    idea_support(idea=idea, user=neighbour)
    comment_create(idea=idea, author=neighbour, text="Oui.")
    Idea.objects.filter(pk=idea.pk).update(support_count=7, comment_count=9)
    idea_refresh_counts(idea=idea)
    assert (fresh(idea).support_count, fresh(idea).comment_count) == (1, 1)
