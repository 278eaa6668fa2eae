"""Forms of the aids area. They parse input; the services decide and validate for good."""

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pmvt.actors.capla import capla_family_for_naf
from pmvt.actors.identifiers import clean_naf_code, naf_activity, naf_sections
from pmvt.actors.models import Actor, ActorKind, CaplaFamily
from pmvt.aids.eligibility import EligibilityProfile
from pmvt.aids.models import AidKind, AidScheme, Announcement, FunderKind, HeadcountRange
from pmvt.aids.selectors import PERIOD_OPEN, PERIOD_SOON, AidFilters, aid_choices
from pmvt.community.models import Theme
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Commune, Territory
from pmvt.territories.selectors import commune_list


def _themes(territory: Territory) -> QuerySet[Theme]:
    return Theme.objects.filter(territory=territory).order_by("position", "name")


def _section_choices() -> list[tuple[str, str]]:
    return [(s.code, f"{s.code} – {s.label}") for s in naf_sections()]


class EurosField(forms.DecimalField):
    """A French amount: "1 500,50", "1500.50" or "1 500 €" (spaces and the sign are dropped)."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f€]", "", value)
        return super().to_python(value)


def _money_field(label: Any) -> forms.DecimalField:
    return EurosField(
        label=label,
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.00"),
        localize=True,  # "1 500,50" as French people write it.
        help_text=_("En euros, facultatif."),
    )


class AidFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Nature de l'aide"),
        required=False,
        choices=[("", _("Toutes les natures")), *AidKind.choices],
    )
    financeur = forms.ChoiceField(
        label=_("Organisme"),
        required=False,
        choices=[("", _("Tous les organismes")), *FunderKind.choices],
    )
    famille = forms.ChoiceField(
        label=_("Famille d'activité"),
        required=False,
        choices=[("", _("Toutes les familles")), *CaplaFamily.choices],
    )
    secteur = forms.ChoiceField(label=_("Secteur d'activité (NAF)"), required=False)
    theme: forms.ModelChoiceField[Theme] = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("Tous les thèmes"),
    )
    periode = forms.ChoiceField(
        label=_("Calendrier"),
        required=False,
        choices=[
            ("", _("Toutes les aides")),
            (PERIOD_OPEN, _("Ouvertes aujourd'hui")),
            (PERIOD_SOON, _("Clôture dans moins de 30 jours")),
        ],
    )

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["secteur"].choices = [  # type: ignore[attr-defined]
            ("", _("Tous les secteurs")),
            *_section_choices(),
        ]
        themes = _themes(territory)
        self.fields["theme"].queryset = themes  # type: ignore[attr-defined]
        self.has_themes = themes.exists()
        if not self.has_themes:
            del self.fields["theme"]

    def to_filters(self) -> AidFilters:
        if not self.is_bound or not self.is_valid():
            return AidFilters()
        data = self.cleaned_data
        theme = data.get("theme")
        return AidFilters(
            kind=data["type"],
            funder_kind=data["financeur"],
            capla_family=data["famille"],
            naf_section=data["secteur"],
            theme_id=theme.pk if theme else None,
            period=data["periode"],
        )


class AidForm(forms.Form):
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=300,
        help_text=_("Une phrase, affichée dans l'annuaire des aides."),
    )
    kind = forms.ChoiceField(label=_("Nature de l'aide"), choices=AidKind.choices)
    funder_name = forms.CharField(
        label=_("Organisme qui finance"),
        max_length=200,
        help_text=_("Par exemple Région Sud, CCI de Vaucluse, Initiative Pays d'Apt."),
    )
    funder_kind = forms.ChoiceField(label=_("Type d'organisme"), choices=FunderKind.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Objet, dépenses retenues, démarches. Mise en forme Markdown : **gras**, listes "
            "commençant par « - », liens [texte](https://…)."
        ),
    )
    amount_min = _money_field(_("Montant minimum"))
    amount_max = _money_field(_("Montant maximum"))
    rate_text = forms.CharField(
        label=_("Taux ou modalités"),
        required=False,
        max_length=200,
        help_text=_("Par exemple : « prêt à taux zéro sur 5 ans » ou « la moitié des dépenses »."),
    )
    eligible_actor_kinds = forms.MultipleChoiceField(
        label=_("Types d'acteurs"),
        required=False,
        choices=ActorKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucune case cochée : tous les types d'acteurs."),
    )
    eligible_capla_families = forms.MultipleChoiceField(
        label=_("Familles d'activité (CAPLA)"),
        required=False,
        choices=CaplaFamily.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucune case cochée : toutes les activités, y compris hors CAPLA."),
    )
    eligible_naf_sections = forms.MultipleChoiceField(
        label=_("Secteurs d'activité (sections NAF)"),
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucune case cochée : tous les secteurs."),
    )
    eligible_headcounts = forms.MultipleChoiceField(
        label=_("Effectif salarié"),
        required=False,
        choices=HeadcountRange.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Aucune case cochée : toutes les tailles. Une structure qui n'a pas indiqué son "
            "effectif ne voit l'aide que si aucune case n'est cochée."
        ),
    )
    eligible_communes: forms.ModelMultipleChoiceField[Commune] = forms.ModelMultipleChoiceField(
        label=_("Communes"),
        queryset=Commune.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucune case cochée : toutes les communes du territoire."),
    )
    opens_at = forms.DateField(
        label=_("Ouverture des demandes"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Laissez vide si les demandes sont déjà ouvertes."),
    )
    deadline = forms.DateField(
        label=_("Date limite"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Laissez vide pour une aide sans date limite."),
    )
    link = forms.URLField(
        label=_("Lien vers le dispositif"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("La page officielle de l'aide, facultatif."),
    )
    contact = forms.CharField(
        label=_("Contact"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Service, personne, téléphone ou courriel à qui s'adresser."),
    )
    themes: forms.ModelMultipleChoiceField[Theme] = forms.ModelMultipleChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_published = forms.BooleanField(
        label=_("Publier l'aide dès maintenant"),
        required=False,
        help_text=_("Sinon, l'aide reste un brouillon visible des seuls administrateurs."),
    )

    def __init__(
        self, *args: Any, territory: Territory, creating: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eligible_naf_sections"].choices = _section_choices()  # type: ignore[attr-defined]
        self.fields["eligible_communes"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]
        themes = _themes(territory)
        self.fields["themes"].queryset = themes  # type: ignore[attr-defined]
        if not themes.exists():
            del self.fields["themes"]
        if not creating:
            del self.fields["is_published"]

    @classmethod
    def initial_for(cls, aid: AidScheme) -> dict[str, Any]:
        return {
            "title": aid.title,
            "summary": aid.summary,
            "kind": aid.kind,
            "funder_name": aid.funder_name,
            "funder_kind": aid.funder_kind,
            "description": aid.description,
            "amount_min": aid.amount_min,
            "amount_max": aid.amount_max,
            "rate_text": aid.rate_text,
            "eligible_actor_kinds": list(aid.eligible_actor_kinds),
            "eligible_capla_families": list(aid.eligible_capla_families),
            "eligible_naf_sections": list(aid.eligible_naf_sections),
            "eligible_headcounts": list(aid.eligible_headcounts),
            "eligible_communes": list(aid.eligible_communes.all()),
            "opens_at": aid.opens_at,
            "deadline": aid.deadline,
            "link": aid.link,
            "contact": aid.contact,
            "themes": list(aid.themes.all()),
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["themes"] = data.get("themes") or []
        data.pop("is_published", None)
        return data


class AidDocumentForm(forms.Form):
    title = forms.CharField(label=_("Titre du document"), max_length=200)
    file = forms.FileField(
        label=_("Fichier"),
        required=False,
        help_text=_("PDF, ODT ou DOCX, 10 Mo au plus. Ou bien indiquez un lien ci-dessous."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.odt,.docx,application/pdf,"
                "application/vnd.oasis.opendocument.text,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )
    url = forms.URLField(
        label=_("Ou lien vers le document"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    body = forms.CharField(
        label=_("Texte"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mise en forme Markdown : **gras**, listes, liens [texte](https://…)."),
    )
    aid: forms.ModelChoiceField[AidScheme] = forms.ModelChoiceField(
        label=_("Aide concernée"),
        queryset=AidScheme.objects.none(),
        required=False,
        empty_label=_("Aucune"),
        help_text=_("Facultatif : l'annonce renvoie vers la page de cette aide."),
    )
    publish = forms.BooleanField(
        label=_("Publier l'annonce"),
        required=False,
        help_text=_("Sinon, l'annonce reste un brouillon visible des seuls administrateurs."),
    )

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aid"].queryset = aid_choices(territory=territory)  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, announcement: Announcement) -> dict[str, Any]:
        return {
            "title": announcement.title,
            "body": announcement.body,
            "aid": announcement.aid,
            "publish": announcement.is_published,
        }


class HeadcountForm(forms.Form):
    effectif = forms.ChoiceField(
        label=_("Effectif salarié"),
        required=False,
        choices=[("", _("Je ne sais pas ou je préfère ne pas le dire")), *HeadcountRange.choices],
        help_text=_("Certaines aides sont réservées à des tranches d'effectif."),
    )


class ActorChoiceForm(forms.Form):
    acteur = forms.ChoiceField(label=_("Votre activité"))

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["acteur"].choices = [  # type: ignore[attr-defined]
            (actor.slug, actor.display_name) for actor in actors
        ]


class SimulatorForm(forms.Form):
    """Describe a structure to see which aids it may get; nothing is stored."""

    type = forms.ChoiceField(
        label=_("Vous êtes"),
        choices=ActorKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Dites si vous êtes une entreprise, une association ou un organisme public."
            )
        },
    )
    naf = forms.CharField(
        label=_("Code NAF (APE)"),
        required=False,
        max_length=10,
        help_text=_("Par exemple 10.71C ; il figure sur votre avis de situation Insee."),
    )
    secteur = forms.ChoiceField(
        label=_("Ou secteur d'activité"),
        required=False,
        help_text=_("Si vous ne connaissez pas votre code NAF."),
    )
    famille = forms.ChoiceField(
        label=_("Famille d'activité"),
        required=False,
        choices=[("", _("Déduite du code NAF, ou aucune")), *CaplaFamily.choices],
    )
    effectif = forms.ChoiceField(
        label=_("Effectif salarié"),
        required=False,
        choices=[("", _("Je ne sais pas")), *HeadcountRange.choices],
    )
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune où vous êtes installé"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Choisissez"),
    )

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["secteur"].choices = [  # type: ignore[attr-defined]
            ("", _("Choisissez")),
            *_section_choices(),
        ]
        self.fields["commune"].queryset = commune_list(territory=territory)  # type: ignore[attr-defined]

    def clean_naf(self) -> str:
        try:
            return clean_naf_code(self.cleaned_data.get("naf", ""))
        except ApplicationError as error:
            raise forms.ValidationError(str(error.message)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code, section = data.get("naf"), data.get("secteur")
        if code and section:
            activity = naf_activity(code)
            if activity is not None and activity.section != section:
                self.add_error(
                    "secteur",
                    _(
                        "Le code NAF %(code)s relève de la section %(found)s, pas de la "
                        "section %(section)s. Corrigez l'un des deux, ou laissez le secteur vide."
                    )
                    % {"code": code, "found": activity.section, "section": section},
                )
        return data

    def profile(self) -> EligibilityProfile:
        data = self.cleaned_data
        code = data.get("naf") or ""
        activity = naf_activity(code) if code else None
        commune = data.get("commune")
        return EligibilityProfile(
            kind=data["type"],
            capla_family=data.get("famille") or (capla_family_for_naf(code) if code else ""),
            naf_section=activity.section if activity else data.get("secteur") or "",
            headcount=data.get("effectif") or "",
            commune_id=commune.pk if commune else None,
            commune_name=commune.name if commune else "",
        )
