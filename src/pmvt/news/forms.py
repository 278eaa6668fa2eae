"""Forms of the news area. They parse input; the services decide and validate for good."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pmvt.actors.models import Actor
from pmvt.community.models import Theme
from pmvt.core.exceptions import ApplicationError
from pmvt.news.models import Post
from pmvt.news.selectors import NewsFilters
from pmvt.news.services.posts import PERSONAL, Publisher
from pmvt.territories.models import Commune

MARKDOWN_HELP = _(
    "Mise en forme simple : une ligne vide entre deux paragraphes, **gras**, *italique*, "
    "## pour un intertitre, une liste avec des tirets, un lien avec [texte](https://adresse)."
)
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"
AS_TERRITORY = "territoire"
AS_ACTOR = "acteur-"


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.name


class CommuneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Commune) -> str:
        return obj.name


class PostForm(forms.Form):
    publisher = forms.ChoiceField(label=_("Publier au nom de"), required=False)
    title = forms.CharField(label=_("Titre"), max_length=160)
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=300,
        required=False,
        help_text=_("Une ou deux phrases. Laissez vide pour reprendre le début du texte."),
    )
    body = forms.CharField(
        label=_("Texte"), max_length=20000, widget=forms.Textarea, help_text=MARKDOWN_HELP
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("JPEG, PNG ou WebP, 5 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    remove_image = forms.BooleanField(label=_("Retirer l'image actuelle"), required=False)
    image_alt = forms.CharField(
        label=_("Description de l'image"),
        max_length=200,
        required=False,
        help_text=_("Obligatoire avec une image : ce qu'elle montre, pour qui ne la voit pas."),
    )
    themes = ThemeChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    commune = CommuneChoiceField(
        label=_("Commune concernée"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Tout le territoire"),
    )

    def __init__(
        self,
        *args: Any,
        themes: Any,
        communes: Any,
        actors: list[Actor],
        as_territory: bool,
        post: Post | None = None,
        choose_publisher: bool = True,
        **kwargs: Any,
    ) -> None:
        if post is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "publisher": _publisher_value(post),
                "title": post.title,
                "summary": post.summary,
                "body": post.body,
                "image_alt": post.image_alt,
                "themes": list(post.themes.all()),
                "commune": post.commune,
            }
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes  # type: ignore[attr-defined]
        self.fields["commune"].queryset = communes  # type: ignore[attr-defined]
        if not themes:
            del self.fields["themes"]
        if post is None or not post.image:
            del self.fields["remove_image"]
        self._actors = {str(actor.pk): actor for actor in actors}
        choices: list[tuple[str, str]] = [("", str(_("Moi-même")))]
        if as_territory:
            choices.append((AS_TERRITORY, str(_("Le territoire"))))
        choices += [(f"{AS_ACTOR}{actor.pk}", actor.display_name) for actor in actors]
        if (
            post is not None
            and post.actor_id is not None
            and str(post.actor_id) not in self._actors
        ):
            # Keep the current signature selectable even if the editor may no longer choose it.
            choices.append((_publisher_value(post), post.publisher_name))
        if not choose_publisher or len(choices) == 1:
            del self.fields["publisher"]
        else:
            self.fields["publisher"].choices = choices  # type: ignore[attr-defined]
            self.fields["publisher"].required = True

    def to_publisher(self) -> Publisher | None:
        """Who signs the post; None when the form does not offer the choice."""
        if "publisher" not in self.fields:
            return None
        value = self.cleaned_data.get("publisher") or ""
        if value == AS_TERRITORY:
            return Publisher(territory=True)
        if value.startswith(AS_ACTOR):
            actor = self._actors.get(value.removeprefix(AS_ACTOR))
            if actor is None:
                return None
            return Publisher(actor=actor)
        return PERSONAL

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "summary": data.get("summary", ""),
            "body": data["body"],
            "image": data.get("image") or None,
            "image_alt": data.get("image_alt", ""),
            "themes": list(data.get("themes") or []),
            "commune": data.get("commune"),
        }

    def add_service_error(self, error: ApplicationError) -> None:
        field = getattr(error, "field", None)
        self.add_error(field if field in self.fields else None, str(error.message))


def _publisher_value(post: Post) -> str:
    if post.by_territory:
        return AS_TERRITORY
    if post.actor_id is not None:
        return f"{AS_ACTOR}{post.actor_id}"
    return ""


class NewsFilterForm(forms.Form):
    theme = forms.ChoiceField(label=_("Thème"), required=False)
    commune = forms.ChoiceField(label=_("Commune"), required=False)

    def __init__(
        self, *args: Any, themes: list[Theme], communes: list[Commune], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._themes = {theme.slug: theme for theme in themes}
        self._communes = {commune.insee_code: commune for commune in communes}
        self.fields["theme"].choices = [("", _("Tous les thèmes"))] + [  # type: ignore[attr-defined]
            (theme.slug, theme.name) for theme in themes
        ]
        self.fields["commune"].choices = [("", _("Toutes les communes"))] + [  # type: ignore[attr-defined]
            (commune.insee_code, commune.name) for commune in communes
        ]
        if not themes:
            del self.fields["theme"]

    def to_filters(self) -> NewsFilters:
        if not self.is_bound or not self.is_valid():
            return NewsFilters()
        return NewsFilters(
            theme=self._themes.get(self.cleaned_data.get("theme") or ""),
            commune=self._communes.get(self.cleaned_data.get("commune") or ""),
        )
