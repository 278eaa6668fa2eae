"""The territory's back office over HTTP: admins with TOTP only, roles, the members list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pmvt.accounts.models import Role

GESTION = "/t/pays-dapt-luberon/gestion/"
BACK_OFFICE_PAGES = [GESTION, f"{GESTION}parametres/", f"{GESTION}membres/"]
TOTP_ACTIVATION = "/compte/2fa/totp/activate/"


@pytest.fixture
def admin_client(client, admin, activate_totp):
    activate_totp(admin)
    client.force_login(admin)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("page", BACK_OFFICE_PAGES)
def test_admin_with_totp_opens_the_back_office(admin_client, page):
    assert admin_client.get(page).status_code == 200


@pytest.mark.parametrize("page", BACK_OFFICE_PAGES)
def test_operator_with_totp_opens_any_territorys_back_office(
    client, operator, territory, activate_totp, page
):
    activate_totp(operator)
    client.force_login(operator)

    assert client.get(page).status_code == 200


@pytest.mark.parametrize("page", BACK_OFFICE_PAGES)
def test_admin_without_totp_is_sent_to_totp_activation(client, admin, page):
    client.force_login(admin)

    response = client.get(page)

    assert response.status_code == 302
    assert response["Location"] == TOTP_ACTIVATION


def test_admin_without_totp_is_told_why(client, admin):
    client.force_login(admin)

    response = client.get(GESTION, follow=True)

    # allauth then asks for the password again before showing the activation page.
    assert response.redirect_chain[0] == (TOTP_ACTIVATION, 302)
    assert messages_of(response) == [
        "Votre rôle donne accès à la gestion\u00a0: activez d'abord la double "
        "authentification (application TOTP)."
    ]


def test_admin_without_totp_cannot_change_a_role(
    client, admin, member, territory, membership_of_user
):
    client.force_login(admin)
    target = membership_of_user(member, territory)

    response = client.post(f"{GESTION}membres/{target.pk}/role/", {"role": Role.MODERATOR})

    assert response["Location"] == TOTP_ACTIVATION
    assert membership_of_user(member, territory).role == Role.MEMBER


def test_admin_without_totp_still_uses_the_public_pages(client, admin):
    client.force_login(admin)

    assert client.get("/t/pays-dapt-luberon/").status_code == 200
    assert client.get("/compte/mes-donnees/").status_code == 200


def test_operator_without_totp_is_sent_to_totp_activation_from_the_admin(client, operator):
    client.force_login(operator)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == TOTP_ACTIVATION


def test_operator_with_totp_opens_the_admin(client, operator, activate_totp):
    activate_totp(operator)
    client.force_login(operator)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert response.context["site_header"] == "PM-VT — administration de la plateforme"


@pytest.mark.parametrize("role", ["member", "actor_member", "moderator"])
def test_back_office_is_forbidden_to_other_roles(request, client, role):
    client.force_login(request.getfixturevalue(role))

    for page in BACK_OFFICE_PAGES:
        response = client.get(page)
        assert response.status_code == 403
        assert response.context["reason"] == (
            "Seuls les administrateurs de ce territoire ont accès à cette page."
        )


def test_back_office_sends_anonymous_visitors_to_login(client, territory):
    response = client.get(GESTION)

    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=/t/pays-dapt-luberon/gestion/"


def test_dashboard_counts_members_by_role_and_lists_communes(
    admin_client, member, actor_member, moderator
):
    response = admin_client.get(GESTION)

    assert response.context["member_total"] == 4
    assert response.context["roles"] == [
        ("Habitant ou habitante", 1),
        ("Membre d'un acteur", 1),
        ("Modérateur ou modératrice", 1),
        ("Administrateur ou administratrice du territoire", 1),
    ]
    assert len(response.context["communes"]) == 25
    assert "25 communes, d'après le découpage administratif officiel" in (
        response.content.decode().replace("&#x27;", "'")
    )


def test_members_page_lists_the_territorys_members_only(admin_client, member, other_admin):
    response = admin_client.get(f"{GESTION}membres/")

    emails = [m.user.email for m in response.context["page_obj"].object_list]
    assert sorted(emails) == ["admin@apt.test", "habitante@apt.test"]


def test_members_page_filters_by_text_and_role(admin_client, member, moderator):
    by_text = admin_client.get(f"{GESTION}membres/", {"q": "MODERATRICE"})
    by_role = admin_client.get(f"{GESTION}membres/", {"role": Role.MEMBER})

    assert [m.user.email for m in by_text.context["page_obj"].object_list] == [
        "moderatrice@apt.test"
    ]
    assert [m.user.email for m in by_role.context["page_obj"].object_list] == ["habitante@apt.test"]


def members_page_queries(client) -> tuple[int, int, int]:
    """(queries run, members shown, members in total) for the first page of the list."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{GESTION}membres/")
    assert response.status_code == 200
    page = response.context["page_obj"]
    return len(queries), len(page.object_list), page.paginator.count


