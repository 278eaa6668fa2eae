"""Forms of the vouchers area: they parse input; the services decide what is allowed."""

import uuid
from decimal import Decimal

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from pmvt.vouchers.models import CampaignKind
from pmvt.vouchers.services.issuing import PaymentMethod


def new_key() -> str:
    return uuid.uuid4().hex


def _money(label, *, help_text="", min_value="0.00") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=10,
        decimal_places=2,
        min_value=Decimal(min_value),
        localize=True,  # "12,50" as French people write it.
        help_text=help_text,
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Nom de la campagne"), max_length=150)
    kind = forms.ChoiceField(
        label=_("Type de campagne"), choices=CampaignKind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Présentation"), required=False, max_length=5000, widget=forms.Textarea
    )
    face_value = _money(_("Valeur d'un bon (€)"), min_value="0.01")
    price = _money(
        _("Prix payé par l'acheteur pour un bon (€)"),
        help_text=_(
            "Par exemple 20 pour « payez 20 €, recevez 30 € ». Ignoré pour des bons gratuits."
        ),
    )
    max_units = forms.IntegerField(
        label=_("Bons par achat, au plus"), min_value=1, max_value=50, initial=5
    )
    budget = _money(
        _("Budget d'abondement de la collectivité (€)"),
        help_text=_("La part ajoutée par la collectivité, qui ne pourra jamais être dépassée."),
        min_value="0.01",
    )
    per_person_cap = _money(_("Valeur maximale reçue par personne (€)"), min_value="0.01")
    issue_starts = forms.DateField(label=_("Début des émissions"), widget=DateInput())
    issue_ends = forms.DateField(label=_("Fin des émissions"), widget=DateInput())
    spend_deadline = forms.DateField(label=_("Date limite d'utilisation"), widget=DateInput())
    where_to_buy = forms.CharField(
        label=_("Où acheter les bons"),
        required=False,
        max_length=3000,
        widget=forms.Textarea,
        help_text=_("Les guichets partenaires, leurs horaires, les coordonnées pour un virement."),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("kind") == CampaignKind.FREE:
            data["price"] = Decimal("0.00")
        return data


class PurchaseForm(forms.Form):
    email = forms.EmailField(
        label=_("Courriel du membre"),
        help_text=_(
            "La personne doit avoir un compte sur la plateforme et être membre du territoire."
        ),
    )
    units = forms.IntegerField(label=_("Nombre de bons"), min_value=1, max_value=50, initial=1)
    payment_method = forms.ChoiceField(
        label=_("Paiement reçu"),
        choices=[
            (PaymentMethod.COUNTER, _("Au guichet partenaire")),
            (PaymentMethod.TRANSFER, _("Par virement bancaire")),
        ],
        widget=forms.RadioSelect,
    )
    idempotency_key = forms.CharField(max_length=64, widget=forms.HiddenInput)


class GrantForm(forms.Form):
    emails = forms.CharField(
        label=_("Courriels des bénéficiaires"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Un courriel par ligne : chaque membre reçoit un bon gratuit."),
    )

    def clean_emails(self) -> list[str]:
        emails = [line.strip().lower() for line in self.cleaned_data["emails"].splitlines()]
        emails = [e for e in emails if e]
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("« %(email)s » n'est pas un courriel valide."), params={"email": email}
                ) from error
        if not emails:
            raise forms.ValidationError(_("Indiquez au moins un courriel."))
        return list(dict.fromkeys(emails))


class ClaimCodesForm(forms.Form):
    count = forms.IntegerField(label=_("Nombre de codes à générer"), min_value=1, max_value=500)


class ClaimForm(forms.Form):
    code = forms.CharField(label=_("Code reçu"), max_length=20)


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Code du bon"),
        max_length=20,
        help_text=_("Les 8 caractères affichés sous le QR code, par exemple ABCD-EF23."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class SpendForm(forms.Form):
    code = forms.CharField(max_length=20, widget=forms.HiddenInput)
    amount = forms.CharField(
        label=_("Montant à encaisser (€)"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    idempotency_key = forms.CharField(max_length=64, widget=forms.HiddenInput)


class RefundForm(forms.Form):
    amount = forms.CharField(
        label=_("Montant à rendre (€)"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    idempotency_key = forms.CharField(max_length=64, widget=forms.HiddenInput)
