"""Submitting, editing and deleting posts: who signs them, what is published at once, bad input."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pmvt.accounts.models import Role
from pmvt.community.models import CommunitySettings, Visibility
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.news.models import Post
from pmvt.news.services.posts import (
    Publisher,
    post_create,
    post_delete,
    post_update,
)
from pmvt.territories.models import Commune

from .conftest import image_bytes, upload


def _values(**extra):
    values = {
        "title": "Fête du pain à Apt",
        "body": "Rendez-vous **samedi** place de la Bouquerie.",
    }
    values.update(extra)
    return values


# --- visibility at submission ----------------------------------------------------------------


def test_an_inhabitants_post_waits_for_moderation(territory, member):
    post = post_create(territory=territory, author=member, **_values())
    assert post.visibility == Visibility.PENDING
    assert post.published_at is None
    assert post.actor is None and not post.by_territory


def test_an_inhabitants_post_is_published_when_the_territory_does_not_moderate_first(
    territory, member
):
    CommunitySettings.objects.update_or_create(
        territory=territory, defaults={"moderate_before_publication": False}
    )
    territory.__dict__.pop("_pmvt_community_settings", None)
    post = post_create(territory=territory, author=member, **_values())
    assert post.visibility == Visibility.PUBLISHED


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_moderators_and_admins_publish_at_once(territory, make_member, role):
    author = make_member(territory, role)
    post = post_create(territory=territory, author=author, **_values())
    assert post.visibility == Visibility.PUBLISHED
    assert post.published_at is not None


def test_an_admin_publishes_in_the_name_of_the_territory(territory, admin):
    post = post_create(
        territory=territory, author=admin, publisher=Publisher(territory=True), **_values()
    )
    assert post.by_territory
    assert post.visibility == Visibility.PUBLISHED
    assert post.publisher_name == territory.public_name


def test_a_member_may_not_publish_in_the_name_of_the_territory(territory, member):
    with pytest.raises(PermissionDeniedError):
        post_create(
            territory=territory, author=member, publisher=Publisher(territory=True), **_values()
        )
    assert not Post.objects.exists()


def test_staff_publish_in_the_name_of_their_verified_actor(territory, staff, association):
    post = post_create(
        territory=territory, author=staff, publisher=Publisher(actor=association), **_values()
    )
    assert post.actor == association
    assert post.visibility == Visibility.PUBLISHED
    assert post.publisher_name == "Repair Café du Calavon"


def test_nobody_publishes_in_the_name_of_an_actor_they_do_not_work_for(
    territory, member, association
):
    with pytest.raises(PermissionDeniedError):
        post_create(
            territory=territory, author=member, publisher=Publisher(actor=association), **_values()
        )
    assert not Post.objects.exists()


def test_nobody_publishes_in_the_name_of_an_unverified_actor(territory, make_member, make_actor):
    owner = make_member(territory, Role.MEMBER)
    actor = make_actor(territory, owner, verified=False)
    with pytest.raises(PermissionDeniedError):
        post_create(
            territory=territory, author=owner, publisher=Publisher(actor=actor), **_values()
        )
    assert not Post.objects.exists()


def test_a_post_has_one_signature_only(territory, admin, make_actor):
    actor = make_actor(territory, admin)
    with pytest.raises(ApplicationError):
        post_create(
            territory=territory,
            author=admin,
            publisher=Publisher(actor=actor, territory=True),
            **_values(),
        )
    assert not Post.objects.exists()


def test_someone_from_another_territory_may_not_submit(territory, other_admin):
    with pytest.raises(PermissionDeniedError):
        post_create(territory=territory, author=other_admin, **_values())
    assert not Post.objects.exists()


# --- fields ----------------------------------------------------------------------------------


def test_renders_and_sanitises_the_text_at_save_time(territory, admin):
    post = post_create(
        territory=territory,
        author=admin,
        **_values(body="Bonjour <script>alert(1)</script> [x](javascript:alert(1)) **fort**"),
    )
    assert "<script" not in post.body_html
    assert 'href="javascript:' not in post.body_html
    assert "<strong>fort</strong>" in post.body_html
    assert post.body.startswith("Bonjour <script>")  # The source is kept as written.


def test_the_summary_comes_from_the_text_when_left_empty(territory, admin):
    post = post_create(
        territory=territory,
        author=admin,
        **_values(body="## Au programme\n\nDu **pain** & des jeux. " * 20),
    )
    assert post.summary.startswith("Au programme Du pain & des jeux.")
    assert len(post.summary) <= 220
    assert "<" not in post.summary and "**" not in post.summary


def test_a_written_summary_is_kept(territory, admin):
    post = post_create(territory=territory, author=admin, **_values(summary="  Le résumé.  "))
    assert post.summary == "Le résumé."


def test_slugs_are_unique_in_the_territory_and_avoid_reserved_words(territory, admin):
    first = post_create(territory=territory, author=admin, **_values())
    second = post_create(territory=territory, author=admin, **_values())
    reserved = post_create(territory=territory, author=admin, **_values(title="Proposer"))
    assert (first.slug, second.slug) == ("fete-du-pain-a-apt", "fete-du-pain-a-apt-2")
    assert reserved.slug == "actualite-proposer"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 161}, "title"),
        ({"body": " \n "}, "body"),
        ({"body": "x" * 20001}, "body"),
        ({"summary": "x" * 301}, "summary"),
    ],
)
def test_rejects_bad_fields_and_changes_nothing(territory, admin, values, field):
    with pytest.raises(ApplicationError) as error:
        post_create(territory=territory, author=admin, **_values(**values))
    assert error.value.field == field  # type: ignore[attr-defined]
    assert not Post.objects.exists()


def test_rejects_a_theme_or_a_commune_of_another_territory(
    territory, other_territory, admin, make_theme
):
    theme = make_theme(other_territory, "Mobilité", "mobilite")
    with pytest.raises(ApplicationError) as error:
        post_create(territory=territory, author=admin, themes=[theme], **_values())
    assert error.value.field == "themes"  # type: ignore[attr-defined]
    commune = Commune.objects.filter(territory=other_territory).first()
    with pytest.raises(ApplicationError) as error:
        post_create(territory=territory, author=admin, commune=commune, **_values())
    assert error.value.field == "commune"  # type: ignore[attr-defined]
    assert not Post.objects.exists()


def test_stores_themes_and_commune(territory, admin, make_theme):
    theme = make_theme(territory, "Commerce", "commerce")
    apt = Commune.objects.get(territory=territory, insee_code="84003")
    post = post_create(territory=territory, author=admin, themes=[theme], commune=apt, **_values())
    assert list(post.themes.all()) == [theme]
    assert post.commune == apt


# --- image -----------------------------------------------------------------------------------


def test_an_image_is_re_encoded_and_needs_a_description(territory, admin):
    with pytest.raises(ApplicationError) as error:
        post_create(territory=territory, author=admin, image=upload(), **_values())
    assert error.value.field == "image_alt"  # type: ignore[attr-defined]
    post = post_create(
        territory=territory,
        author=admin,
        image=upload("JPEG", "photo.jpg", image_bytes("JPEG", (3000, 1500))),
        image_alt="Le four à pain",
        **_values(),
    )
    assert post.image.name.startswith("news/") and post.image.name.endswith(".jpg")
    assert (post.image.width, post.image.height) == (1600, 800)
    assert post.image_alt == "Le four à pain"


@pytest.mark.parametrize(
    "bad",
    [
        SimpleUploadedFile("virus.png", b"<?php echo 1; ?>"),
        SimpleUploadedFile("anim.gif", image_bytes("GIF")),
    ],
)
def test_rejects_files_that_are_not_jpeg_png_or_webp(territory, admin, bad):
    with pytest.raises(ApplicationError) as error:
        post_create(territory=territory, author=admin, image=bad, image_alt="x", **_values())
    assert error.value.field == "image"  # type: ignore[attr-defined]
    assert not Post.objects.exists()


def test_rejects_an_image_over_5_mb(territory, admin):
    big = SimpleUploadedFile("big.png", image_bytes() + b"\0" * (5 * 1024 * 1024))
    with pytest.raises(ApplicationError) as error:
        post_create(territory=territory, author=admin, image=big, image_alt="x", **_values())
    assert "5 Mo" in str(error.value.message)
    assert not Post.objects.exists()


# --- editing ---------------------------------------------------------------------------------


def test_an_inhabitant_editing_a_published_post_sends_it_back_to_moderation(
    territory, member, moderator
):
    post = post_create(territory=territory, author=member, **_values())
    Post.objects.filter(pk=post.pk).update(visibility=Visibility.PUBLISHED)
    post.refresh_from_db()
    post = post_update(post=post, by=member, title="Fête du pain", body="Nouveau **texte**.")
    assert post.visibility == Visibility.PENDING
    assert post.body_html == "<p>Nouveau <strong>texte</strong>.</p>\n"
    assert post.slug == "fete-du-pain-a-apt"  # Addresses stay stable.


def test_a_moderator_edits_a_post_without_changing_its_status_or_signature(
    territory, member, moderator
):
    post = post_create(territory=territory, author=member, **_values())
    post = post_update(post=post, by=moderator, title="Titre corrigé", body="Texte corrigé.")
    assert post.visibility == Visibility.PENDING
    assert post.author == member and post.actor is None
    assert post.title == "Titre corrigé"


def test_someone_else_may_not_edit_and_nothing_changes(territory, member, make_member):
    post = post_create(territory=territory, author=member, **_values())
    other = make_member(territory, Role.MEMBER)
    with pytest.raises(PermissionDeniedError):
        post_update(post=post, by=other, title="Piraté", body="Piraté")
    post.refresh_from_db()
    assert post.title == "Fête du pain à Apt"


def test_the_author_may_not_edit_a_removed_post(territory, member):
    post = post_create(territory=territory, author=member, **_values())
    Post.objects.filter(pk=post.pk).update(visibility=Visibility.REMOVED)
    post.refresh_from_db()
    with pytest.raises(PermissionDeniedError):
        post_update(post=post, by=member, title="Autre", body="Autre")


def test_replacing_and_removing_the_image_deletes_the_old_files(
    territory, admin, django_capture_on_commit_callbacks
):
    post = post_create(
        territory=territory, author=admin, image=upload(), image_alt="Le four", **_values()
    )
    first = post.image.path
    with django_capture_on_commit_callbacks(execute=True):
        post = post_update(
            post=post, by=admin, image=upload("WEBP", "x.webp"), image_alt="Le four", **_values()
        )
    assert not os.path.exists(first)
    second = post.image.path
    assert second.endswith(".webp") and os.path.exists(second)
    with django_capture_on_commit_callbacks(execute=True):
        post = post_update(post=post, by=admin, remove_image=True, **_values())
    assert not post.image and post.image_alt == ""
    assert not os.path.exists(second)


def test_keeping_an_image_still_needs_its_description(territory, admin):
    post = post_create(
        territory=territory, author=admin, image=upload(), image_alt="Le four", **_values()
    )
    with pytest.raises(ApplicationError) as error:
        post_update(post=post, by=admin, image_alt=" ", **_values())
    assert error.value.field == "image_alt"  # type: ignore[attr-defined]


def test_publication_date_is_stamped_when_a_moderator_approves(territory, member):
    post = post_create(territory=territory, author=member, **_values())
    post.visibility = Visibility.PUBLISHED
    post.save(update_fields=["visibility"])
    post.refresh_from_db()
    assert post.published_at is not None


# --- deleting --------------------------------------------------------------------------------


def test_the_author_deletes_their_post_and_its_image(
    territory, staff, association, django_capture_on_commit_callbacks
):
    post = post_create(
        territory=territory,
        author=staff,
        publisher=Publisher(actor=association),
        image=upload(),
        image_alt="Un vélo réparé",
        **_values(),
    )
    path = post.image.path
    with django_capture_on_commit_callbacks(execute=True):
        post_delete(post=post, by=staff)
    assert not Post.objects.exists()
    assert not os.path.exists(path)


def test_a_moderator_deletes_any_post(territory, member, moderator):
    post = post_create(territory=territory, author=member, **_values())
    post_delete(post=post, by=moderator)
    assert not Post.objects.exists()


def test_someone_else_may_not_delete(territory, member, make_member):
    post = post_create(territory=territory, author=member, **_values())
    with pytest.raises(PermissionDeniedError):
        post_delete(post=post, by=make_member(territory, Role.MEMBER))
    assert Post.objects.count() == 1


def test_a_moderators_approval_publishes_the_post_and_dates_it(territory, member, moderator):
    from pmvt.community.models import ModerationDecision
    from pmvt.community.services.moderation import content_moderate
    from pmvt.news.selectors import news_list

    post = post_create(territory=territory, author=member, **_values())
    assert list(news_list(territory=territory)) == []
    content_moderate(
        moderator=moderator, content=post, decision=ModerationDecision.APPROVE, reason="Merci."
    )
    post.refresh_from_db()
    assert post.visibility == Visibility.PUBLISHED
    assert post.published_at is not None
    assert list(news_list(territory=territory)) == [post]


# --- personal data ---------------------------------------------------------------------------


def test_export_and_erasure_of_a_members_posts(
    territory, staff, association, django_capture_on_commit_callbacks
):
    from pmvt.news.personal_data import erase_news_data, export_news_data

    own = post_create(
        territory=territory, author=staff, image=upload(), image_alt="Photo", **_values()
    )
    signed = post_create(
        territory=territory,
        author=staff,
        publisher=Publisher(actor=association),
        **_values(title="Au nom de l'association"),
    )
    exported = export_news_data(staff)
    assert [p["title"] for p in exported["posts"]] == [own.title, signed.title]
    path = own.image.path
    with django_capture_on_commit_callbacks(execute=True):
        erase_news_data(staff)
    assert list(Post.objects.values_list("pk", "author")) == [(signed.pk, None)]
    assert not os.path.exists(path)