def test_members_page_query_count_does_not_grow_with_members(
    admin_client, make_member, territory, django_assert_num_queries
):
    for _ in range(2):
        make_member(territory)
    few, shown_few, total_few = members_page_queries(admin_client)
    for _ in range(27):
        make_member(territory)
    many, shown_many, total_many = members_page_queries(admin_client)

    assert (shown_few, total_few) == (3, 3)
    assert (shown_many, total_many) == (25, 30)
    assert few == many
    with django_assert_num_queries(few):
        admin_client.get(f"{GESTION}membres/", {"page": 2})


def test_members_page_runs_a_fixed_number_of_queries(
    admin_client, member, territory, make_member, settings
):
    """Territory, session, user, 2FA checks (admin role, TOTP), membership, count, page, the
    header's counters (cart and unread notifications, one query)."""
    # The cached_db session engine (with Redis) saves one query; pin the engine for the count.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    with CaptureQueriesContext(connection) as few:
        admin_client.get(f"{GESTION}membres/")
    for n in range(20):
        make_member(territory, email=f"membre{n}@apt.test")
    with CaptureQueriesContext(connection) as many:
        admin_client.get(f"{GESTION}membres/")
    assert len(few) == len(many) == 9


def test_admin_changes_a_role_from_the_members_page(
    admin_client, member, territory, membership_of_user
):
    target = membership_of_user(member, territory)

    response = admin_client.post(
        f"{GESTION}membres/{target.pk}/role/", {"role": Role.MODERATOR}, follow=True
    )

    assert response.redirect_chain == [(f"{GESTION}membres/", 302)]
    assert messages_of(response) == [
        "Le rôle de habitante@apt.test est maintenant\u00a0: Modérateur ou modératrice."
    ]
    assert membership_of_user(member, territory).role == Role.MODERATOR


def test_members_page_refuses_to_demote_the_last_admin(
    admin_client, admin, territory, membership_of_user
):
    own = membership_of_user(admin, territory)

    response = admin_client.post(
        f"{GESTION}membres/{own.pk}/role/", {"role": Role.MEMBER}, follow=True
    )

    assert messages_of(response) == [
        "Le territoire doit garder au moins un administrateur ou une administratrice."
    ]
    assert membership_of_user(admin, territory).role == Role.ADMIN


def test_members_page_refuses_an_unknown_role(admin_client, member, territory, membership_of_user):
    target = membership_of_user(member, territory)

    response = admin_client.post(
        f"{GESTION}membres/{target.pk}/role/", {"role": "roi"}, follow=True
    )

    assert messages_of(response) == ["Choisissez un rôle dans la liste."]
    assert membership_of_user(member, territory).role == Role.MEMBER


def test_role_change_only_accepts_post(admin_client, member, territory, membership_of_user):
    target = membership_of_user(member, territory)

    response = admin_client.get(f"{GESTION}membres/{target.pk}/role/")

    assert response.status_code == 405
    assert membership_of_user(member, territory).role == Role.MEMBER
