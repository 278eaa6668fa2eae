"""The news pages: list and filters, a post, submit and edit, delete, my posts, the home."""

import pytest
from django.urls import reverse

from pmvt.accounts.models import Role
from pmvt.community.models import Visibility
from pmvt.news.models import Post
from pmvt.news.services.posts import Publisher
from pmvt.territories.models import Commune

from .conftest import NEWS, TERRITORY, upload


def _set(post: Post, visibility: str) -> Post:
    Post.objects.filter(pk=post.pk).update(visibility=visibility)
    post.refresh_from_db()
    return post


# --- list ------------------------------------------------------------------------------------


def test_lists_published_posts_newest_first(client, make_post, member):
    older = make_post(title="Le marché de Noël")
    newer = make_post(title="La fête du pain")
    make_post(author=member, title="En attente de relecture")
    response = client.get(NEWS)
    assert response.status_code == 200
    assert [p.pk for p in response.context["page_obj"].object_list] == [newer.pk, older.pk]
    content = response.content.decode()
    assert "En attente de relecture" not in content
    assert 'type="application/rss+xml"' in content and 'href="' + NEWS + 'flux.rss"' in content
    assert 'type="application/atom+xml"' in content


def test_the_list_does_not_show_another_territorys_posts(
    client, make_post, other_admin, other_territory
):
    make_post(other_territory, author=other_admin, title="Nouvelles de Thann")
    response = client.get(NEWS)
    assert "Nouvelles de Thann" not in response.content.decode()
    assert response.context["page_obj"].paginator.count == 0


def test_filters_by_theme_and_commune(client, make_post, make_theme, territory):
    mobility = make_theme(territory, "Mobilité", "mobilite")
    commerce = make_theme(territory, "Commerce", "commerce")
    apt = Commune.objects.get(territory=territory, insee_code="84003")
    bus = make_post(title="Nouvelle ligne de bus", themes=[mobility], commune=apt)
    make_post(title="Braderie", themes=[commerce], commune=apt)
    make_post(title="Covoiturage à Viens", themes=[mobility])
    response = client.get(NEWS, {"theme": "mobilite", "commune": "84003"})
    assert [p.pk for p in response.context["page_obj"].object_list] == [bus.pk]
    content = response.content.decode()
    assert f"{NEWS}theme/mobilite/flux.rss" in content  # The theme's feed is offered.
    assert "Effacer les filtres" in content


def test_a_bad_filter_is_explained_and_ignored(client, make_post):
    make_post()
    response = client.get(NEWS, {"commune": "99999"})
    assert response.status_code == 200
    assert response.context["form"].errors["commune"]
    assert response.context["page_obj"].paginator.count == 1


