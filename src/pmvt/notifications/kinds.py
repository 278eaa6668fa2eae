"""The registry of notification kinds: what a user can tune on their preferences page.

Each area registers its kinds from its AppConfig.ready() with `kind_register()`; the kinds the
marketplace already sends, and those the Valeurs territoriales door will send, are registered
by this app (pmvt.notifications.builtin_kinds). A kind nobody registered still works: it is
sent by email at once, and does not appear on the preferences page.

Modes (per user and per kind, `NotificationPreference`):

- instant: an email at once, after commit;
- digest: one email a day listing every such notification (`notifications_send_digest`);
- in_app: no email, the notification waits unread in the inbox (header counter);
- off: no email and no counter: the notification is still kept, already read, in the inbox,
  so that nothing is lost, but nothing calls for attention.

A `mandatory` kind (an order the user placed or must fulfil) is always emailed at once and
cannot be switched: the page shows it as such.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class NotificationMode(models.TextChoices):
    INSTANT = "instant", _("Un courriel à chaque fois")
    DIGEST = "digest", _("Un résumé par jour, par courriel")
    IN_APP = "in_app", _("Sur le site seulement")
    OFF = "off", _("Jamais (archivée sans alerte)")


EMAIL_MODES = {NotificationMode.INSTANT, NotificationMode.DIGEST}


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: "StrOrPromise"
    description: "StrOrPromise"
    default_mode: NotificationMode
    mandatory: bool = False


KINDS: dict[str, NotificationKind] = {}


def kind_register(
    key: str,
    *,
    label: "StrOrPromise",
    description: "StrOrPromise",
    default_mode: str,
    mandatory: bool = False,
) -> NotificationKind:
    """Declare a kind; registering the same key again replaces it (the last app wins)."""
    mode = NotificationMode(default_mode)
    if mandatory and mode != NotificationMode.INSTANT:
        raise ValueError(f"Mandatory kind {key!r} must default to instant, not {mode!r}.")
    if not key or len(key) > 50:
        raise ValueError(f"Invalid notification kind key: {key!r}.")
    kind = NotificationKind(
        key=key, label=label, description=description, default_mode=mode, mandatory=mandatory
    )
    KINDS[key] = kind
    return kind


def kind_get(key: str) -> NotificationKind | None:
    return KINDS.get(key)


def default_mode(key: str) -> NotificationMode:
    """The mode of a user who never chose: the registry's default, instant for unknown kinds."""
    kind = KINDS.get(key)
    return kind.default_mode if kind else NotificationMode.INSTANT


def is_mandatory(key: str) -> bool:
    kind = KINDS.get(key)
    return bool(kind and kind.mandatory)


def switchable_kinds() -> list[NotificationKind]:
    """The kinds a user may tune, in registration order."""
    return [kind for kind in KINDS.values() if not kind.mandatory]


def mandatory_kinds() -> list[NotificationKind]:
    return [kind for kind in KINDS.values() if kind.mandatory]
