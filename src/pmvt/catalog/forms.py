"""Forms of the catalog. They parse input; the services decide and validate for good."""

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from pmvt.actors.models import CaplaFamily
from pmvt.catalog.errors import CatalogFieldError
from pmvt.catalog.models import Allergen, Category, OfferKind, OfferLabel, Unit, VatRate
from pmvt.catalog.selectors import Facets, Fulfilment, SortOrder, category_tree
from pmvt.catalog.validation import clean_price
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Commune, Territory

MAX_IMAGE_BYTES = 3 * 1024 * 1024


def _count_label(label: str, count: int) -> str:
    return f"{label} ({count})"


class CatalogSearchForm(forms.Form):
    """The catalog's GET form; choices carry the facet counts of the current search."""

    q = forms.CharField(
        label=_("Rechercher un produit ou un service"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(label=_("Catégorie"), required=False)
    label = forms.ChoiceField(label=_("Label"), required=False)
    commune = forms.ChoiceField(label=_("Commune de production"), required=False)
    family = forms.ChoiceField(label=_("Type de vendeur"), required=False)
    fulfilment = forms.ChoiceField(label=_("Retrait ou livraison"), required=False)
    kind = forms.ChoiceField(label=_("Produits ou services"), required=False)
    sort = forms.ChoiceField(label=_("Trier par"), required=False, choices=SortOrder.choices)
    near = forms.ChoiceField(
        label=_("Votre commune"),
        required=False,
        help_text=_("Pour trier les offres de la plus proche à la plus éloignée."),
    )

    def __init__(
        self,
        *args: Any,
        facets: Facets,
        communes: list[Commune],
        selected_category_label: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        category_choices: list[tuple[str, str]] = [("", str(_("Toutes les catégories")))]
        seen = set()
        for top in facets.categories:
            category_choices.append((top.value, _count_label(top.label, top.count)))
            seen.add(top.value)
            for child in top.children:
                category_choices.append(
                    (child.value, _count_label(f"{top.label} › {child.label}", child.count))
                )
                seen.add(child.value)
        selected = self.initial.get("category", "")
        if selected and selected not in seen:
            category_choices.append((selected, selected_category_label or selected))
        fields = self.fields
        fields["category"].choices = category_choices  # type: ignore[attr-defined]
        for name, values, everything in (
            ("label", facets.labels, _("Tous les labels")),
            ("commune", facets.communes, _("Toutes les communes")),
            ("family", facets.families, _("Tous les vendeurs")),
            ("fulfilment", facets.fulfilments, _("Retrait ou livraison")),
            ("kind", facets.kinds, _("Produits et services")),
        ):
            fields[name].choices = [  # type: ignore[attr-defined]
                ("", everything),
                *((v.value, _count_label(v.label, v.count)) for v in values),
            ]
        fields["near"].choices = [  # type: ignore[attr-defined]
            ("", _("Non précisée")),
            *((c.insee_code, c.name) for c in communes),
        ]


def parse_choice(value: str | None, allowed: Any) -> str:
    value = (value or "").strip()
    return value if value in allowed else ""


FAMILY_CODES = set(CaplaFamily.values)
FULFILMENT_CODES = set(Fulfilment.values)
LABEL_CODES = set(OfferLabel.values)
KIND_CODES = set(OfferKind.values)


class _ServiceErrorsMixin:
    def add_service_error(self, error: ApplicationError) -> None:
        field = getattr(error, "field", None)
        self.add_error(field if field in self.fields else None, str(error.message))  # type: ignore[attr-defined]


def active_category_tree(*, territory: Territory) -> list[tuple[Category, list[Category]]]:
    """The taxonomy sellers may file offers under: deactivated categories left out."""
    return [
        (top, [c for c in children if c.is_active])
        for top, children in category_tree(territory=territory)
        if top.is_active
    ]


def category_choices(territory: Territory) -> list[tuple[str, str]]:
    choices: list[tuple[str, str]] = [("", str(_("Choisissez une catégorie")))]
    for top, children in active_category_tree(territory=territory):
        choices.append((str(top.pk), top.name))
        choices += [(str(c.pk), f"{top.name} › {c.name}") for c in children]
    return choices


class OfferForm(_ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Nom de l'offre"), max_length=200)
    category = forms.ChoiceField(label=_("Catégorie"))
    kind = forms.ChoiceField(
        label=_("Type"), choices=OfferKind.choices, widget=forms.RadioSelect, initial="product"
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    unit = forms.ChoiceField(label=_("Vendu à la"), choices=Unit.choices, initial=Unit.PIECE)
    vat_rate = forms.ChoiceField(
        label=_("Taux de TVA"),
        choices=VatRate.choices,
        initial=VatRate.REDUCED,
        help_text=_(
            "5,5 % pour l'alimentation, 10 % pour la restauration sur place, "
            "20 % pour les boissons alcoolisées, l'artisanat et la plupart des services."
        ),
    )
    origin_commune: forms.ModelChoiceField[Commune] = forms.ModelChoiceField(
        label=_("Commune de production"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Celle du vendeur"),
    )
    produced_on_territory = forms.BooleanField(
        label=_("Produit ou fabriqué sur le territoire"), required=False
    )
    labels = forms.MultipleChoiceField(
        label=_("Labels"),
        required=False,
        choices=OfferLabel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    allergens = forms.MultipleChoiceField(
        label=_("Allergènes"),
        required=False,
        choices=Allergen.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez chacun des 14 allergènes réglementaires que contient le produit."),
    )
    available_from = forms.DateField(
        label=_("Disponible à partir du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Laissez vide si l'offre est disponible toute l'année."),
    )
    available_until = forms.DateField(
        label=_("Disponible jusqu'au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    image = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG ou WebP, 3 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_image = forms.BooleanField(label=_("Retirer la photo actuelle"), required=False)
    image_alt = forms.CharField(
        label=_("Description de la photo"),
        required=False,
        max_length=200,
        help_text=_("Ce que montre la photo, pour les personnes qui ne la voient pas."),
    )

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.territory = territory
        self.fields["category"].choices = category_choices(territory)  # type: ignore[attr-defined]
        self.fields["origin_commune"].queryset = Commune.objects.filter(  # type: ignore[attr-defined]
            territory=territory
        ).order_by("name")

    def clean_category(self) -> Category:
        value = self.cleaned_data["category"]
        category = Category.objects.filter(territory=self.territory, pk=value).first()
        if category is None:
            raise forms.ValidationError(_("Choisissez une catégorie du territoire."))
        return category

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image and getattr(image, "size", 0) > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("La photo ne doit pas dépasser 3 Mo."))
        return image

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("available_from"), cleaned.get("available_until")
        if start and end and end < start:
            self.add_error(
                "available_until",
                _("La fin de la disponibilité doit être le même jour ou après son début."),
            )
        return cleaned


class VariantForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(
        label=_("Format"),
        required=False,
        max_length=100,
        help_text=_("Par exemple « 1 kg » ; vide s'il n'y a qu'un format."),
    )
    price = forms.CharField(
        label=_("Prix TTC en euros"),
        required=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Par exemple 12,50."),
    )
    pro_price = forms.CharField(
        label=_("Prix professionnel TTC en euros"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    stock_tracked = forms.BooleanField(label=_("Suivre le stock"), required=False, initial=True)
    stock = forms.IntegerField(label=_("Stock"), required=False, min_value=0, initial=0)
    sku = forms.CharField(
        label=_("Référence (SKU)"),
        required=False,
        max_length=64,
        help_text=_("Vide : une référence est créée pour vous."),
    )
    is_active = forms.BooleanField(label=_("En vente"), required=False, initial=True)

    def _price(self, name: str, required: bool) -> Any:
        try:
            return clean_price(self.cleaned_data.get(name), field=name, required=required)
        except CatalogFieldError as error:
            raise forms.ValidationError(str(error.message)) from None

    def clean_price(self) -> Any:
        return self._price("price", True)

    def clean_pro_price(self) -> Any:
        return self._price("pro_price", False)

    def to_service(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {
            "label": data["label"],
            "price": data["price"],
            "pro_price": data["pro_price"],
            "stock_tracked": data["stock_tracked"],
            "stock": data["stock"] or 0,
            "sku": data["sku"],
            "is_active": data["is_active"],
        }
        if data.get("id"):
            values["id"] = data["id"]
        return values


VariantFormSet = formset_factory(VariantForm, extra=1, max_num=30, validate_max=True)


class StockForm(forms.Form):
    stock = forms.IntegerField(label=_("Stock"), min_value=0, max_value=1_000_000)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "Encodé en UTF-8, colonnes séparées par des points-virgules, 5 Mo et "
            "10 000 lignes au plus."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ProCatalogFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Chercher dans mon catalogue"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class CategoryForm(forms.Form):
    """A category of the territory's taxonomy: its name, its place and its order."""

    name = forms.CharField(label=_("Nom"), max_length=120)
    parent: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Catégorie principale"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("Aucune, c'est une catégorie principale"),
    )
    position = forms.IntegerField(
        label=_("Ordre d'affichage"),
        min_value=0,
        max_value=999,
        required=False,
        help_text=_("Les plus petits nombres d'abord. Laissez vide pour la placer en dernier."),
    )

    def __init__(
        self, *args: Any, territory: Territory, category: Category | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        parents = Category.objects.filter(territory=territory, parent__isnull=True)
        if category is not None:
            parents = parents.exclude(pk=category.pk)
            self.fields["position"].required = True
            self.fields["position"].help_text = _("Les plus petits nombres d'abord.")
        self.fields["parent"].queryset = parents.order_by("position", "name")  # type: ignore[attr-defined]
