"""Forms of activities: the public filters, an activity, its sessions, a registration."""

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pmvt.activities.models import Activity, ActivityKind, AgeGroup
from pmvt.activities.selectors import ActivityFilters
from pmvt.activities.services.activities import ActivityData
from pmvt.agenda.recurrence import paris_datetime
from pmvt.core.seats import MAX_WEEKLY_SESSIONS
from pmvt.core.widgets import DateInput, TimeInput
from pmvt.territories.models import Commune, Territory
from pmvt.territories.selectors import commune_list


class ActivityFilterForm(forms.Form):
    public = forms.ChoiceField(
        label=_("Public"), required=False, choices=[("", _("Tous les publics")), *AgeGroup.choices]
    )
    type = forms.ChoiceField(
        label=_("Type d'activité"),
        required=False,
        choices=[("", _("Tous les types")), *ActivityKind.choices],
    )
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Toutes les communes"),
        to_field_name="insee_code",
    )
    du = forms.DateField(label=_("À partir du"), required=False, widget=DateInput())
    au = forms.DateField(label=_("Jusqu'au"), required=False, widget=DateInput())
    gratuit = forms.BooleanField(label=_("Gratuites seulement"), required=False)

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]

    def to_filters(self) -> ActivityFilters:
        if not self.is_valid():
            return ActivityFilters()
        data = self.cleaned_data
        return ActivityFilters(
            commune=data["commune"],
            kind=data["type"],
            age_group=data["public"],
            free_only=data["gratuit"],
            date_from=data["du"],
            date_to=data["au"],
        )


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Titre de l'activité"), max_length=200)
    summary = forms.CharField(
        label=_("Résumé"), max_length=300, help_text=_("Une phrase, montrée dans la liste.")
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Le déroulement, ce qu'il faut apporter. Mise en forme Markdown : **gras**."),
    )
    kind = forms.ChoiceField(label=_("Type d'activité"), choices=ActivityKind.choices)
    age_group = forms.ChoiceField(label=_("Public"), choices=AgeGroup.choices)
    min_age = forms.IntegerField(label=_("Âge minimum"), min_value=0, max_value=120, required=False)
    max_age = forms.IntegerField(label=_("Âge maximum"), min_value=0, max_value=120, required=False)
    price = forms.DecimalField(
        label=_("Prix en euros"),
        min_value=Decimal(0),
        max_digits=8,
        decimal_places=2,
        initial=Decimal(0),
        localize=True,
        help_text=_("0 pour une activité gratuite."),
    )
    reduced_price_text = forms.CharField(
        label=_("Tarif réduit"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : 5 € pour les bénéficiaires des minima sociaux."),
    )
    place_name = forms.CharField(label=_("Lieu"), max_length=200)
    address = forms.CharField(label=_("Adresse"), max_length=255, required=False)
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none()
    )
    wheelchair_access = forms.BooleanField(
        label=_("Accessible en fauteuil roulant"), required=False
    )
    hearing_loop = forms.BooleanField(label=_("Boucle magnétique"), required=False)
    sign_language = forms.BooleanField(label=_("Interprétation en LSF"), required=False)
    transport_help = forms.BooleanField(label=_("Transport possible sur demande"), required=False)
    accessibility_notes = forms.CharField(
        label=_("Autres informations d'accessibilité"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_email = forms.EmailField(label=_("Courriel de contact"), required=False)

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]

    @classmethod
    def initial_of(cls, activity: Activity) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n != "commune"]
        return {name: getattr(activity, name) for name in names} | {"commune": activity.commune}

    def to_data(self) -> ActivityData:
        data = dict(self.cleaned_data)
        data["price"] = data["price"] if data["price"] is not None else Decimal(0)
        return ActivityData(**data)


class RegistrationForm(forms.Form):
    """Register oneself, or a relative by name (one seat per registration)."""

    participant_name = forms.CharField(
        label=_("Pour un proche : son nom"),
        max_length=150,
        required=False,
        help_text=_("Laissez vide pour vous inscrire vous-même."),
    )
    contact_phone = forms.CharField(
        label=_("Téléphone (facultatif)"),
        max_length=30,
        required=False,
        help_text=_("Pour que l'organisation puisse prévenir en cas de changement."),
    )


class SessionsForm(forms.Form):
    """One date, or a weekly series."""

    ONCE, WEEKLY = "once", "weekly"
    day = forms.DateField(label=_("Date (la première, pour une série)"), widget=DateInput())
    start_time = forms.TimeField(label=_("Heure de début"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Heure de fin"), widget=TimeInput())
    capacity = forms.IntegerField(label=_("Nombre de places"), min_value=1, max_value=500)
    repeat = forms.ChoiceField(
        label=_("Répétition"),
        choices=[(ONCE, _("Une seule fois")), (WEEKLY, _("Chaque semaine, le même jour"))],
        initial=ONCE,
        widget=forms.RadioSelect,
    )
    weeks = forms.IntegerField(
        label=_("Pendant combien de semaines"),
        min_value=1,
        max_value=MAX_WEEKLY_SESSIONS,
        required=False,
        help_text=_("Pour une série : le nombre de semaines, ou la date de la dernière séance."),
    )
    until = forms.DateField(
        label=_("Jusqu'au (dernière séance)"), required=False, widget=DateInput()
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("repeat") == self.WEEKLY and not data.get("weeks") and not data.get("until"):
            self.add_error("weeks", _("Indiquez le nombre de semaines ou la date de fin."))
        return data

    def starts_at(self) -> datetime:
        return paris_datetime(self.cleaned_data["day"], self.cleaned_data["start_time"])

    def ends_at(self) -> datetime:
        day: date = self.cleaned_data["day"]
        end: time = self.cleaned_data["end_time"]
        return paris_datetime(day, end)

    def service_kwargs(self) -> dict[str, Any]:
        weekly = self.cleaned_data["repeat"] == self.WEEKLY
        return {
            "starts_at": self.starts_at(),
            "ends_at": self.ends_at(),
            "capacity": self.cleaned_data["capacity"],
            "weekly": weekly,
            "weeks": self.cleaned_data["weeks"] if weekly else None,
            "until": self.cleaned_data["until"] if weekly else None,
        }


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Nombre de places"), min_value=1, max_value=500)
