"""Short texts about an order: the SMS a seller sends after taking an order by phone."""

import unicodedata

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pmvt.core.templatetags.pmvt_format import format_decimal_fr
from pmvt.orders.models import FulfilmentMethod, Order

SMS_MAX_LENGTH = 160
# The GSM 03.38 basic alphabet: a text made only of these fits 160 characters in one SMS.
GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)


def gsm_safe(text: str) -> str:
    """Replace characters outside the GSM alphabet (ê, ç, no-break space…) by close ones."""
    result = []
    for char in text:
        if char in GSM_BASIC:
            result.append(char)
            continue
        if char.isspace():
            result.append(" ")
            continue
        base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        result.append(base if base and all(c in GSM_BASIC for c in base) else "")
    return "".join(result)


def _when(order: Order) -> str:
    if order.pickup_slot is not None:
        start = timezone.localtime(order.pickup_slot.starts_at)
        return _("retrait le %(day)s à %(time)s") % {
            "day": date_format(start, "d/m"),
            "time": date_format(start, "H\\hi"),
        }
    if order.fulfilment == FulfilmentMethod.PICKUP_POINT and order.pickup_point is not None:
        return _("retrait : %(point)s") % {"point": order.pickup_point.name}
    if order.delivery_date is not None:
        return _("livraison le %(day)s") % {"day": date_format(order.delivery_date, "d/m")}
    return ""


def assisted_sms_text(order: Order) -> str:
    """At most 160 GSM characters; the seller's and customer's names shrink to fit."""
    total = f"{format_decimal_fr(order.total, places=2)} EUR"
    when = _when(order)
    seller = order.seller.display_name
    name = order.customer_name
    for _attempt in range(3):
        text = gsm_safe(
            _(
                "Bonjour %(name)s, votre commande %(number)s chez %(seller)s (%(total)s) est enregistrée, %(when)s. Merci !"
            )
            % {"name": name, "number": order.number, "seller": seller, "total": total, "when": when}
        )
        if len(text) <= SMS_MAX_LENGTH:
            return text
        seller, name = seller[:30], name.split(" ")[0][:20]
    return text[: SMS_MAX_LENGTH - 1] + "."
