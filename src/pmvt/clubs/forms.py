"""Forms of the clubs area. They parse input; the services decide and validate for good."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pmvt.clubs.documents import MAX_DOCUMENT_BYTES
from pmvt.clubs.models import Audience, Club, ClubKind, JoinPolicy, MembershipRole
from pmvt.core.exceptions import ApplicationError

MARKDOWN_HELP = _(
    "Mise en forme simple : une ligne vide entre deux paragraphes, **gras**, *italique*, "
    "une liste avec des tirets, un lien avec [texte](https://adresse)."
)
DOCUMENT_ACCEPT = (
    ".pdf,.odt,.ods,.docx,.xlsx,.jpg,.jpeg,.png,.webp,application/pdf,"
    "application/vnd.oasis.opendocument.text,application/vnd.oasis.opendocument.spreadsheet,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
    "image/jpeg,image/png,image/webp"
)


class ServiceErrorsMixin:
    def add_service_error(self, error: ApplicationError) -> None:
        field = getattr(error, "field", None)
        self.add_error(field if field in self.fields else None, str(error.message))  # type: ignore[attr-defined]


class ThreadForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    category = forms.ChoiceField(label=_("Catégorie"))
    body = forms.CharField(
        label=_("Message"), max_length=10000, widget=forms.Textarea, help_text=MARKDOWN_HELP
    )

    def __init__(self, *args: Any, club: Club, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choisissez une catégorie"))] + [  # type: ignore[attr-defined]
            (category.value, category.label) for category in club.categories
        ]


class ReplyForm(ServiceErrorsMixin, forms.Form):
    body = forms.CharField(
        label=_("Votre réponse"), max_length=10000, widget=forms.Textarea, help_text=MARKDOWN_HELP
    )


class CategoryFilterForm(forms.Form):
    categorie = forms.ChoiceField(label=_("Catégorie"), required=False)

    def __init__(self, *args: Any, club: Club, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categorie"].choices = [("", _("Toutes les catégories"))] + [  # type: ignore[attr-defined]
            (category.value, category.label) for category in club.categories
        ]


class ResourceForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    url = forms.CharField(
        label=_("Lien"),
        required=False,
        max_length=500,
        help_text=_("Une adresse web qui commence par https://. Ou bien joignez un document."),
        widget=forms.URLInput,
    )
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, ODT, ODS, DOCX, XLSX, JPEG, PNG ou WebP, 10 Mo au plus."),
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=1000, widget=forms.Textarea
    )
    pinned = forms.BooleanField(label=_("Épingler en tête des ressources"), required=False)

    def __init__(self, *args: Any, can_pin: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_pin:
            del self.fields["pinned"]

    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if document is not None and document.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("Le document ne doit pas dépasser 10 Mo."))
        return document

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        url, document = cleaned.get("url"), cleaned.get("document")
        if not self.errors:
            if url and document:
                self.add_error(
                    "url", _("Partagez soit un lien, soit un document, pas les deux à la fois.")
                )
            elif not url and not document:
                self.add_error("url", _("Indiquez un lien ou choisissez un document."))
        return cleaned


class ReasonForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motif"),
        max_length=1000,
        widget=forms.Textarea,
        help_text=_("Il est transmis à la personne concernée."),
    )


class RefusalForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus (facultatif)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=MembershipRole.choices)


class ClubForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Nom du club"), max_length=120)
    purpose = forms.CharField(
        label=_("Raison d'être"),
        max_length=300,
        help_text=_("Une phrase, affichée dans la liste des clubs."),
    )
    description = forms.CharField(
        label=_("Présentation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        help_text=MARKDOWN_HELP,
    )
    kind = forms.ChoiceField(
        label=_("Type de club"),
        choices=ClubKind.choices,
        widget=forms.RadioSelect,
        help_text=_("Le type décide des catégories de discussion proposées."),
    )
    join_policy = forms.ChoiceField(
        label=_("Adhésion"), choices=JoinPolicy.choices, widget=forms.RadioSelect
    )
    audience = forms.ChoiceField(
        label=_("Qui peut adhérer"), choices=Audience.choices, widget=forms.RadioSelect
    )
    is_active = forms.BooleanField(
        label=_("Club ouvert"),
        required=False,
        initial=True,
        help_text=_("Un club fermé n'apparaît plus dans la liste ; ses échanges sont conservés."),
    )
