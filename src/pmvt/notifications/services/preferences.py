"""Each user's choice of mode per kind, from the preferences page or an unsubscribe link."""

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError
from pmvt.notifications.kinds import (
    EMAIL_MODES,
    NotificationMode,
    default_mode,
    is_mandatory,
    kind_get,
    switchable_kinds,
)
from pmvt.notifications.models import NotificationPreference
from pmvt.notifications.selectors import preference_modes


class PreferenceErrorCode:
    UNKNOWN_KIND = "unknown_kind"
    MANDATORY_KIND = "mandatory_kind"
    INVALID_MODE = "invalid_mode"


def _check(kind: str, mode: str) -> NotificationMode:
    if kind_get(kind) is None:
        raise ApplicationError(
            _("Ce type de notification n'existe pas."), code=PreferenceErrorCode.UNKNOWN_KIND
        )
    if is_mandatory(kind):
        raise ApplicationError(
            _("Ces courriels accompagnent vos commandes et ne peuvent pas être désactivés."),
            code=PreferenceErrorCode.MANDATORY_KIND,
        )
    if mode not in NotificationMode.values:
        raise ApplicationError(
            _("Choisissez un mode de notification proposé."),
            code=PreferenceErrorCode.INVALID_MODE,
        )
    return NotificationMode(mode)


def _write(*, user: User, modes: Mapping[str, NotificationMode]) -> list[str]:
    """Store the modes that differ from the current ones; returns the kinds changed."""
    stored = {
        p.kind: p
        for p in NotificationPreference.objects.select_for_update().filter(
            user=user, kind__in=list(modes)
        )
    }
    changed = []
    for kind, mode in modes.items():
        preference = stored.get(kind)
        if preference is None:
            # No row: the kind follows the registry's default until the user chooses otherwise.
            if mode != default_mode(kind):
                NotificationPreference.objects.create(user=user, kind=kind, mode=mode)
                changed.append(kind)
        elif preference.mode != mode:
            preference.mode = mode
            preference.save(update_fields=["mode", "updated_at"])
            changed.append(kind)
    return changed


@transaction.atomic
def preferences_save(*, user: User, modes: Mapping[str, str]) -> list[str]:
    """Set the mode of each given kind; on any invalid pair nothing is changed."""
    checked = {kind: _check(kind, mode) for kind, mode in modes.items()}
    return _write(user=user, modes=checked)


@transaction.atomic
def notifications_unsubscribe(*, user: User, kind: str = "") -> list[str]:
    """Stop the emails of one kind, or of every kind that is not mandatory (kind="").

    The notifications still reach the inbox (mode in_app). Returns the kinds changed.
    """
    one_kind = bool(kind) and not is_mandatory(kind)
    targets = [kind] if one_kind else [k.key for k in switchable_kinds()]
    current = preference_modes(user=user, kinds=targets)
    stop = {k: NotificationMode.IN_APP for k in targets if current[k] in EMAIL_MODES}
    return _write(user=user, modes=stop)
