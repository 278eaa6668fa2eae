"""Login throttling (django-axes): an email+IP pair is locked after repeated failures, briefly."""

import html
from datetime import timedelta

from axes.models import AccessAttempt
from django.core.cache import cache

from pmvt.accounts.adapter import axes_username
from pmvt.conftest import PASSWORD

LOGIN = "/compte/login/"
HOME_IP, OTHER_IP = "203.0.113.7", "198.51.100.23"


def log_in(client, email: str, password: str, ip: str):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)


def fail_to_the_limit(client, email: str, ip: str, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, email, "pas-le-bon-mot-de-passe", ip)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_right_password_logs_in(client, member):
    response = log_in(client, "habitante@apt.test", PASSWORD, HOME_IP)

    assert response.status_code == 302
    assert response["Location"] == "/compte/bienvenue/"
    assert is_logged_in(client)


def test_refuses_the_right_password_after_the_failure_limit(client, member, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    fail_to_the_limit(client, "habitante@apt.test", HOME_IP, settings)

    response = log_in(client, "habitante@apt.test", PASSWORD, HOME_IP)

    assert response.status_code != 302
    assert not is_logged_in(client)


def test_counts_failures_per_email_and_ip(client, member, settings):
    fail_to_the_limit(client, "Habitante@Apt.test", HOME_IP, settings)

    assert list(
        AccessAttempt.objects.values_list("username", "ip_address", "failures_since_start")
    ) == [("habitante@apt.test", HOME_IP, 5)]


def test_shows_the_lockout_page_after_the_failure_limit(client, member, settings):
    fail_to_the_limit(client, "habitante@apt.test", HOME_IP, settings)

    response = log_in(client, "habitante@apt.test", PASSWORD, HOME_IP)

    assert response.status_code == 429
    assert "accounts/lockout.html" in [t.name for t in response.templates]
    assert "Connexion temporairement bloquée" in html.unescape(response.content.decode())
    assert not is_logged_in(client)


def test_same_email_from_another_ip_still_logs_in(client, member, settings):
    fail_to_the_limit(client, "habitante@apt.test", HOME_IP, settings)

    response = log_in(client, "habitante@apt.test", PASSWORD, OTHER_IP)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_another_email_from_the_same_ip_still_logs_in(client, member, make_user, settings):
    make_user("voisin@apt.test")
    fail_to_the_limit(client, "habitante@apt.test", HOME_IP, settings)

    response = log_in(client, "voisin@apt.test", PASSWORD, HOME_IP)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_login_works_again_after_the_cool_off(client, member, settings):
    fail_to_the_limit(client, "habitante@apt.test", HOME_IP, settings)
    log_in(client, "habitante@apt.test", PASSWORD, HOME_IP)
    assert not is_logged_in(client)

    # Let the cool-off pass: axes keeps attempts in the database, allauth its window in the cache.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )
    cache.clear()
    response = log_in(client, "habitante@apt.test", PASSWORD, HOME_IP)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_lockout_lasts_the_whole_cool_off(client, member, settings):
    fail_to_the_limit(client, "habitante@apt.test", HOME_IP, settings)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        + timedelta(minutes=1)
    )

    log_in(client, "habitante@apt.test", PASSWORD, HOME_IP)

    assert not is_logged_in(client)


def test_successful_login_resets_the_failure_count(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "habitante@apt.test", "faux", HOME_IP)
    log_in(client, "habitante@apt.test", PASSWORD, HOME_IP)
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "habitante@apt.test", "faux", HOME_IP)
    log_in(client, "habitante@apt.test", PASSWORD, HOME_IP)

    assert is_logged_in(client)


def test_axes_username_is_the_login_email_in_lower_case(rf):
    request = rf.post(LOGIN, {"login": " Habitante@Apt.TEST ", "password": "x"})

    assert axes_username(request, {"email": "Habitante@Apt.TEST", "password": "x"}) == (
        "habitante@apt.test"
    )
    assert axes_username(request, {"login": "Voisin@Apt.test"}) == "voisin@apt.test"
    assert axes_username(request) == "habitante@apt.test"
    assert axes_username(rf.post(LOGIN, {}), {"password": "x"}) is None
