"""Fixtures of the notifications tests: a logged-in member, notifications through notify()."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.notifications.models import Notification
from pmvt.notifications.services import notify
from pmvt.territories.models import Territory

INBOX = "/t/pays-dapt-luberon/notifications/"
PREFERENCES = "/compte/notifications/"


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _site_url(settings) -> None:
    settings.PMVT_SITE_URL = "https://pmvt.example.fr"


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def note(territory) -> Callable[..., Notification]:
    """notify() with defaults: an in-app only kind unless told otherwise."""

    def make(
        user: User,
        title: str = "Une actualité",
        *,
        kind: str = "news",
        in_territory: Territory | None = None,
        **extra: Any,
    ) -> Notification:
        return notify(
            user=user, territory=in_territory or territory, kind=kind, title=title, **extra
        )

    return make