@pytest.mark.parametrize("count", [3, 15])
def test_the_list_runs_a_fixed_number_of_queries(
    client, settings, make_post, make_theme, territory, member, django_assert_num_queries, count
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    theme = make_theme(territory, "Culture", "culture")
    apt = Commune.objects.get(territory=territory, insee_code="84003")
    for _ in range(count):
        make_post(themes=[theme], commune=apt, image=upload(), image_alt="Une photo")
    client.force_login(member)
    client.get(NEWS)  # Warm the session.
    # territory, session, user, themes, communes, count, membership, unread notifications,
    # the page of posts (with author, actor, commune), their themes.
    with django_assert_num_queries(10):
        response = client.get(NEWS)
    assert len(response.context["page_obj"].object_list) == min(count, 12)


def test_the_list_is_paginated(client, make_post):
    for _ in range(13):
        make_post()
    response = client.get(NEWS, {"page": "2"})
    assert len(response.context["page_obj"].object_list) == 1
    assert "Page 2 sur 2" in response.content.decode()


# --- detail ----------------------------------------------------------------------------------


def test_shows_a_published_post_with_its_sanitised_text(client, make_post, make_theme, territory):
    theme = make_theme(territory, "Culture", "culture")
    post = make_post(
        title="Concert à Rustrel",
        body="Un **concert** <script>alert(1)</script>",
        themes=[theme],
        image=upload(),
        image_alt="La scène",
    )
    response = client.get(post.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "<strong>concert</strong>" in content
    assert "<script>alert(1)" not in content
    assert 'alt="La scène"' in content
    assert f'href="{NEWS}?theme=culture"' in content


@pytest.mark.parametrize("visibility", [Visibility.PENDING, Visibility.HIDDEN, Visibility.REMOVED])
def test_an_unpublished_post_is_404_for_the_public(
    client, make_post, member, make_member, territory, visibility
):
    post = _set(make_post(author=member), visibility)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(make_member(territory, Role.MEMBER))
    assert client.get(post.get_absolute_url()).status_code == 404


def test_the_author_sees_their_pending_post_with_a_banner(client, make_post, member):
    post = make_post(author=member)
    client.force_login(member)
    response = client.get(post.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "En attente de modération" in content
    assert "Elle sera publiée après relecture" in content


def test_a_moderator_sees_a_pending_post(client, make_post, member, moderator):
    post = make_post(author=member)
    client.force_login(moderator)
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert "attend la décision d'un modérateur" in response.content.decode()


def test_a_post_of_another_territory_is_404(client, make_post, other_admin, other_territory):
    post = make_post(other_territory, author=other_admin)
    assert client.get(f"{NEWS}{post.slug}/").status_code == 404


# --- submitting ------------------------------------------------------------------------------


def test_a_visitor_is_sent_to_log_in(client, territory):
    response = client.get(f"{NEWS}proposer/")
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_someone_from_another_territory_may_not_submit(client, territory, other_admin):
    client.force_login(other_admin)
    assert client.get(f"{NEWS}proposer/").status_code == 403


def test_a_member_submits_a_post_that_waits_for_moderation(client, member, make_theme, territory):
    theme = make_theme(territory, "Culture", "culture")
    client.force_login(member)
    page = client.get(f"{NEWS}proposer/")
    assert page.status_code == 200
    assert "publisher" not in page.context["form"].fields  # Nobody else to sign for.
    response = client.post(
        f"{NEWS}proposer/",
        {
            "title": "Vide-grenier à Gargas",
            "body": "Dimanche, **tout le village** vide ses greniers.",
            "themes": [theme.pk],
            "commune": Commune.objects.get(territory=territory, insee_code="84047").pk,
            "image": upload(),
            "image_alt": "Des tables dans la rue",
        },
        follow=True,
    )
    post = Post.objects.get()
    assert response.redirect_chain[-1][0] == post.get_absolute_url()
    assert post.visibility == Visibility.PENDING
    assert post.author == member
    assert list(post.themes.all()) == [theme]
    assert "après relecture par la modération" in response.content.decode()


def test_bad_input_is_explained_and_nothing_is_saved(client, member):
    client.force_login(member)
    response = client.post(
        f"{NEWS}proposer/", {"title": "", "body": "Texte", "image": upload(), "image_alt": ""}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Le formulaire contient des erreurs" in content
    assert not Post.objects.exists()
    response = client.post(
        f"{NEWS}proposer/", {"title": "Titre", "body": "Texte", "image": upload(), "image_alt": ""}
    )
    assert "Décrivez l" in response.content.decode()
    assert not Post.objects.exists()


def test_staff_choose_to_publish_in_the_name_of_their_actor(client, staff, association):
    client.force_login(staff)
    page = client.get(f"{NEWS}proposer/")
    choices = dict(page.context["form"].fields["publisher"].choices)
    assert choices == {"": "Moi-même", f"acteur-{association.pk}": "Repair Café du Calavon"}
    client.post(
        f"{NEWS}proposer/",
        {"publisher": f"acteur-{association.pk}", "title": "Repair café", "body": "Samedi."},
    )
    post = Post.objects.get()
    assert post.actor == association
    assert post.visibility == Visibility.PUBLISHED


def test_a_forged_publisher_is_refused(client, admin, member, association):
    client.force_login(admin)
    response = client.post(
        f"{NEWS}proposer/",
        {"publisher": f"acteur-{association.pk}", "title": "Faux", "body": "Faux"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["publisher"]
    assert not Post.objects.exists()
    # A member who may sign only in their own name: the field is not offered, the value ignored.
    client.force_login(member)
    client.post(
        f"{NEWS}proposer/",
        {"publisher": f"acteur-{association.pk}", "title": "Faux", "body": "Faux"},
    )
    post = Post.objects.get()
    assert (post.actor, post.by_territory, post.author) == (None, False, member)


def test_an_admin_publishes_in_the_name_of_the_territory(client, admin, territory):
    client.force_login(admin)
    client.post(
        f"{NEWS}proposer/", {"publisher": "territoire", "title": "Travaux", "body": "Rue barrée."}
    )
    post = Post.objects.get()
    assert post.by_territory
    assert post.visibility == Visibility.PUBLISHED


# --- editing and deleting --------------------------------------------------------------------


def test_the_author_edits_their_post(client, make_post, member):
    post = make_post(author=member, title="Avant")
    client.force_login(member)
    page = client.get(post.get_edit_url())
    assert page.context["form"].initial["title"] == "Avant"
    response = client.post(post.get_edit_url(), {"title": "Après", "body": "Nouveau texte."})
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.visibility) == ("Après", Visibility.PENDING)


def test_another_member_may_not_edit_or_delete(client, make_post, member, make_member, territory):
    post = make_post(author=member)
    _set(post, Visibility.PUBLISHED)
    client.force_login(make_member(territory, Role.MEMBER))
    assert client.get(post.get_edit_url()).status_code == 403
    assert client.post(post.get_edit_url(), {"title": "X", "body": "X"}).status_code == 403
    assert client.post(post.get_delete_url()).status_code == 403
    post.refresh_from_db()
    assert post.title != "X"


def test_a_moderator_edits_without_choosing_the_signature(
    client, make_post, staff, association, moderator
):
    post = make_post(author=staff, publisher=Publisher(actor=association))
    client.force_login(moderator)
    page = client.get(post.get_edit_url())
    assert "publisher" not in page.context["form"].fields
    client.post(post.get_edit_url(), {"title": "Corrigé", "body": "Corrigé."})
    post.refresh_from_db()
    assert (post.title, post.actor, post.visibility) == (
        "Corrigé",
        association,
        Visibility.PUBLISHED,
    )


def test_the_author_deletes_after_confirming(client, make_post, member):
    post = make_post(author=member)
    client.force_login(member)
    page = client.get(post.get_delete_url())
    assert "sera supprimée pour de bon" in page.content.decode()
    response = client.post(post.get_delete_url())
    assert response["Location"] == f"{NEWS}mes-actualites/"
    assert not Post.objects.exists()


# --- my posts --------------------------------------------------------------------------------


def test_my_posts_lists_mine_with_their_status(client, make_post, member, make_member, territory):
    pending = make_post(author=member, title="En attente")
    removed = _set(make_post(author=member, title="Retirée"), Visibility.REMOVED)
    make_post(author=make_member(territory, Role.MEMBER), title="Pas à moi")
    client.force_login(member)
    response = client.get(f"{NEWS}mes-actualites/")
    content = response.content.decode()
    assert [p.pk for p in response.context["page_obj"].object_list] == [removed.pk, pending.pk]
    assert "En attente de modération" in content
    assert "Retiré par la modération" in content
    assert "Pas à moi" not in content
    assert 'role="region" aria-labelledby="my-posts-caption"' in content


def test_my_posts_needs_an_account(client, territory):
    response = client.get(f"{NEWS}mes-actualites/")
    assert response.status_code == 302


@pytest.mark.parametrize("count", [2, 25])
def test_my_posts_runs_a_fixed_number_of_queries(
    client, settings, make_post, member, django_assert_num_queries, count
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    for _ in range(count):
        make_post(author=member)
    client.force_login(member)
    client.get(f"{NEWS}mes-actualites/")
    with django_assert_num_queries(8):
        client.get(f"{NEWS}mes-actualites/")


# --- the home and the door -------------------------------------------------------------------


def test_the_home_shows_the_latest_five_published_posts(client, make_post, member):
    for number in range(7):
        make_post(title=f"Nouvelle {number}")
    make_post(author=member, title="En attente")
    content = client.get(f"{TERRITORY}/").content.decode()
    assert "Quoi de neuf sur le territoire" in content
    for number in range(2, 7):
        assert f"Nouvelle {number}<" in content
    assert "Nouvelle 1<" not in content
    assert "En attente" not in content


def test_the_home_has_no_news_section_without_news(client, territory):
    content = client.get(f"{TERRITORY}/").content.decode()
    assert "Quoi de neuf sur le territoire" not in content


@pytest.mark.parametrize("count", [1, 6])
def test_the_home_runs_a_fixed_number_of_queries(
    client, settings, make_post, territory, django_assert_num_queries, count
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    for _ in range(count):
        make_post(image=upload(), image_alt="Photo")
    client.get(f"{TERRITORY}/")
    # territory, communes count (the hero), the latest posts.
    with django_assert_num_queries(3):
        client.get(f"{TERRITORY}/")


def test_the_values_door_links_to_the_news(client, make_post):
    make_post()
    content = client.get(f"{TERRITORY}/valeurs/").content.decode()
    assert f'href="{NEWS}"' in content
    assert "1 actualité ces 30 derniers jours" in content


def test_a_published_post_offers_to_report_it(client, make_post, member):
    post = make_post()
    client.force_login(member)
    content = client.get(post.get_absolute_url()).content.decode()
    assert "Signaler ce contenu" in content
    assert f"{TERRITORY}/signaler/" in content
