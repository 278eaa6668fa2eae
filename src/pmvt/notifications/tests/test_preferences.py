"""The preferences page and service: one mode per kind, mandatory kinds shown, bad input refused."""

import re
from html import unescape

import pytest

from pmvt.core.exceptions import ApplicationError
from pmvt.notifications.kinds import NotificationMode, switchable_kinds
from pmvt.notifications.models import NotificationPreference
from pmvt.notifications.selectors import preference_mode, preference_modes
from pmvt.notifications.services.preferences import preferences_save
from pmvt.notifications.tests.conftest import PREFERENCES


def stored(user) -> dict[str, str]:
    return dict(NotificationPreference.objects.filter(user=user).values_list("kind", "mode"))


def all_defaults() -> dict[str, str]:
    return {kind.key: str(kind.default_mode) for kind in switchable_kinds()}


def test_saving_the_defaults_stores_nothing(member):
    assert preferences_save(user=member, modes=all_defaults()) == []
    assert stored(member) == {}


def test_saving_a_choice_stores_it_and_going_back_to_the_default_keeps_the_choice(member):
    assert preferences_save(user=member, modes={"news": "digest"}) == ["news"]
    assert preference_mode(user=member, kind="news") == NotificationMode.DIGEST

    assert preferences_save(user=member, modes={"news": "in_app"}) == ["news"]

    assert stored(member) == {"news": "in_app"}
    assert preferences_save(user=member, modes={"news": "in_app"}) == []


def test_preferences_are_per_user(member, make_member, territory):
    other = make_member(territory, email="voisin@apt.test")
    preferences_save(user=member, modes={"event": "off"})

    assert preference_modes(user=other, kinds=["event"]) == {"event": NotificationMode.DIGEST}


@pytest.mark.parametrize(
    ("modes", "code", "message"),
    [
        ({"news": "weekly"}, "invalid_mode", "Choisissez un mode de notification proposé."),
        ({"nope": "off"}, "unknown_kind", "Ce type de notification n'existe pas."),
        (
            {"order_status": "off"},
            "mandatory_kind",
            "Ces courriels accompagnent vos commandes et ne peuvent pas être désactivés.",
        ),
    ],
)
def test_rejects_a_bad_choice_and_changes_nothing(member, modes, code, message):
    with pytest.raises(ApplicationError) as error:
        preferences_save(user=member, modes={"event": "off", **modes})

    assert error.value.code == code
    assert str(error.value.message) == message
    assert stored(member) == {}


def test_page_lists_every_switchable_kind_as_a_radio_group_and_the_mandatory_ones(member_client):
    response = member_client.get(PREFERENCES)

    assert response.status_code == 200
    html = response.content.decode()
    legends = [unescape(legend) for legend in re.findall(r"<legend>(.*?)</legend>", html)]
    assert legends == [str(kind.label) for kind in switchable_kinds()]
    assert re.search(r'<input type="radio" name="news" value="in_app"[^>]*checked', html)
    assert "Toujours envoyés par courriel" in html
    assert "Suivi de mes commandes" in html
    assert 'name="order_status"' not in html


def test_page_saves_the_choices(member_client, member):
    response = member_client.post(PREFERENCES, {**all_defaults(), "news": "instant"})

    assert response.status_code == 302
    assert response["Location"] == PREFERENCES
    assert stored(member) == {"news": "instant"}
    page = member_client.get(PREFERENCES).content.decode()
    assert "Vos préférences de notification sont enregistrées." in page
    assert re.search(r'<input type="radio" name="news" value="instant"[^>]*checked', page)


def test_page_refuses_an_unknown_mode_and_changes_nothing(member_client, member):
    data = {**all_defaults(), "news": "weekly", "event": "off"}

    response = member_client.post(PREFERENCES, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Le formulaire contient des erreurs" in html
    assert "Choisissez un des modes proposés pour «\u00a0Actualités du territoire\u00a0»." in html
    assert re.search(r'<input type="radio" name="event" value="off"[^>]*checked', html)
    assert stored(member) == {}


def test_a_kind_left_out_keeps_its_mode(member_client, member):
    preferences_save(user=member, modes={"club": "off"})
    data = {**all_defaults(), "news": "digest"}
    del data["club"]

    member_client.post(PREFERENCES, data)

    assert stored(member) == {"club": "off", "news": "digest"}


def test_a_mandatory_kind_posted_anyway_is_ignored(member_client, member):
    member_client.post(PREFERENCES, {**all_defaults(), "order_status": "off"})

    assert stored(member) == {}
    assert preference_mode(user=member, kind="order_status") == NotificationMode.INSTANT


def test_page_needs_a_login(client):
    response = client.get(PREFERENCES)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_my_account_links_to_the_preferences(member_client):
    html = member_client.get("/compte/mes-donnees/").content.decode()

    assert f'href="{PREFERENCES}"' in html
