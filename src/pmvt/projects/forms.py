"""Forms of collective projects: the public filters, a project, a need, the team, milestones
and news. Forms only parse; the services check and write."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pmvt.accounts.models import User
from pmvt.assets.models import AssetKind
from pmvt.core.sdgs import SDG_CHOICES
from pmvt.core.widgets import DateInput
from pmvt.investments.models import CallStatus, InvestmentCall
from pmvt.projects.models import NeedKind, Project, ProjectStatus
from pmvt.projects.selectors import PUBLIC_STATUSES, ProjectFilters, skill_terms_of
from pmvt.projects.services.needs import NeedData
from pmvt.skills.models import SkillLevel, SkillTerm
from pmvt.territories.models import Commune, Territory
from pmvt.territories.selectors import commune_list


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Mots"), max_length=100, required=False)
    statut = forms.ChoiceField(
        label=_("État"),
        required=False,
        choices=[
            ("", _("Tous les états")),
            *[(value, label) for value, label in ProjectStatus.choices if value in PUBLIC_STATUSES],
        ],
    )
    odd = forms.TypedChoiceField(
        label=_("Objectif de développement durable"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Tous les objectifs")), *SDG_CHOICES],
    )
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Toutes les communes"),
        to_field_name="insee_code",
    )
    besoin = forms.ChoiceField(
        label=_("Besoin ouvert"),
        required=False,
        choices=[("", _("Tous les besoins")), *NeedKind.choices],
    )

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]

    def to_filters(self) -> ProjectFilters:
        if not self.is_valid():
            return ProjectFilters()
        data = self.cleaned_data
        return ProjectFilters(
            status=data["statut"],
            sdg=data["odd"],
            commune=data["commune"],
            need_kind=data["besoin"],
            words=data["q"],
        )


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Titre du projet"), max_length=200)
    summary = forms.CharField(
        label=_("En une phrase"), max_length=300, help_text=_("Montrée dans la liste des projets.")
    )
    problem = forms.CharField(
        label=_("Le problème auquel le projet répond"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    vision = forms.CharField(
        label=_("La vision"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ce que le territoire gagnera quand le projet aura réussi."),
    )
    value_economic = forms.CharField(
        label=_("Valeur économique attendue"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    value_social = forms.CharField(
        label=_("Valeur sociale attendue"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    value_environmental = forms.CharField(
        label=_("Valeur environnementale attendue"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Objectifs de développement durable auxquels il contribue"),
        choices=SDG_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    communes: forms.ModelMultipleChoiceField[Commune] = forms.ModelMultipleChoiceField(
        label=_("Communes concernées"),
        queryset=Commune.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("Une photo JPEG, PNG ou WebP de 5 Mo au plus."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("Description de l'image"),
        max_length=200,
        required=False,
        help_text=_("Obligatoire avec une image : ce qu'elle montre, pour qui ne la voit pas."),
    )

    def __init__(self, *args: Any, territory: Territory, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["communes"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]
        if editing:
            self.fields["remove_image"] = forms.BooleanField(
                label=_("Retirer l'image actuelle"), required=False
            )

    @staticmethod
    def initial_of(project: Project) -> dict[str, Any]:
        names = [
            "title",
            "summary",
            "problem",
            "vision",
            "value_economic",
            "value_social",
            "value_environmental",
            "sdgs",
            "image_alt",
        ]
        return {name: getattr(project, name) for name in names} | {
            "communes": list(project.communes.all())
        }


# The fields of each kind of need, in the order of the form.
KIND_FIELDS: dict[str, list[str]] = {
    NeedKind.SKILL: [
        "title",
        "description",
        "skill_terms",
        "keywords",
        "min_level",
        "hours_per_month",
        "people",
        "remote_ok",
        "commune",
    ],
    NeedKind.ASSET: ["title", "description", "asset_kind", "starts_on", "ends_on", "commune"],
    NeedKind.FUNDS: ["title", "description", "amount", "investment_call"],
    NeedKind.VOLUNTEERS: [
        "title",
        "description",
        "people",
        "skill_terms",
        "keywords",
        "hours_per_month",
        "remote_ok",
        "commune",
    ],
}


class NeedForm(forms.Form):
    title = forms.CharField(label=_("Intitulé du besoin"), max_length=200)
    description = forms.CharField(
        label=_("Précisions"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    skill_terms: forms.ModelMultipleChoiceField[SkillTerm] = forms.ModelMultipleChoiceField(
        label=_("Compétences recherchées"),
        queryset=SkillTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    keywords = forms.CharField(
        label=_("Mots-clés"),
        max_length=300,
        required=False,
        help_text=_("Séparés par des virgules, par exemple : menuiserie, peinture."),
    )
    min_level = forms.TypedChoiceField(
        label=_("Niveau souhaité"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Peu importe")), *SkillLevel.choices],
    )
    hours_per_month = forms.IntegerField(label=_("Heures par mois"), required=False)
    people = forms.IntegerField(label=_("Nombre de personnes"), initial=1)
    remote_ok = forms.BooleanField(label=_("Possible à distance"), required=False)
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Celle du projet"),
    )
    asset_kind = forms.ChoiceField(
        label=_("Type de bien"), choices=[("", _("Choisir…")), *AssetKind.choices]
    )
    starts_on = forms.DateField(label=_("Du"), widget=DateInput())
    ends_on = forms.DateField(label=_("Au"), widget=DateInput())
    amount = forms.DecimalField(
        label=_("Montant recherché (€)"), max_digits=12, decimal_places=2, localize=True
    )
    investment_call: forms.ModelChoiceField[InvestmentCall] = forms.ModelChoiceField(
        label=_("Appel à investissement local"),
        queryset=InvestmentCall.objects.none(),
        required=False,
        empty_label=_("Aucun"),
        help_text=_("Si le projet a un appel à investissement publié sur la plateforme."),
    )

    def __init__(self, *args: Any, territory: Territory, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = KIND_FIELDS[kind]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "skill_terms" in self.fields:
            self.fields["skill_terms"].queryset = skill_terms_of(territory)  # type: ignore[attr-defined]
        if "commune" in self.fields:
            self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]
        if "investment_call" in self.fields:
            self.fields["investment_call"].queryset = InvestmentCall.objects.filter(  # type: ignore[attr-defined]
                territory=territory, status=CallStatus.PUBLISHED
            ).order_by("title")
        if kind == NeedKind.SKILL:
            self.fields["hours_per_month"].required = True

    def values(self) -> NeedData:
        data = dict(self.cleaned_data)
        if "skill_terms" in data:
            data["skill_terms"] = list(data["skill_terms"])
        if data.get("people") is None and "people" in data:
            data["people"] = 0
        return NeedData(**data)

    @classmethod
    def initial_of(cls, need: Any) -> dict[str, Any]:
        names = KIND_FIELDS[need.kind]
        initial = {name: getattr(need, name) for name in names if name != "skill_terms"}
        if "skill_terms" in names:
            initial["skill_terms"] = list(need.skill_terms.all())
        return initial


def _person_label(user: User) -> str:
    return user.display_name or str(_("Membre du territoire n° %(number)s") % {"number": user.pk})


class InviteSupporterForm(forms.Form):
    user: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Parmi les personnes qui soutiennent le projet"),
        queryset=User.objects.none(),
        empty_label=_("Choisir une personne…"),
    )

    def __init__(self, *args: Any, supporters: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = supporters  # type: ignore[attr-defined]
        self.fields["user"].label_from_instance = _person_label  # type: ignore[attr-defined]


class InviteEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique d'un membre du territoire"),
        help_text=_("Elle sert seulement à trouver la personne : elle n'est montrée à personne."),
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Étape"), max_length=200)
    due_on = forms.DateField(label=_("Pour le"), required=False, widget=DateInput())


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    body = forms.CharField(
        label=_("Texte"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mise en forme Markdown : **gras**, listes, liens."),
    )
