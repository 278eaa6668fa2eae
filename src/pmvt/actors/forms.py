"""Forms of the actors area. They parse input; the services decide and validate for good."""

from datetime import time
from typing import Any

from django import forms
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pmvt.actors.identifiers import clean_naf_code, clean_siret, naf_sections
from pmvt.actors.models import (
    Actor,
    ActorKind,
    ActorLabel,
    ActorStatus,
    CaplaFamily,
    StaffRole,
    Weekday,
)
from pmvt.actors.selectors import DirectoryFilters
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Commune, Territory
from pmvt.territories.selectors import commune_list

# Django translates its own month names: "janvier" in French.
MONTH_CHOICES = list(MONTHS.items())
COORDINATE_HELP = _(
    "Facultatif. En degrés décimaux (par exemple 43.876 et 5.396) : sur une carte en ligne, "
    "un clic droit sur le lieu les affiche. Sans coordonnées, la carte place l'acteur au "
    "centre de sa commune."
)

LONGITUDE_HELP = _("Facultatif. Par exemple 5.396 (à l'est de Greenwich).")


def _coordinate(label: Any, limit: int) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-limit,
        max_value=limit,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Nom"), required=False, max_length=100)
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Toutes les communes"),
    )
    famille = forms.ChoiceField(
        label=_("Famille"),
        required=False,
        choices=[("", _("Toutes les familles")), *CaplaFamily.choices],
    )
    activite = forms.ChoiceField(label=_("Secteur d'activité (NAF)"), required=False)
    label = forms.ChoiceField(
        label=_("Label"), required=False, choices=[("", _("Tous les labels")), *ActorLabel.choices]
    )
    ouvert = forms.BooleanField(label=_("Ouvert maintenant"), required=False)
    retrait = forms.BooleanField(label=_("Retrait des commandes (click & collect)"), required=False)
    livraison = forms.BooleanField(label=_("Livraison"), required=False)

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]
        self.fields["activite"].choices = [  # type: ignore[attr-defined]
            ("", _("Tous les secteurs")),
            *((s.code, s.label) for s in naf_sections()),
        ]

    def to_filters(self) -> DirectoryFilters:
        if not self.is_bound or not self.is_valid():
            return DirectoryFilters()
        data = self.cleaned_data
        return DirectoryFilters(
            query=data["q"].strip(),
            commune_id=data["commune"].pk if data["commune"] else None,
            capla_family=data["famille"],
            naf_section=data["activite"],
            label=data["label"],
            open_now=data["ouvert"],
            click_collect=data["retrait"],
            delivery=data["livraison"],
        )


