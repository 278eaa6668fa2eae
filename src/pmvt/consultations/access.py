"""Permission rules on consultations: who answers, who sees the results, who manages them.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_administer_territory, membership_of
from pmvt.consultations.models import Consultation, Eligibility
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.territories.models import Territory


def access_consultations_as_admin(*, user: AnyUser, territory: Territory) -> None:
    """Create, change, export consultations: the territory's admins and the operator."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer les consultations."))
    if not can_administer_territory(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs du territoire gèrent les consultations.")
        )


def access_consultation_answer(*, user: AnyUser, consultation: Consultation) -> None:
    """Answer a consultation: a member of the territory, resident if the consultation says so."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour répondre à cette consultation."))
    membership = membership_of(user=user, territory=consultation.territory)
    if membership is None:
        raise PermissionDeniedError(
            _("Seuls les membres du territoire peuvent répondre à cette consultation.")
        )
    if consultation.eligibility == Eligibility.MEMBERS:
        return
    if membership.commune is None or membership.commune.territory_id != consultation.territory_id:
        raise PermissionDeniedError(
            _(
                "Cette consultation est réservée aux habitants des communes du territoire. "
                "Indiquez votre commune de résidence dans votre profil pour y répondre."
            )
        )


def can_answer_consultation(*, user: AnyUser, consultation: Consultation) -> bool:
    try:
        access_consultation_answer(user=user, consultation=consultation)
    except PermissionDeniedError:
        return False
    return True


def can_view_results(*, user: AnyUser, consultation: Consultation) -> bool:
    """Everyone once the consultation is closed; its admins at any time."""
    if consultation.is_closed:
        return True
    return can_administer_territory(user=user, territory=consultation.territory)


def access_consultation_results(*, user: AnyUser, consultation: Consultation) -> None:
    if not can_view_results(user=user, consultation=consultation):
        raise PermissionDeniedError(
            _("Les résultats seront publiés à la clôture de la consultation.")
        )


def can_view_free_text(*, user: AnyUser, consultation: Consultation) -> bool:
    """Free-text answers: the territory's admins, or everyone once the admins publish them."""
    if can_administer_territory(user=user, territory=consultation.territory):
        return True
    if not consultation.free_text_published:
        return False
    return can_view_results(user=user, consultation=consultation)


def access_consultation_free_text(*, user: AnyUser, consultation: Consultation) -> None:
    if not can_view_free_text(user=user, consultation=consultation):
        raise PermissionDeniedError(
            _("Les réponses libres ne sont visibles que par les administrateurs du territoire.")
        )


def access_consultation_export(*, user: AnyUser, consultation: Consultation) -> None:
    """The CSV of raw responses: the territory's admins and the operator."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour exporter les réponses."))
    if not can_administer_territory(user=user, territory=consultation.territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs du territoire exportent les réponses.")
        )
