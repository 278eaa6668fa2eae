"""territory_update_settings and the back office settings form."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from pmvt.core.exceptions import PermissionDeniedError
from pmvt.territories.models import ConformanceState, Territory
from pmvt.territories.services.territories import SETTINGS_FIELDS, territory_update_settings

YELLOW_ERROR = (
    "Cette couleur n'est pas assez contrastée sur fond blanc (1,07:1\u00a0; 4,5:1 minimum)."
)


def stored(territory: Territory) -> dict:
    return model_to_dict(Territory.objects.get(pk=territory.pk))


def form_data(territory: Territory, **changes) -> dict:
    """The settings form as a browser submits it: every field, with the stored values."""
    values = {name: getattr(territory, name) for name in SETTINGS_FIELDS if name != "logo"}
    values.update(changes)
    return {name: "" if value is None else value for name, value in values.items()}


@pytest.fixture
def admin_client(client, admin, activate_totp):
    activate_totp(admin)
    client.force_login(admin)
    return client


def test_admin_updates_the_settings(admin, territory):
    territory_update_settings(
        by=admin,
        territory=territory,
        values={
            "display_name": "Pays d'Apt Luberon",
            "tagline": "Vivre et acheter au pays",
            "primary_color": "#004d40",
            "contact_email": "contact@paysapt-luberon.fr",
            "accessibility_state": ConformanceState.FULL,
            "accessibility_audit_rate": Decimal("100.00"),
        },
    )

    saved = Territory.objects.get(pk=territory.pk)
    assert (saved.display_name, saved.public_name, saved.tagline) == (
        "Pays d'Apt Luberon",
        "Pays d'Apt Luberon",
        "Vivre et acheter au pays",
    )
    assert (saved.primary_color, saved.accent_color) == ("#004d40", "#7a3b00")
    assert saved.contact_email == "contact@paysapt-luberon.fr"
    assert (saved.accessibility_state, saved.accessibility_audit_rate) == (
        "full",
        Decimal("100.00"),
    )
    # The official identity is not a setting.
    assert (saved.name, saved.siren, saved.slug) == (
        "CC Pays d'Apt-Luberon",
        "200040624",
        "pays-dapt-luberon",
    )


def test_operator_updates_the_settings(operator, territory):
    territory_update_settings(by=operator, territory=territory, values={"tagline": "Bienvenue"})

    assert Territory.objects.get(pk=territory.pk).tagline == "Bienvenue"


def test_update_ignores_values_that_are_not_settings(admin, territory):
    territory_update_settings(
        by=admin,
        territory=territory,
        values={"tagline": "Ok", "slug": "pirate", "is_active": False},
    )

    saved = Territory.objects.get(pk=territory.pk)
    assert (saved.tagline, saved.slug, saved.is_active) == ("Ok", "pays-dapt-luberon", True)


@pytest.mark.parametrize("by_role", ["member", "actor_member", "moderator", "other_admin"])
def test_rejects_settings_update_by_a_non_admin_and_changes_nothing(request, territory, by_role):
    by = request.getfixturevalue(by_role)
    before = stored(territory)

    with pytest.raises(PermissionDeniedError):
        territory_update_settings(
            by=by, territory=territory, values={"display_name": "Pirates", "tagline": "Hop"}
        )

    assert stored(territory) == before


def test_service_rejects_a_low_contrast_colour_and_saves_nothing(admin, territory):
    before = stored(territory)

    with pytest.raises(ValidationError) as error:
        territory_update_settings(
            by=admin, territory=territory, values={"tagline": "Jaune", "primary_color": "#ffff00"}
        )

    assert error.value.message_dict == {"primary_color": [YELLOW_ERROR]}
    assert stored(territory) == before


def test_settings_page_shows_the_form_to_the_admin(admin_client, territory):
    response = admin_client.get("/t/pays-dapt-luberon/gestion/parametres/")

    assert response.status_code == 200
    assert list(response.context["form"].fields) == SETTINGS_FIELDS
    assert response.context["form"].initial["primary_color"] == "#1d4e89"


def test_settings_form_saves_and_redirects(admin_client, territory):
    response = admin_client.post(
        "/t/pays-dapt-luberon/gestion/parametres/",
        form_data(territory, display_name="Pays d'Apt", accent_color="#8b0000"),
    )

    assert response.status_code == 302
    assert response["Location"] == "/t/pays-dapt-luberon/gestion/parametres/"
    saved = Territory.objects.get(pk=territory.pk)
    assert (saved.display_name, saved.accent_color) == ("Pays d'Apt", "#8b0000")
    follow = admin_client.get(response["Location"])
    assert [str(m) for m in follow.context["messages"]] == [
        "Les paramètres du territoire ont été enregistrés."
    ]


def test_settings_form_rejects_yellow_with_a_french_message_and_saves_nothing(
    admin_client, territory
):
    before = stored(territory)

    response = admin_client.post(
        "/t/pays-dapt-luberon/gestion/parametres/",
        form_data(territory, display_name="Jaune", primary_color="#ffff00"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"primary_color": [YELLOW_ERROR]}
    assert "Cette couleur n&#x27;est pas assez contrastée sur fond blanc (1,07:1" in (
        response.content.decode()
    )
    assert stored(territory) == before
    # The page header keeps the stored name, not the rejected one.
    assert response.context["territory"].display_name == ""


def test_settings_form_rejects_a_malformed_colour(admin_client, territory):
    before = stored(territory)

    response = admin_client.post(
        "/t/pays-dapt-luberon/gestion/parametres/", form_data(territory, accent_color="rouge")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "accent_color": ["Indiquez une couleur au format #RRVVBB, par exemple #1d4e89."]
    }
    assert stored(territory) == before


def test_settings_form_is_refused_to_a_moderator(client, moderator, territory):
    before = stored(territory)
    client.force_login(moderator)

    response = client.post(
        "/t/pays-dapt-luberon/gestion/parametres/", form_data(territory, display_name="Pirates")
    )

    assert response.status_code == 403
    assert stored(territory) == before
