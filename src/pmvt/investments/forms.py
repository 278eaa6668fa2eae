"""Forms of the investments area. They parse input; the services decide and validate for good."""

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pmvt.core.exceptions import ApplicationError
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.investments.models import CallKind, Instrument, InvestmentCall
from pmvt.investments.selectors import PERIOD_CLOSED, PERIOD_OPEN, CallFilters
from pmvt.territories.models import Commune, Territory
from pmvt.territories.selectors import commune_list

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EurosField(forms.DecimalField):
    """A French amount: "1 500,50", "1500.50" or "1 500 €" (spaces and the sign are dropped)."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f€]", "", value).replace(",", ".")
        return super().to_python(value)


def _money(label: Any, *, required: bool, help_text: Any = "") -> EurosField:
    return EurosField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class ServiceErrorsMixin:
    def add_service_error(self, error: ApplicationError) -> None:
        field = getattr(error, "field", None)
        fields = self.fields  # type: ignore[attr-defined]
        self.add_error(field if field in fields else None, str(error.message))  # type: ignore[attr-defined]


class CallFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Type de projet"),
        required=False,
        choices=[("", _("Tous les projets")), *CallKind.choices],
    )
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Toutes les communes"),
    )
    forme = forms.ChoiceField(
        label=_("Forme d'investissement"),
        required=False,
        choices=[("", _("Toutes les formes")), *Instrument.choices],
    )
    periode = forms.ChoiceField(
        label=_("Promesses"),
        required=False,
        choices=[
            ("", _("Ouvertes et clôturées")),
            (PERIOD_OPEN, _("Ouvertes")),
            (PERIOD_CLOSED, _("Clôturées")),
        ],
    )

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]

    def to_filters(self) -> CallFilters:
        if not self.is_bound or not self.is_valid():
            return CallFilters()
        data = self.cleaned_data
        commune = data.get("commune")
        return CallFilters(
            kind=data.get("type") or "",
            commune_id=commune.pk if commune else None,
            instrument=data.get("forme") or "",
            period=data.get("periode") or "",
        )


class CallForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titre du projet"), max_length=200)
    kind = forms.ChoiceField(label=_("Type de projet"), choices=CallKind.choices)
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Une ou deux phrases, affichées dans la liste des projets."),
    )
    description = forms.CharField(
        label=_("Présentation du projet"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Ce que vous voulez faire, pour qui, avec quel budget. Mise en forme Markdown : "
            "**gras**, listes, liens [texte](https://…)."
        ),
    )
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune du projet"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Aucune en particulier"),
    )
    amount_sought = _money(
        _("Montant recherché"), required=True, help_text=_("En euros, par exemple 40 000.")
    )
    instruments = forms.MultipleChoiceField(
        label=_("Formes d'investissement acceptées"),
        choices=Instrument.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "À titre d'information : les modalités se règlent ensuite entre vous et les "
            "personnes qui ont fait une promesse."
        ),
    )
    minimum_pledge = _money(
        _("Promesse minimale"),
        required=False,
        help_text=_("Facultatif, en euros : le montant d'une part sociale, par exemple."),
    )
    opens_on = forms.DateField(label=_("Ouverture des promesses"), widget=DATE_WIDGET)
    closes_on = forms.DateField(label=_("Clôture des promesses"), widget=DATE_WIDGET)
    project_starts_on = forms.DateField(
        label=_("Démarrage prévu du projet"), required=False, widget=DATE_WIDGET
    )
    risks = forms.CharField(
        label=_("Risques du projet"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Dites franchement ce qui peut mal tourner (activité insuffisante, retard, "
            "faillite) et ce que les personnes qui s'engagent peuvent perdre."
        ),
    )
    contact_email = forms.EmailField(
        label=_("Courriel de contact du projet"),
        required=False,
        help_text=_("Facultatif, affiché sur la page du projet."),
    )

    def __init__(
        self, *args: Any, territory: Territory, call: InvestmentCall | None = None, **kwargs: Any
    ) -> None:
        if call is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": call.title,
                "kind": call.kind,
                "summary": call.summary,
                "description": call.description,
                "commune": call.commune,
                "amount_sought": call.amount_sought,
                "instruments": call.instruments,
                "minimum_pledge": call.minimum_pledge,
                "opens_on": call.opens_on,
                "closes_on": call.closes_on,
                "project_starts_on": call.project_starts_on,
                "risks": call.risks,
                "contact_email": call.contact_email,
            }
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]


class DocumentForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titre du document"), max_length=200)
    file = forms.FileField(
        label=_("Fichier PDF"),
        help_text=_("PDF seulement, 10 Mo au plus. Le document sera public."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )


class NewsForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titre de l'actualité"), max_length=200)
    body = forms.CharField(
        label=_("Texte"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Les personnes qui ont fait une promesse en sont averties."),
    )


class RejectForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Le porteur du projet le lira ; il pourra corriger et soumettre de nouveau."),
    )


class PledgeForm(ServiceErrorsMixin, forms.Form):
    amount = _money(_("Montant de votre promesse"), required=True)
    instrument = forms.ChoiceField(
        label=_("Forme de votre investissement"), widget=forms.RadioSelect, choices=()
    )
    message = forms.CharField(
        label=_("Message au porteur du projet"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facultatif : une question, vos disponibilités pour en parler…"),
    )
    consent_contact = forms.BooleanField(
        label=_(
            "J'accepte que le porteur du projet voie mon nom, mon courriel et ma promesse, "
            "et me contacte à son sujet."
        ),
        required=True,
        error_messages={
            "required": _(
                "Cochez cette case pour enregistrer votre promesse : elle sert à ce que le "
                "porteur du projet vous contacte."
            )
        },
        help_text=_(
            "Obligatoire : une promesse n'a pas d'autre usage. Sans cet accord, elle ne peut "
            "être enregistrée."
        ),
    )

    def __init__(self, *args: Any, call: InvestmentCall, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["instrument"].choices = [  # type: ignore[attr-defined]
            (value, Instrument(value).label) for value in call.instruments
        ]
        if len(call.instruments) == 1 and not self.is_bound:
            self.initial.setdefault("instrument", call.instruments[0])
        amount = self.fields["amount"]
        parts = []
        if call.minimum_pledge is not None:
            parts.append(_("Au moins %(minimum)s.") % {"minimum": euros_text(call.minimum_pledge)})
        parts.append(_("Au plus %(maximum)s.") % {"maximum": euros_text(call.pledge_maximum)})
        amount.help_text = " ".join(str(p) for p in parts)

    def clean_amount(self) -> Decimal:
        """The bounds up front, so that every mistake shows at once (the service checks again)."""
        amount: Decimal = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError(_("Le montant doit être supérieur à zéro."))
        minimum = self.call.minimum_pledge
        if minimum is not None and amount < minimum:
            raise forms.ValidationError(
                _("Ce projet demande une promesse d'au moins %(minimum)s.")
                % {"minimum": euros_text(minimum)}
            )
        if amount > self.call.pledge_maximum:
            raise forms.ValidationError(
                _("Une promesse ne peut dépasser %(maximum)s sur ce projet.")
                % {"maximum": euros_text(self.call.pledge_maximum)}
            )
        return amount
