"""Forms of volunteering: the public filters, a mission, its dates, attendance and hours."""

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pmvt.agenda.recurrence import paris_datetime
from pmvt.core.seats import MAX_WEEKLY_SESSIONS
from pmvt.core.widgets import DateInput, TimeInput
from pmvt.territories.models import Commune, Territory
from pmvt.territories.selectors import commune_list
from pmvt.volunteering.models import Mission, Skill
from pmvt.volunteering.selectors import MissionFilters
from pmvt.volunteering.services.missions import MissionData


class MissionFilterForm(forms.Form):
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Toutes les communes"),
        to_field_name="insee_code",
    )
    competence = forms.ChoiceField(
        label=_("Compétence"),
        required=False,
        choices=[("", _("Toutes les compétences")), *Skill.choices],
    )
    du = forms.DateField(label=_("À partir du"), required=False, widget=DateInput())
    au = forms.DateField(label=_("Jusqu'au"), required=False, widget=DateInput())
    places = forms.BooleanField(label=_("Seulement les dates avec des places"), required=False)

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]

    def to_filters(self) -> MissionFilters:
        if not self.is_valid():
            return MissionFilters()
        data = self.cleaned_data
        return MissionFilters(
            commune=data["commune"],
            skill=data["competence"],
            date_from=data["du"],
            date_to=data["au"],
            places_left=data["places"],
        )


class MissionForm(forms.Form):
    title = forms.CharField(label=_("Titre de la mission"), max_length=200)
    summary = forms.CharField(
        label=_("Résumé"), max_length=300, help_text=_("Une phrase, montrée dans la liste.")
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Ce que feront les bénévoles. Mise en forme Markdown : **gras**, listes."),
    )
    skills = forms.MultipleChoiceField(
        label=_("Compétences souhaitées"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
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
    seated_tasks = forms.BooleanField(label=_("Tâches possibles en restant assis"), required=False)
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
    def initial_of(cls, mission: Mission) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n != "commune"]
        return {name: getattr(mission, name) for name in names} | {"commune": mission.commune}

    def to_data(self) -> MissionData:
        return MissionData(**self.cleaned_data)


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


class AttendanceForm(forms.Form):
    PRESENT, ABSENT = "present", "absent"
    attendance = forms.ChoiceField(
        label=_("Présence"),
        choices=[(PRESENT, _("Présent")), (ABSENT, _("Absent"))],
    )
    hours = forms.DecimalField(
        label=_("Heures données"),
        required=False,
        max_digits=5,
        decimal_places=2,
        localize=True,
    )
