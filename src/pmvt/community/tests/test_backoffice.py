"""The back office of the community: moderation settings and themes (territory admins)."""

import pytest

from pmvt.community.models import CommunitySettings, Theme
from pmvt.community.selectors import community_settings_of
from pmvt.community.services.themes import theme_create, theme_move, theme_rename
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError

from .conftest import TERRITORY

SETTINGS = f"{TERRITORY}/gestion/moderation/"
THEMES = f"{TERRITORY}/gestion/themes/"


@pytest.fixture
def logged_admin(client, admin, activate_totp):
    activate_totp(admin)
    client.force_login(admin)
    return admin


def _themes(territory) -> list[tuple[str, str, int]]:
    return list(
        Theme.objects.filter(territory=territory)
        .order_by("position", "pk")
        .values_list("name", "slug", "position")
    )


# --- settings ----------------------------------------------------------------------------------


def test_admin_changes_the_moderation_settings(client, logged_admin, territory):
    assert client.get(SETTINGS).status_code == 200
    response = client.post(SETTINGS, {"report_threshold": "5"})
    assert response.status_code == 302
    settings = CommunitySettings.objects.get(territory=territory)
    assert (settings.report_threshold, settings.moderate_before_publication) == (5, False)
    page = client.get(SETTINGS).content.decode()
    assert "Les réglages de la modération ont été enregistrés." in page


@pytest.mark.parametrize(
    "value, message", [("0", "au moins 1"), ("51", "dépasser 50"), ("trois", "nombre entier")]
)
def test_bad_threshold_is_refused_and_changes_nothing(
    client, logged_admin, territory, value, message
):
    community_settings_of(territory)
    response = client.post(
        SETTINGS, {"report_threshold": value, "moderate_before_publication": "on"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    settings = CommunitySettings.objects.get(territory=territory)
    assert (settings.report_threshold, settings.moderate_before_publication) == (3, True)


@pytest.mark.parametrize("who", ["member", "moderator", "other_admin"])
def test_settings_are_closed_to_non_admins(client, territory, who, request, activate_totp):
    user = request.getfixturevalue(who)
    activate_totp(user)  # Past the two-factor wall: the rule itself must refuse.
    client.force_login(user)
    assert client.get(SETTINGS).status_code == 403
    assert client.post(SETTINGS, {"report_threshold": "1"}).status_code == 403
    assert not CommunitySettings.objects.filter(report_threshold=1).exists()


def test_back_office_nav_links_the_community_page(client, logged_admin):
    assert SETTINGS in client.get(f"{TERRITORY}/gestion/").content.decode()


# --- themes ------------------------------------------------------------------------------------


def test_admin_creates_renames_and_reorders_themes(client, logged_admin, territory):
    assert client.get(THEMES).status_code == 200
    client.post(THEMES, {"name": "Mobilité"})
    client.post(THEMES, {"name": "  Jeunesse  "})
    assert _themes(territory) == [("Mobilité", "mobilite", 0), ("Jeunesse", "jeunesse", 1)]
    jeunesse = Theme.objects.get(slug="jeunesse")
    response = client.post(f"{THEMES}{jeunesse.pk}/", {"name": "Jeunesse et sport"})
    assert response.status_code == 302
    client.post(f"{THEMES}{jeunesse.pk}/deplacer/", {"direction": "up"})
    assert _themes(territory) == [
        ("Jeunesse et sport", "jeunesse", 0),  # The address stays.
        ("Mobilité", "mobilite", 1),
    ]


@pytest.mark.parametrize(
    "name, message", [("", "Donnez un nom au thème."), ("x" * 81, "80 caractères")]
)
def test_bad_theme_name_is_refused(client, logged_admin, territory, name, message):
    response = client.post(THEMES, {"name": name})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _themes(territory) == []


def test_duplicate_theme_name_is_refused(client, logged_admin, territory):
    client.post(THEMES, {"name": "Santé"})
    response = client.post(THEMES, {"name": "santé"})
    assert "Un thème porte déjà ce nom sur le territoire." in response.content.decode()
    assert _themes(territory) == [("Santé", "sante", 0)]


def test_rename_to_a_taken_name_is_refused(client, logged_admin, territory, admin):
    theme_create(by=admin, territory=territory, name="Santé")
    culture = theme_create(by=admin, territory=territory, name="Culture")
    response = client.post(f"{THEMES}{culture.pk}/", {"name": "Santé"})
    assert response.status_code == 400
    assert _themes(territory) == [("Santé", "sante", 0), ("Culture", "culture", 1)]


def test_themes_of_another_territory_are_404(client, logged_admin, other_territory, other_admin):
    theme = theme_create(by=other_admin, territory=other_territory, name="Vignoble")
    assert client.get(f"{THEMES}{theme.pk}/").status_code == 404
    assert client.post(f"{THEMES}{theme.pk}/deplacer/", {"direction": "up"}).status_code == 404
    assert "Vignoble" not in client.get(THEMES).content.decode()


@pytest.mark.parametrize("who", ["member", "moderator", "other_admin"])
def test_themes_are_closed_to_non_admins(client, territory, admin, who, request, activate_totp):
    theme = theme_create(by=admin, territory=territory, name="Santé")
    user = request.getfixturevalue(who)
    activate_totp(user)  # Past the two-factor wall: the rule itself must refuse.
    client.force_login(user)
    assert client.get(THEMES).status_code == 403
    assert client.post(THEMES, {"name": "Autre"}).status_code == 403
    assert client.post(f"{THEMES}{theme.pk}/", {"name": "Autre"}).status_code == 403
    assert _themes(territory) == [("Santé", "sante", 0)]


def test_move_only_by_post(client, logged_admin, territory, admin):
    theme = theme_create(by=admin, territory=territory, name="Santé")
    assert client.get(f"{THEMES}{theme.pk}/deplacer/").status_code == 405


def test_theme_services_check_the_admin(territory, member, admin):
    with pytest.raises(PermissionDeniedError):
        theme_create(by=member, territory=territory, name="Santé")
    theme = theme_create(by=admin, territory=territory, name="Santé")
    with pytest.raises(PermissionDeniedError):
        theme_rename(by=member, theme=theme, name="Soins")
    with pytest.raises(PermissionDeniedError):
        theme_move(by=member, theme=theme, up=True)
    assert _themes(territory) == [("Santé", "sante", 0)]


def test_same_slug_gets_a_suffix(territory, admin):
    theme_create(by=admin, territory=territory, name="Santé")
    theme_create(by=admin, territory=territory, name="Santé !")
    assert [slug for _n, slug, _p in _themes(territory)] == ["sante", "sante-2"]


def test_moving_the_first_up_changes_nothing(territory, admin):
    first = theme_create(by=admin, territory=territory, name="A")
    theme_create(by=admin, territory=territory, name="B")
    theme_move(by=admin, theme=first, up=True)
    assert [name for name, _s, _p in _themes(territory)] == ["A", "B"]


def test_whitespace_only_theme_name_is_refused(territory, admin):
    with pytest.raises(ApplicationError, match="Donnez un nom"):
        theme_create(by=admin, territory=territory, name="   ")
