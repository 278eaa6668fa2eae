"""Writes on pledges: a member records, changes or withdraws a non-binding pledge.

The call row is locked first, so that a pledge cannot slip in after the holder closed the call;
totals are derived from the pledges (selectors.call_totals), so they are exact by construction.
A withdrawn pledge is deleted: nothing about it is kept.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.investments.access import access_pledge_as_member
from pmvt.investments.errors import InvestmentErrorCode, InvestmentFieldError
from pmvt.investments.models import Instrument, InvestmentCall, Pledge
from pmvt.investments.services.notifications import holder_team, notify_users


def _locked_open_call(call: InvestmentCall) -> InvestmentCall:
    locked = (
        InvestmentCall.objects.select_for_update(of=("self",))
        .select_related("territory", "actor")
        .get(pk=call.pk)
    )
    if not locked.is_open:
        raise ApplicationError(
            _(
                "Les promesses ne sont pas ouvertes sur ce projet : il est clôturé ou pas encore ouvert."
            ),
            code=InvestmentErrorCode.CALL_NOT_OPEN,
        )
    return locked


def _clean_amount(value: Any, *, call: InvestmentCall) -> Decimal:
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise InvestmentFieldError(_("Indiquez un montant en euros."), field="amount") from None
    if not amount.is_finite() or amount <= 0:
        raise InvestmentFieldError(_("Le montant doit être supérieur à zéro."), field="amount")
    if amount != amount.quantize(Decimal("0.01")):
        raise InvestmentFieldError(
            _("Indiquez un montant en euros, au centime près."), field="amount"
        )
    if call.minimum_pledge is not None and amount < call.minimum_pledge:
        raise InvestmentFieldError(
            _("Ce projet demande une promesse d'au moins %(minimum)s.")
            % {"minimum": euros_text(call.minimum_pledge)},
            field="amount",
        )
    if amount > call.pledge_maximum:
        raise InvestmentFieldError(
            _("Une promesse ne peut dépasser %(maximum)s sur ce projet.")
            % {"maximum": euros_text(call.pledge_maximum)},
            field="amount",
        )
    return amount


@transaction.atomic
def pledge_set(
    *,
    call: InvestmentCall,
    user: User,
    amount: Decimal,
    instrument: str,
    consent_contact: bool,
    message: str = "",
) -> Pledge:
    """Record the member's pledge on an open call, or change the one they made."""
    access_pledge_as_member(user=user, call=call)
    locked = _locked_open_call(call)
    cleaned_amount = _clean_amount(amount, call=locked)
    if instrument not in Instrument.values or instrument not in locked.instruments:
        raise InvestmentFieldError(
            _("Choisissez une forme d'investissement que ce projet accepte."), field="instrument"
        )
    if consent_contact is not True:
        raise InvestmentFieldError(
            _(
                "Cochez la case pour accepter que le porteur du projet vous contacte : "
                "sans cet accord, une promesse ne peut être enregistrée."
            ),
            field="consent_contact",
        )
    message = str(message or "").strip()
    if len(message) > 2000:
        raise InvestmentFieldError(
            _("Le message compte 2 000 caractères au plus."), field="message"
        )
    pledge = Pledge.objects.filter(call=locked, user=user).first()
    if pledge is None:
        pledge = Pledge.objects.create(
            territory=locked.territory,
            call=locked,
            user=user,
            amount=cleaned_amount,
            instrument=instrument,
            message=message,
            consent_contact=True,
        )
        notify_users(
            holder_team(locked),
            call=locked,
            kind="investment_pledge",
            title=_("Nouvelle promesse sur « %(title)s »") % {"title": locked.title},
            body=_("%(name)s promet %(amount)s (%(instrument)s).")
            % {
                "name": user.display_name,
                "amount": euros_text(cleaned_amount),
                "instrument": Instrument(instrument).label,
            },
            url=locked.holder_url("pledges"),
        )
        return pledge
    pledge.amount = cleaned_amount
    pledge.instrument = instrument
    pledge.message = message
    pledge.save(update_fields=["amount", "instrument", "message", "updated_at"])
    return pledge


@transaction.atomic
def pledge_withdraw(*, call: InvestmentCall, user: User) -> None:
    """Withdraw the member's pledge while the call is open: it is deleted, totals drop."""
    access_pledge_as_member(user=user, call=call)
    locked = _locked_open_call(call)
    deleted, _rows = Pledge.objects.filter(call=locked, user=user).delete()
    if not deleted:
        raise ApplicationError(_("Vous n'avez pas de promesse sur ce projet."))
