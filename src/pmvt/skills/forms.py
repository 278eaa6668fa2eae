"""Forms of skills: the directory's filters, the declaration, contact, answers, the vocabulary."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pmvt.core.widgets import DateInput
from pmvt.skills.models import (
    WEEKDAY_LABELS,
    Period,
    SkillLevel,
    SkillProfile,
    SkillTerm,
    Spirit,
    Visibility,
)
from pmvt.skills.selectors import ProfileFilters, terms_by_category
from pmvt.skills.services.profiles import MAX_HOURS, ProfileData
from pmvt.territories.models import Commune, Territory
from pmvt.territories.selectors import commune_list

WEEKDAY_CHOICES = list(WEEKDAY_LABELS.items())
LEVEL_CHOICES = [("", "—"), *[(str(value), label) for value, label in SkillLevel.choices]]


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.label


class ProfileFilterForm(forms.Form):
    q = forms.CharField(label=_("Mots"), required=False, max_length=200)
    competence = TermChoiceField(
        label=_("Compétence"),
        queryset=SkillTerm.objects.none(),
        required=False,
        empty_label=_("Toutes les compétences"),
    )
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Toutes les communes"),
        to_field_name="insee_code",
    )
    esprit = forms.ChoiceField(
        label=_("Esprit"), required=False, choices=[("", _("Tous")), *Spirit.choices]
    )

    def __init__(self, *args: Any, territory: Territory, terms: QuerySet[SkillTerm], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = terms  # type: ignore[attr-defined]
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]

    def to_filters(self) -> ProfileFilters:
        if not self.is_valid():
            return ProfileFilters()
        data = self.cleaned_data
        return ProfileFilters(
            words=data["q"],
            term=data["competence"],
            commune=data["commune"],
            spirit=data["esprit"],
        )


class ProfileForm(forms.Form):
    """The declaration: a level select per term of the vocabulary, grouped by category."""

    keywords = forms.CharField(
        label=_("Autres savoir-faire (mots-clés libres)"),
        required=False,
        max_length=500,
        help_text=_("Séparés par des virgules, par exemple : couture, vélo, tricot."),
    )
    public_name = forms.CharField(
        label=_("Nom affiché"),
        required=False,
        max_length=120,
        help_text=_("Par exemple votre prénom seul. Par défaut, le nom de votre compte."),
    )
    presentation = forms.CharField(
        label=_("Présentation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Quelques phrases : votre parcours, ce que vous aimeriez transmettre."),
    )
    hours_per_month = forms.IntegerField(
        label=_("Heures disponibles par mois"),
        min_value=0,
        max_value=MAX_HOURS,
        initial=4,
        error_messages={
            "required": _("Indiquez un nombre d'heures par mois entre 0 et 200."),
            "invalid": _("Indiquez un nombre d'heures par mois entre 0 et 200."),
            "min_value": _("Indiquez un nombre d'heures par mois entre 0 et 200."),
            "max_value": _("Indiquez un nombre d'heures par mois entre 0 et 200."),
        },
    )
    days = forms.TypedMultipleChoiceField(
        label=_("Jours où je suis disponible"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    periods = forms.MultipleChoiceField(
        label=_("Moments où je suis disponible"),
        choices=Period.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    available_until = forms.DateField(
        label=_("Disponible jusqu'au"),
        required=False,
        widget=DateInput(),
        help_text=_("Laissez vide si vous n'avez pas de date de fin."),
    )
    communes: forms.ModelMultipleChoiceField[Commune] = forms.ModelMultipleChoiceField(
        label=_("Communes où je peux me rendre"),
        queryset=Commune.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    remote = forms.BooleanField(label=_("Je peux aussi aider à distance"), required=False)
    spirits = forms.MultipleChoiceField(
        label=_("Dans quel esprit"),
        choices=Spirit.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    visibility = forms.ChoiceField(
        label=_("Qui peut voir mon profil"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
        help_text=_(
            "Vos coordonnées ne sont jamais affichées : on vous contacte par la plateforme, "
            "et vous acceptez ou non."
        ),
    )
    is_active = forms.BooleanField(
        label=_("Mon profil est actif (je suis disponible en ce moment)"),
        required=False,
        initial=True,
    )

    def __init__(
        self,
        *args: Any,
        territory: Territory,
        terms: list[SkillTerm],
        profile: SkillProfile | None = None,
        **kwargs: Any,
    ) -> None:
        if profile is not None and "initial" not in kwargs:
            kwargs["initial"] = _initial(profile)
        super().__init__(*args, **kwargs)
        self.fields["communes"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]
        self.term_fields: list[tuple[str, list[str]]] = []
        for category, group in terms_by_category(terms):
            names = []
            for term in group:
                name = f"term_{term.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=term.label,
                    choices=LEVEL_CHOICES,
                    coerce=int,
                    empty_value=None,
                    required=False,
                )
                names.append(name)
            self.term_fields.append((category, names))
        self.order_fields(
            [name for _category, names in self.term_fields for name in names]
            + list(self.base_fields)
        )

    def skill_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The level selects, by category, for the template's fieldsets."""
        return [(category, [self[name] for name in names]) for category, names in self.term_fields]

    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.base_fields]

    def to_data(self) -> ProfileData:
        data = self.cleaned_data
        skills = {
            int(name.removeprefix("term_")): data[name]
            for _category, names in self.term_fields
            for name in names
            if data.get(name)
        }
        return ProfileData(
            skills=skills,
            keywords=data["keywords"],
            public_name=data["public_name"],
            presentation=data["presentation"],
            hours_per_month=data["hours_per_month"],
            days=data["days"],
            periods=data["periods"],
            available_until=data["available_until"],
            communes=list(data["communes"]),
            remote=data["remote"],
            spirits=data["spirits"],
            visibility=data["visibility"],
            is_active=data["is_active"],
        )

    def add_service_error(self, field: str, message: Any) -> None:
        self.add_error(field if field in self.fields else None, message)


def _initial(profile: SkillProfile) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "keywords": profile.keywords,
        "public_name": profile.public_name,
        "presentation": profile.presentation,
        "hours_per_month": profile.hours_per_month,
        "days": profile.days,
        "periods": profile.periods,
        "available_until": profile.available_until,
        "communes": list(profile.communes.all()),
        "remote": profile.remote,
        "spirits": profile.spirits,
        "visibility": profile.visibility,
        "is_active": profile.is_active,
    }
    for skill in profile.skills.all():
        initial[f"term_{skill.term_id}"] = skill.level
    return initial


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Votre message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Présentez-vous et dites pourquoi vous la contactez. Votre adresse ne lui est pas "
            "transmise ; si elle accepte, vous recevrez la sienne."
        ),
        error_messages={
            "required": _(
                "Écrivez un message : présentez-vous et dites pourquoi vous la contactez."
            )
        },
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Votre réponse (facultative)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TermForm(forms.Form):
    label = forms.CharField(
        label=_("Nom de la compétence"),
        max_length=120,
        error_messages={"required": _("Donnez le nom de la compétence.")},
    )
    category = forms.CharField(
        label=_("Domaine"),
        max_length=120,
        required=False,
        help_text=_("Par exemple : Nature et agriculture. Laissez vide pour « Autres »."),
    )
