"""Data and steps the browser walks share. Data goes through the services, as the site does."""

import time
from typing import Any

from tests.browser.accessibility import AxeChecker

TERRITORY_SIREN = "200040624"  # CC Pays d'Apt-Luberon (Vaucluse, 25 communes)
TERRITORY_SLUG = "pays-dapt-luberon"
HOME = f"/t/{TERRITORY_SLUG}/"
PASSWORD = "Lavande-et-ocre-2026"


def make_user(email: str, *, password: str = PASSWORD, superuser: bool = False) -> Any:
    """A user with a verified primary address who accepted the current terms."""
    from allauth.account.models import EmailAddress

    from pmvt.accounts.models import User
    from pmvt.accounts.services.users import user_record_consent

    if superuser:
        user = User.objects.create_superuser(email=email, password=password)
    else:
        user = User.objects.create_user(email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user_record_consent(user=user)
    return user


def make_member(territory: Any, email: str, *, role: str | None = None, by: Any = None) -> Any:
    """A user who joined the territory, then given `role` by `by` (an admin or the operator)."""
    from django_scopes import scopes_disabled

    from pmvt.accounts.services.memberships import membership_join, membership_set_role

    user = make_user(email)
    with scopes_disabled():
        membership = membership_join(user=user, territory=territory)
        if role is not None:
            membership_set_role(by=by, membership=membership, role=role)
    return user


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now, as allauth computes it."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    if period - time.time() % period < 2:
        time.sleep(2)  # Do not type a code that expires before the server checks it.
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def log_in(page: Any, axe: AxeChecker, email: str, password: str = PASSWORD) -> None:
    """Open the login page (checked by axe) and submit the email and password."""
    page.goto("/compte/login/")
    axe.check(page)
    form = page.locator("main form")
    form.get_by_label("Courriel").fill(email)
    form.get_by_label("Mot de passe").fill(password)
    form.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state("load")