class _ActorDetailsForm(forms.Form):
    """The fields an actor's team fills in, at registration and later on the page."""

    trade_name = forms.CharField(
        label=_("Nom commercial"),
        required=False,
        max_length=200,
        help_text=_("Le nom sous lequel vos clients vous connaissent, s'il diffère."),
    )
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), empty_label=_("Choisissez")
    )
    address = forms.CharField(
        label=_("Adresse"), max_length=255, help_text=_("Numéro et rue, ou lieu-dit.")
    )
    latitude = _coordinate(_("Latitude"), 90)
    longitude = _coordinate(_("Longitude"), 180)
    phone = forms.CharField(label=_("Téléphone"), required=False, max_length=30)
    email = forms.EmailField(label=_("Courriel de contact"), required=False)
    website = forms.URLField(
        label=_("Site web"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Par exemple https://www.exemple.fr"),
    )
    description = forms.CharField(
        label=_("Présentation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Votre activité, vos produits ou services, ce qui vous distingue."),
    )
    labels = forms.MultipleChoiceField(
        label=_("Labels et engagements"),
        required=False,
        choices=ActorLabel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    offers_click_collect = forms.BooleanField(
        label=_("Je propose le retrait des commandes (click & collect)"), required=False
    )
    offers_delivery = forms.BooleanField(label=_("Je propose la livraison"), required=False)

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["latitude"].help_text = COORDINATE_HELP
        self.fields["longitude"].help_text = LONGITUDE_HELP
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]

    def add_service_error(self, error: ApplicationError) -> None:
        field = getattr(error, "field", None)
        self.add_error(field if field in self.fields else None, str(error.message))


class OnboardingForm(_ActorDetailsForm):
    kind = forms.ChoiceField(
        label=_("Vous êtes"), choices=ActorKind.choices, widget=forms.RadioSelect
    )
    legal_name = forms.CharField(
        label=_("Raison sociale"),
        max_length=200,
        help_text=_("Le nom officiel, tel qu'il figure au répertoire Sirene."),
    )
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=20,
        help_text=_(
            "14 chiffres, sur votre avis de situation Insee ou sur annuaire-entreprises.data.gouv.fr. "
            "Facultatif pour les associations et les organismes publics."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    naf_code = forms.CharField(
        label=_("Code NAF (APE)"),
        required=False,
        max_length=10,
        help_text=_(
            "La nomenclature NAF rév. 2, par exemple 10.71C pour une boulangerie ou 01.13Z pour "
            "un maraîcher. Il détermine votre famille : commerçant, artisan, profession "
            "libérale ou agriculteur."
        ),
    )

    field_order = [
        "kind",
        "legal_name",
        "trade_name",
        "siret",
        "naf_code",
        "commune",
        "address",
        "latitude",
        "longitude",
        "phone",
        "email",
        "website",
        "description",
        "labels",
        "offers_click_collect",
        "offers_delivery",
    ]

    def clean_siret(self) -> str:
        try:
            return clean_siret(self.cleaned_data["siret"])
        except ApplicationError as error:
            raise forms.ValidationError(str(error.message)) from None

    def clean_naf_code(self) -> str:
        try:
            return clean_naf_code(self.cleaned_data["naf_code"])
        except ApplicationError as error:
            raise forms.ValidationError(str(error.message)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ActorKind.BUSINESS:
            if "siret" in data and not data["siret"]:
                self.add_error("siret", _("Une entreprise doit indiquer son SIRET (14 chiffres)."))
            if "naf_code" in data and not data["naf_code"]:
                self.add_error(
                    "naf_code",
                    _("Une entreprise doit indiquer son code NAF (APE), par exemple 10.71C."),
                )
        return data


class ActorPageForm(_ActorDetailsForm):
    capla_family = forms.ChoiceField(label=_("Famille CAPLA"), required=False)
    sells_to_professionals = forms.BooleanField(
        label=_("Je vends aussi aux professionnels"), required=False
    )
    terms_of_sale = forms.CharField(
        label=_("Conditions générales de vente"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, actor: Actor, derived_family: str, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "trade_name": actor.trade_name,
                "commune": actor.commune_id,
                "address": actor.address,
                "latitude": actor.latitude,
                "longitude": actor.longitude,
                "phone": actor.phone,
                "email": actor.email,
                "website": actor.website,
                "description": actor.description,
                "labels": actor.labels,
                "offers_click_collect": actor.offers_click_collect,
                "offers_delivery": actor.offers_delivery,
                "sells_to_professionals": actor.sells_to_professionals,
                "terms_of_sale": actor.terms_of_sale,
                "capla_family": actor.capla_family if actor.capla_family_overridden else "",
            },
        )
        super().__init__(*args, territory=actor.territory, **kwargs)
        automatic = (
            _("Automatique, d'après le code NAF : %(family)s")
            % {"family": CaplaFamily(derived_family).label}
            if derived_family
            else _("Automatique, d'après le code NAF : aucune famille")
        )
        field = self.fields["capla_family"]
        field.choices = [("", automatic), *CaplaFamily.choices]  # type: ignore[attr-defined]
        field.help_text = _(
            "Choisissez une autre famille seulement si le code NAF ne décrit pas bien votre métier."
        )


def _time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )


class OpeningHoursForm(forms.Form):
    """Two time ranges a day (morning and afternoon), seven days; empty ranges are closed."""

    RANGES = (1, 2)

    def __init__(
        self, *args: Any, hours: list[tuple[int, time, time]] | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        by_day: dict[int, list[tuple[time, time]]] = {}
        for weekday, opens, closes in hours or []:
            by_day.setdefault(weekday, []).append((opens, closes))
        for day in Weekday:
            for n in self.RANGES:
                values = {"day": capfirst(day.label), "n": n}
                opens_field = _time_field(_("%(day)s, plage %(n)s : ouverture") % values)
                closes_field = _time_field(_("%(day)s, plage %(n)s : fermeture") % values)
                existing = sorted(by_day.get(day.value, []))
                if len(existing) >= n:
                    opens_field.initial, closes_field.initial = existing[n - 1]
                self.fields[f"d{day.value}_opens_{n}"] = opens_field
                self.fields[f"d{day.value}_closes_{n}"] = closes_field

    def days(self) -> list[tuple[str, list[tuple[Any, Any]]]]:
        """(day label, [(opens bound field, closes bound field), ...]) for the template."""
        return [
            (
                str(day.label),
                [
                    (self[f"d{day.value}_opens_{n}"], self[f"d{day.value}_closes_{n}"])
                    for n in self.RANGES
                ],
            )
            for day in Weekday
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for day in Weekday:
            for n in self.RANGES:
                opens_key, closes_key = f"d{day.value}_opens_{n}", f"d{day.value}_closes_{n}"
                if opens_key in self.errors or closes_key in self.errors:
                    continue
                if (data.get(opens_key) is None) != (data.get(closes_key) is None):
                    missing = closes_key if data.get(closes_key) is None else opens_key
                    self.add_error(
                        missing,
                        _("Le %(day)s, indiquez l'heure d'ouverture et l'heure de fermeture.")
                        % {"day": day.label},
                    )
        return data

    def ranges(self) -> list[tuple[int, time, time]]:
        result = []
        for day in Weekday:
            for n in self.RANGES:
                opens = self.cleaned_data.get(f"d{day.value}_opens_{n}")
                closes = self.cleaned_data.get(f"d{day.value}_closes_{n}")
                if opens is not None and closes is not None:
                    result.append((day.value, opens, closes))
        return result


class ClosureForm(forms.Form):
    start_date = forms.DateField(
        label=_("Fermé du"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_date = forms.DateField(
        label=_("au (inclus)"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=200,
        help_text=_("Par exemple : congés annuels, travaux, inventaire."),
    )


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_(
            "JPEG, PNG ou WebP, 5 Mo au plus. Les données EXIF (lieu, appareil) sont retirées."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Description de la photo"),
        max_length=200,
        help_text=_(
            "Ce que montre la photo, pour les personnes qui ne la voient pas : "
            "« Étal de fruits confits dans la boutique »."
        ),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Adresse électronique"))
    role = forms.ChoiceField(
        label=_("Rôle"),
        choices=StaffRole.choices,
        initial=StaffRole.STAFF,
        help_text=_(
            "Responsable : tout, y compris l'équipe. Gérant ou gérante : la page, le catalogue "
            "et les commandes. Équipe : les commandes."
        ),
    )


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=StaffRole.choices)


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de la suspension"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Envoyé à l'équipe de l'acteur."),
    )


class QueueFilterForm(forms.Form):
    statut = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous les statuts")), *ActorStatus.choices],
    )


class MarketForm(forms.Form):
    name = forms.CharField(label=_("Nom du marché"), max_length=200)
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), empty_label=_("Choisissez")
    )
    place = forms.CharField(label=_("Lieu"), max_length=255, help_text=_("Place, rue ou parking."))
    weekday = forms.TypedChoiceField(label=_("Jour"), choices=Weekday.choices, coerce=int)
    start_time = forms.TimeField(
        label=_("Début"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Fin"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    season_start_month = forms.TypedChoiceField(
        label=_("Saison : du mois de"), choices=MONTH_CHOICES, coerce=int, initial=1
    )
    season_end_month = forms.TypedChoiceField(
        label=_("au mois de (inclus)"), choices=MONTH_CHOICES, coerce=int, initial=12
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    latitude = _coordinate(_("Latitude"), 90)
    longitude = _coordinate(_("Longitude"), 180)

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]
        self.fields["latitude"].help_text = COORDINATE_HELP
        self.fields["longitude"].help_text = LONGITUDE_HELP

    def add_service_error(self, error: ApplicationError) -> None:
        field = getattr(error, "field", None)
        self.add_error(field if field in self.fields else None, str(error.message))


class StallForm(forms.Form):
    actor: forms.ModelChoiceField[Actor] = forms.ModelChoiceField(
        label=_("Producteur ou commerçant"),
        queryset=Actor.objects.none(),
        empty_label=_("Choisissez un acteur vérifié"),
    )
    offers_pickup = forms.BooleanField(label=_("Retrait des commandes au stand"), required=False)

    def __init__(self, *args: Any, actors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors  # type: ignore[attr-defined]


class AttendForm(forms.Form):
    attends = forms.BooleanField(label=_("J'ai un stand sur ce marché"), required=False)
    offers_pickup = forms.BooleanField(
        label=_("Je remets les commandes à mon stand"), required=False
    )
