"""Forms of workshops: the workshop, a contribution, themes, filing, suggestions, dots, actions."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmvt.core.widgets import DateInput, DateTimeLocalInput
from pmvt.projects.models import Project
from pmvt.territories.models import Commune, Territory
from pmvt.workshops.models import Action, Contribution, Theme, Workshop, WorkshopMode
from pmvt.workshops.services.facilitation import ActionData
from pmvt.workshops.services.workshops import WorkshopData


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Titre de l'atelier"), max_length=200)
    question = forms.CharField(
        label=_("La question posée"),
        max_length=300,
        help_text=_(
            "Une question ouverte, par exemple « Comment faire revivre le centre-bourg ? »"
        ),
    )
    description = forms.CharField(
        label=_("Présentation"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    mode = forms.ChoiceField(label=_("Format"), choices=WorkshopMode.choices)
    starts_at = forms.DateTimeField(
        label=_("Début"), widget=DateTimeLocalInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )
    ends_at = forms.DateTimeField(
        label=_("Fin"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text=_("Pour un atelier sur plusieurs jours, le dernier jour."),
    )
    place = forms.CharField(
        label=_("Lieu"),
        max_length=255,
        required=False,
        help_text=_("Pour un atelier en présentiel : la salle, l'adresse."),
    )
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), required=False
    )
    dots_per_participant = forms.IntegerField(
        label=_("Gommettes par participant"),
        min_value=1,
        max_value=20,
        initial=5,
        help_text=_("De 1 à 20 : chacun les répartit sur les thèmes prioritaires."),
    )
    max_contribution_length = forms.IntegerField(
        label=_("Longueur maximale d'une contribution (caractères)"),
        min_value=20,
        max_value=1000,
        initial=280,
    )
    project: forms.ModelChoiceField[Project] = forms.ModelChoiceField(
        label=_("Projet collectif concerné"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("Aucun"),
    )

    def __init__(
        self, *args: Any, territory: Territory, projects: list[Project], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.filter(  # type: ignore[attr-defined]
            territory=territory
        ).order_by("name")
        self.fields["project"].queryset = Project.objects.filter(  # type: ignore[attr-defined]
            territory=territory, pk__in=[p.pk for p in projects]
        ).order_by("title")
        if not projects:
            del self.fields["project"]

    @classmethod
    def initial_of(cls, workshop: Workshop) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n not in ("commune", "project")]
        values = {name: getattr(workshop, name) for name in names}
        for name in ("starts_at", "ends_at"):
            if values[name] is not None:
                values[name] = timezone.localtime(values[name])
        return values | {"commune": workshop.commune, "project": workshop.project}

    def to_data(self) -> WorkshopData:
        data = dict(self.cleaned_data)
        data.setdefault("project", None)
        return WorkshopData(**data)


class ContributionForm(forms.Form):
    text = forms.CharField(
        label=_("Votre contribution"),
        widget=forms.Textarea(attrs={"rows": 3}),
        # The service checks the workshop's own maximum with a clear message.
        max_length=2000,
        strip=True,
    )

    def __init__(self, *args: Any, workshop: Workshop, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _("%(max)s caractères au plus.") % {
            "max": workshop.max_contribution_length
        }


class ThemeForm(forms.Form):
    title = forms.CharField(label=_("Nom du thème"), max_length=150)


class SuggestionForm(forms.Form):
    theme: forms.ModelChoiceField[Theme] = forms.ModelChoiceField(
        label=_("Thème existant"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("Choisir…"),
    )
    new_title = forms.CharField(label=_("ou un nouveau thème"), max_length=150, required=False)

    def __init__(self, *args: Any, workshop: Workshop, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(workshop=workshop)  # type: ignore[attr-defined]


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=200)
    description = forms.CharField(
        label=_("Précisions"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner_name = forms.CharField(label=_("Qui s'en charge"), max_length=150, required=False)
    due_on = forms.DateField(label=_("Pour le"), required=False, widget=DateInput())
    theme: forms.ModelChoiceField[Theme] = forms.ModelChoiceField(
        label=_("Thème"), queryset=Theme.objects.none(), required=False, empty_label=_("Aucun")
    )

    def __init__(self, *args: Any, workshop: Workshop, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(workshop=workshop)  # type: ignore[attr-defined]

    @classmethod
    def initial_of(cls, action: Action) -> dict[str, Any]:
        return {name: getattr(action, name) for name in cls.base_fields}

    def to_data(self) -> ActionData:
        return ActionData(**self.cleaned_data)


def parse_counts(post: Any, prefix: str) -> tuple[dict[int, int], str]:
    """Read `<prefix><id>` integer fields of a POST: (id → value, error message or "")."""
    values: dict[int, int] = {}
    for key, raw in post.items():
        if not key.startswith(prefix):
            continue
        try:
            pk = int(key[len(prefix) :])
        except ValueError:
            continue
        raw = raw.strip()
        if raw == "":
            values[pk] = 0
            continue
        try:
            values[pk] = int(raw)
        except ValueError:
            return {}, str(_("Indiquez un nombre entier de gommettes pour chaque thème."))
    return values, ""


def parse_filing(post: Any, contributions: list[Contribution]) -> dict[int, int | None]:
    """Read the `theme-<contribution id>` selects of the filing form (empty: not filed)."""
    assignments: dict[int, int | None] = {}
    for contribution in contributions:
        raw = post.get(f"theme-{contribution.pk}")
        if raw is None:
            continue
        try:
            assignments[contribution.pk] = int(raw) if raw else None
        except ValueError:
            assignments[contribution.pk] = -1
    return assignments
