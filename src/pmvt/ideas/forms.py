"""Forms of the ideas area. They parse input; the services decide and validate for good."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pmvt.community.models import Theme
from pmvt.core.exceptions import ApplicationError
from pmvt.ideas.models import Campaign, Idea, IdeaStatus
from pmvt.ideas.selectors import DEFAULT_SORT, IdeaFilters
from pmvt.territories.models import Commune, Territory

MARKDOWN_HELP = _(
    "Mise en forme simple : une ligne vide entre deux paragraphes, **gras**, *italique*, "
    "une liste avec des tirets, un lien avec [texte](https://adresse)."
)
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"


class ServiceErrorsMixin:
    def add_service_error(self, error: ApplicationError) -> None:
        field = getattr(error, "field", None)
        self.add_error(field if field in self.fields else None, str(error.message))  # type: ignore[attr-defined]


def _datetime_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=[DATETIME_FORMAT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        error_messages={
            "required": _("Indiquez la date et l'heure."),
            "invalid": _("Indiquez une date et une heure valables."),
        },
    )


def _themes_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choisissez des thèmes proposés.")},
    )


class CampaignForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    question = forms.CharField(
        label=_("Question posée"),
        max_length=300,
        help_text=_("Par exemple : comment faire revenir les jeunes en centre-bourg ?"),
    )
    description = forms.CharField(
        label=_("Présentation"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    opens_at = _datetime_field(_("Ouverture aux idées et aux soutiens"))
    closes_at = _datetime_field(_("Clôture des idées et des soutiens"))
    rules = forms.CharField(
        label=_("Règles particulières"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Affichées avant les idées, avec les règles communes à toutes les campagnes : "
            "un soutien par membre et par idée, retirable jusqu'à la clôture ; pas de soutien "
            "à sa propre idée."
        ),
    )
    themes = _themes_field()

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes: QuerySet[Theme] = Theme.objects.filter(territory=territory)
        self.fields["themes"].queryset = themes  # type: ignore[attr-defined]
        if not themes.exists():
            del self.fields["themes"]

    @classmethod
    def initial_for(cls, campaign: Campaign) -> dict[str, Any]:
        return {
            "title": campaign.title,
            "question": campaign.question,
            "description": campaign.description,
            "opens_at": timezone.localtime(campaign.opens_at),
            "closes_at": timezone.localtime(campaign.closes_at),
            "rules": campaign.rules,
            "themes": list(campaign.themes.all()),
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "question": data["question"],
            "description": data["description"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "rules": data["rules"],
            "themes": data.get("themes") or [],
        }


class IdeaForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titre de votre idée"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(
            "{} {}",
            _("Ce que vous proposez, pour qui, et comment le mettre en œuvre."),
            MARKDOWN_HELP,
        ),
    )
    themes = _themes_field()
    commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune concernée"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Tout le territoire"),
        error_messages={"invalid_choice": _("Choisissez une commune du territoire.")},
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("Facultative. JPEG, PNG ou WebP, 5 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    image_alt = forms.CharField(
        label=_("Description de l'image"),
        required=False,
        max_length=200,
        help_text=_("Obligatoire avec une image : ce qu'elle montre, en quelques mots."),
    )

    def __init__(self, *args: Any, campaign: Campaign, themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(  # type: ignore[attr-defined]
            pk__in=[theme.pk for theme in themes]
        )
        if not themes:
            del self.fields["themes"]
        self.fields["commune"].queryset = Commune.objects.filter(  # type: ignore[attr-defined]
            territory=campaign.territory
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error(
                "image_alt",
                _("Décrivez l'image en quelques mots, pour les personnes qui ne la voient pas."),
            )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "themes": data.get("themes") or [],
            "commune": data.get("commune"),
            "image": data.get("image") or None,
            "image_alt": data.get("image_alt") or "",
        }


class CommentForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label=_("Votre commentaire"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Écrivez votre commentaire.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class AnswerForm(ServiceErrorsMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Nouvel état"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez le nouvel état de l'idée."),
            "invalid_choice": _("Choisissez l'un des états proposés."),
        },
    )
    answer = forms.CharField(
        label=_("Réponse publique"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Publiée sur la page de l'idée et envoyée à ses auteurs et à celles et ceux qui la "
            "suivent. Pour une idée non retenue, donnez les raisons."
        ),
        error_messages={"required": _("Écrivez la réponse publique de la collectivité.")},
    )

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (status, IdeaStatus(status).label) for status in idea.next_statuses
        ]


SORT_CHOICES = [
    ("soutiens", _("Les plus soutenues")),
    ("recentes", _("Les plus récentes")),
    ("etat", _("Par état d'avancement")),
]


class IdeaFilterForm(forms.Form):
    tri = forms.ChoiceField(label=_("Trier"), choices=SORT_CHOICES, required=False)
    etat = forms.ChoiceField(label=_("État"), required=False)
    theme = forms.ChoiceField(label=_("Thème"), required=False)
    commune = forms.ChoiceField(label=_("Commune"), required=False)

    def __init__(
        self, *args: Any, themes: list[Theme], communes: list[Commune], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.themes = {theme.slug: theme for theme in themes}
        self.communes = {commune.insee_code: commune for commune in communes}
        self.fields["etat"].choices = [("", _("Tous les états")), *IdeaStatus.choices]  # type: ignore[attr-defined]
        self.fields["theme"].choices = [("", _("Tous les thèmes"))] + [  # type: ignore[attr-defined]
            (theme.slug, theme.name) for theme in themes
        ]
        if not themes:
            del self.fields["theme"]
        self.fields["commune"].choices = [("", _("Toutes les communes"))] + [  # type: ignore[attr-defined]
            (commune.insee_code, commune.name) for commune in communes
        ]

    def to_filters(self) -> IdeaFilters:
        if not self.is_bound or not self.is_valid():
            return IdeaFilters()
        data = self.cleaned_data
        return IdeaFilters(
            sort=data.get("tri") or DEFAULT_SORT,
            status=data.get("etat") or "",
            theme=self.themes.get(data.get("theme") or ""),
            commune=self.communes.get(data.get("commune") or ""),
        )
