"""The receipt of an order, as an HTML page and as a PDF.

The PDF uses fpdf2's built-in Helvetica, which covers Latin-1 (every French accent, « », the
no-break space) but not the euro sign: amounts read "12,50 EUR" there. Embedding a TTF font
would need a font file the project does not ship.
"""

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from pmvt.core.templatetags.pmvt_format import euros_text, percent_text
from pmvt.orders.models import Order, OrderLine
from pmvt.orders.pricing import ZERO, VatRow, vat_breakdown

# Characters outside Latin-1 that French text uses, and their closest Latin-1 spelling.
LATIN1_REPLACEMENTS = {
    "€": "EUR",
    "\u202f": " ",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "œ": "oe",
    "Œ": "OE",
    "×": "x",
}


def latin1(text: str) -> str:
    for char, replacement in LATIN1_REPLACEMENTS.items():
        text = text.replace(char, replacement)
    return text.encode("latin-1", "replace").decode("latin-1")


def withdrawal_notice() -> str:
    return _(
        "Droit de rétractation : pour un achat à distance, vous disposez de 14 jours après la "
        "réception pour changer d'avis (article L221-18 du Code de la consommation), sauf pour "
        "les biens susceptibles de se détériorer ou de se périmer rapidement, comme les denrées "
        "fraîches, et les biens confectionnés selon vos spécifications (article L221-28)."
    )


def receipt_context(order: Order) -> dict[str, Any]:
    lines: list[OrderLine] = list(order.lines.all())
    rows: list[VatRow] = vat_breakdown(
        ((line.vat_rate, line.line_total) for line in lines), extra_incl_tax=order.delivery_fee
    )
    seller = order.seller
    return {
        "order": order,
        "seller": seller,
        "lines": lines,
        "vat_rows": rows,
        "total_excl_tax": sum((r.total_excl_tax for r in rows), ZERO),
        "total_vat": sum((r.vat for r in rows), ZERO),
        "terms_url": reverse(
            "orders:seller_terms",
            kwargs={"territory_slug": order.territory.slug, "actor_slug": seller.slug},
        ),
        "withdrawal_notice": withdrawal_notice(),
    }


class _ReceiptPDF(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(
            0,
            5,
            latin1(_("Page %(page)s") % {"page": self.page_no()}),
            align="C",
        )


def _money(value: Decimal) -> str:
    return latin1(euros_text(value))


def receipt_pdf(order: Order, *, site_url: str = "") -> bytes:
    """The receipt as PDF bytes (A4, core fonts only); `site_url` makes its links absolute."""
    context = receipt_context(order)
    seller = context["seller"]
    pdf = _ReceiptPDF(format="A4")
    pdf.set_title(latin1(_("Reçu de la commande %(number)s") % {"number": order.number}))
    pdf.set_author(latin1(seller.legal_name))
    pdf.set_creator("PM-VT")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    width = pdf.epw

    def line(text: str, *, size: int = 10, style: str = "", height: float = 5) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(width, height, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    line(
        _("Reçu de la commande %(number)s") % {"number": order.number}, size=16, style="B", height=8
    )
    placed = timezone.localtime(order.placed_at)
    line(_("Passée le %(date)s") % {"date": date_format(placed, "j F Y à H:i")})
    pdf.ln(3)
    line(_("Vendeur"), style="B")
    line(seller.legal_name)
    if seller.trade_name and seller.trade_name != seller.legal_name:
        line(seller.trade_name)
    if seller.siret:
        line(_("SIRET : %(siret)s") % {"siret": seller.siret})
    line(f"{seller.address}, {seller.commune.name}")
    pdf.ln(3)
    line(_("Client"), style="B")
    line(order.customer_name)
    if order.buyer_actor:
        line(_("Pour le compte de %(actor)s") % {"actor": order.buyer_actor.legal_name})
    pdf.ln(3)

    pdf.set_font("Helvetica", size=9)
    headings = [_("Article"), _("Qté"), _("Prix unitaire TTC"), _("TVA"), _("Total TTC")]
    with pdf.table(
        col_widths=(48, 8, 18, 10, 16),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        first_row_as_headings=True,
    ) as table:
        table.row([latin1(h) for h in headings])
        for item in context["lines"]:
            label = (
                f"{item.offer_name} ({item.variant_label})"
                if item.variant_label
                else item.offer_name
            )
            table.row(
                [
                    latin1(label),
                    str(item.quantity),
                    _money(item.unit_price),
                    latin1(percent_text(item.vat_rate)),
                    _money(item.line_total),
                ]
            )
        if order.delivery_fee:
            table.row(
                [
                    latin1(_("Frais de livraison")),
                    "1",
                    _money(order.delivery_fee),
                    "",
                    _money(order.delivery_fee),
                ]
            )
    pdf.ln(3)
    with pdf.table(
        col_widths=(20, 20, 20, 20),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        first_row_as_headings=True,
    ) as table:
        table.row(
            [latin1(_("Taux de TVA")), latin1(_("Base HT")), latin1(_("TVA")), latin1(_("TTC"))]
        )
        for row in context["vat_rows"]:
            table.row(
                [
                    latin1(percent_text(row.rate)),
                    _money(row.total_excl_tax),
                    _money(row.vat),
                    _money(row.total_incl_tax),
                ]
            )
    pdf.ln(3)
    line(_("Total HT : %(amount)s") % {"amount": euros_text(context["total_excl_tax"])})
    line(_("Total TVA : %(amount)s") % {"amount": euros_text(context["total_vat"])})
    line(_("Total TTC : %(amount)s") % {"amount": euros_text(order.total)}, style="B", size=12)
    if order.voucher_amount:
        line(
            _("Payé en bons d'achat territoriaux : %(amount)s")
            % {"amount": euros_text(order.voucher_amount)}
        )
        line(_("Reste à payer : %(amount)s") % {"amount": euros_text(order.amount_due)}, style="B")
    pdf.ln(2)
    line(
        _("Paiement : %(method)s (%(status)s)")
        % {
            "method": order.get_payment_method_display(),
            "status": order.get_payment_status_display(),
        }
    )
    line(_("Réception : %(method)s") % {"method": order.get_fulfilment_display()})
    pdf.ln(4)
    line(_("Mentions légales"), style="B", size=9)
    line(_("Prix en euros, toutes taxes comprises."), size=8, height=4)
    line(context["withdrawal_notice"], size=8, height=4)
    line(
        _("Conditions générales de vente du vendeur : %(url)s")
        % {"url": site_url.rstrip("/") + context["terms_url"]},
        size=8,
        height=4,
    )
    line(
        _(
            "Ce reçu récapitule la commande passée sur la plateforme du territoire ; le vendeur "
            "reste seul responsable de la vente."
        ),
        size=8,
        height=4,
    )
    return bytes(pdf.output())
