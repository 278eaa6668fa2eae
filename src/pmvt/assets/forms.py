"""Forms of assets: the public filters, an asset, its photos and blocked periods, a booking."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pmvt.assets.access import OfferingAs
from pmvt.assets.models import Asset, AssetCondition, AssetKind
from pmvt.assets.selectors import AssetFilters
from pmvt.assets.services.assets import AssetData
from pmvt.core.widgets import DateInput, DateTimeLocalInput
from pmvt.territories.models import Commune, Territory
from pmvt.territories.selectors import commune_list


class AssetFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Type de bien"),
        required=False,
        choices=[("", _("Tous les types")), *AssetKind.choices],
    )
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Toutes les communes"),
        to_field_name="insee_code",
    )
    conditions = forms.ChoiceField(
        label=_("Conditions"),
        required=False,
        choices=[("", _("Toutes les conditions")), *AssetCondition.choices],
    )
    du = forms.DateField(label=_("Libre du"), required=False, widget=DateInput())
    au = forms.DateField(label=_("au"), required=False, widget=DateInput())

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]

    def to_filters(self) -> AssetFilters:
        if not self.is_valid():
            return AssetFilters()
        data = self.cleaned_data
        return AssetFilters(
            kind=data["type"],
            commune=data["commune"],
            condition=data["conditions"],
            free_from=data["du"],
            free_until=data["au"],
        )


class AssetForm(forms.Form):
    offering_as = forms.ChoiceField(label=_("Proposé au nom de"), widget=forms.RadioSelect)
    kind = forms.ChoiceField(label=_("Type de bien"), choices=AssetKind.choices)
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        help_text=_("Par exemple : « Remorque bâchée 750 kg » ou « Salle des fêtes de Gargas »."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ce que c'est, son état, ce qu'on peut en faire, ce qu'il faut savoir."),
    )
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none()
    )
    place = forms.CharField(
        label=_("Lieu"),
        max_length=255,
        required=False,
        help_text=_("Quartier ou lieu-dit, sans adresse exacte."),
    )
    capacity = forms.IntegerField(
        label=_("Capacité (personnes)"), min_value=1, max_value=100000, required=False
    )
    condition = forms.ChoiceField(
        label=_("Conditions"),
        choices=AssetCondition.choices,
        initial=AssetCondition.FREE,
        widget=forms.RadioSelect,
    )
    price = forms.DecimalField(
        label=_("Participation aux frais (€ TTC)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
        help_text=_("Seulement avec participation aux frais. Par exemple : 15 ou 12,50."),
    )
    price_unit = forms.CharField(
        label=_("Par"),
        max_length=40,
        required=False,
        help_text=_("Par exemple : jour, demi-journée, week-end."),
    )
    conditions_text = forms.CharField(
        label=_("Précisions sur les conditions"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Caution, permis nécessaire, remise en état, service demandé en échange…"),
    )
    available_from = forms.DateField(
        label=_("Disponible à partir du"), required=False, widget=DateInput()
    )
    available_until = forms.DateField(
        label=_("Disponible jusqu'au"), required=False, widget=DateInput()
    )

    def __init__(
        self,
        *args: Any,
        territory: Territory,
        offering: list[OfferingAs] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]
        self.offering = {choice.key: choice for choice in offering or []}
        if offering:
            field = self.fields["offering_as"]
            field.choices = [(choice.key, choice.label) for choice in offering]  # type: ignore[attr-defined]
            field.initial = offering[0].key
        else:
            del self.fields["offering_as"]

    @classmethod
    def initial_of(cls, asset: Asset) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n not in {"offering_as", "commune"}]
        return {name: getattr(asset, name) for name in names} | {"commune": asset.commune}

    def offering_choice(self) -> OfferingAs:
        return self.offering[self.cleaned_data["offering_as"]]

    def to_data(self) -> AssetData:
        data = {k: v for k, v in self.cleaned_data.items() if k != "offering_as"}
        for name in ("place", "price_unit", "conditions_text"):
            data[name] = data.get(name) or ""
        return AssetData(**data)


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG ou WebP, 5 Mo au plus. Six photos au plus par bien."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Description de la photo"),
        max_length=200,
        help_text=_("Ce que montre la photo, pour les personnes qui ne la voient pas."),
    )


class UnavailabilityForm(forms.Form):
    starts_on = forms.DateField(label=_("Du"), widget=DateInput())
    ends_on = forms.DateField(label=_("Au (inclus)"), widget=DateInput())
    reason = forms.CharField(
        label=_("Motif (visible par vous seulement)"), max_length=200, required=False
    )


class BookingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Début"),
        widget=DateTimeLocalInput(),
        help_text=_("Date et heure, par exemple 2027-03-14 09:00."),
    )
    ends_at = forms.DateTimeField(
        label=_("Fin"),
        widget=DateTimeLocalInput(),
        help_text=_("90 jours au plus après le début."),
    )
    message = forms.CharField(
        label=_("Message au propriétaire"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pour quoi faire, à combien, ce dont vous aurez besoin."),
    )

    def period(self) -> tuple[datetime, datetime]:
        return self.cleaned_data["starts_at"], self.cleaned_data["ends_at"]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Votre réponse"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Par exemple : où et quand remettre les clés."),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de l'annulation"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
