"""The catalog: products and services of the territory's actors, one territory-wide taxonomy."""

from decimal import Decimal

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.actors.models import Actor
from pmvt.catalog.fields import CodeListField
from pmvt.territories.models import Commune, Territory


class Category(models.Model):
    """A node of the territory's product taxonomy (two levels are enough in practice)."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="categories")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(max_length=140)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    # A deactivated category is no longer offered to sellers; no offer on sale sits in one.
    is_active = models.BooleanField(_("proposée aux vendeurs"), default=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("catégorie")
        verbose_name_plural = _("catégories")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="category_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class OfferKind(models.TextChoices):
    PRODUCT = "product", _("Produit")
    SERVICE = "service", _("Service")


class VatRate(models.TextChoices):
    """French VAT rates; the value is the percentage as a decimal string."""

    STANDARD = "20.00", _("20 %")
    INTERMEDIATE = "10.00", _("10 %")
    REDUCED = "5.50", _("5,5 %")
    SUPER_REDUCED = "2.10", _("2,1 %")


VAT_RATE_VALUES = [Decimal(v) for v in VatRate.values]


class Unit(models.TextChoices):
    PIECE = "piece", _("pièce")
    KG = "kg", _("kg")
    LITRE = "litre", _("litre")
    DOZEN = "dozen", _("douzaine")
    BUNCH = "bunch", _("botte")
    HOUR = "hour", _("heure")
    SERVICE = "service", _("prestation")


class OfferLabel(models.TextChoices):
    """Quality signs an offer may claim (a controlled list, so that they can be filtered)."""

    BIO = "bio", _("Agriculture biologique")
    AOP = "aop", _("AOP")
    IGP = "igp", _("IGP")
    LABEL_ROUGE = "label_rouge", _("Label Rouge")
    HVE = "hve", _("Haute valeur environnementale")
    VALEURS_PARC = "valeurs_parc", _("Valeurs Parc naturel régional")
    FAIT_MAISON = "fait_maison", _("Fait maison")
    ARTISANAL = "artisanal", _("Fabrication artisanale")
    COMMERCE_EQUITABLE = "commerce_equitable", _("Commerce équitable")
    VEGETALIEN = "vegetalien", _("Végétalien")


class Allergen(models.TextChoices):
    """The 14 allergens that EU regulation 1169/2011 (annex II) requires to be declared."""

    GLUTEN = "gluten", _("Céréales contenant du gluten")
    CRUSTACEANS = "crustaceans", _("Crustacés")
    EGGS = "eggs", _("Œufs")
    FISH = "fish", _("Poissons")
    PEANUTS = "peanuts", _("Arachides")
    SOYBEANS = "soybeans", _("Soja")
    MILK = "milk", _("Lait")
    NUTS = "nuts", _("Fruits à coque")
    CELERY = "celery", _("Céleri")
    MUSTARD = "mustard", _("Moutarde")
    SESAME = "sesame", _("Graines de sésame")
    SULPHITES = "sulphites", _("Anhydride sulfureux et sulfites")
    LUPIN = "lupin", _("Lupin")
    MOLLUSCS = "molluscs", _("Mollusques")


class Offer(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="offers")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="offers")
    category = models.ForeignKey(
        Category, verbose_name=_("catégorie"), on_delete=models.PROTECT, related_name="offers"
    )
    kind = models.CharField(
        _("type"), max_length=10, choices=OfferKind.choices, default=OfferKind.PRODUCT
    )
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(max_length=220)
    description = models.TextField(_("description"), blank=True)
    vat_rate = models.DecimalField(
        _("taux de TVA"), max_digits=4, decimal_places=2, default=Decimal("5.50")
    )
    unit = models.CharField(_("unité"), max_length=10, choices=Unit.choices, default=Unit.PIECE)
    origin_commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune de production"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    produced_on_territory = models.BooleanField(_("produit sur le territoire"), default=False)
    allergens = CodeListField(_("allergènes"), default=list, blank=True)
    labels = CodeListField(_("labels"), default=list, blank=True)
    available_from = models.DateField(_("disponible à partir du"), null=True, blank=True)
    available_until = models.DateField(_("disponible jusqu'au"), null=True, blank=True)
    is_active = models.BooleanField(_("en vente"), default=True)
    image = models.ImageField(_("photo"), upload_to="offers/", blank=True)
    image_alt = models.CharField(_("description de la photo"), max_length=200, blank=True)
    # Lowest active variant price, kept by the services, so lists sort by price without a join.
    price_from = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    # The name folded (no accents, lower case): the same alphabetical order on every database.
    sort_name = models.CharField(max_length=200, default="", editable=False)
    # PostgreSQL full-text document, kept by the services (SQLite uses an FTS5 table instead).
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("offre")
        verbose_name_plural = _("offres")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "slug"], name="offer_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(vat_rate__in=VAT_RATE_VALUES), name="offer_vat_rate_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=OfferKind.values), name="offer_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(unit__in=Unit.values), name="offer_unit_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(price_from__gte=0), name="offer_price_from_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(available_from__isnull=True)
                | models.Q(available_until__isnull=True)
                | models.Q(available_until__gte=models.F("available_from")),
                name="offer_availability_order",
            ),
        ]
        indexes = [
            models.Index(fields=["territory", "is_active", "name", "id"]),
            models.Index(fields=["territory", "is_active", "sort_name", "id"]),
            models.Index(fields=["territory", "is_active", "price_from", "id"]),
            models.Index(fields=["territory", "category", "is_active"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "catalog:offer_detail",
            kwargs={
                "territory_slug": self.territory.slug,
                "offer_id": self.pk,
                "offer_slug": self.slug,
            },
        )


class OfferVariant(models.Model):
    """What is actually sold: a size or format of an offer, with its price and stock."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="variants")
    label = models.CharField(_("format"), max_length=100, blank=True)
    price = models.DecimalField(_("prix TTC"), max_digits=10, decimal_places=2)
    pro_price = models.DecimalField(
        _("prix professionnel TTC"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    stock_tracked = models.BooleanField(_("stock suivi"), default=True)
    stock = models.PositiveIntegerField(_("stock"), default=0)
    sku = models.CharField(_("référence"), max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("format")
        verbose_name_plural = _("formats")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="variant_price_positive"),
            models.CheckConstraint(condition=models.Q(stock__gte=0), name="variant_stock_positive"),
            models.CheckConstraint(
                condition=models.Q(pro_price__isnull=True) | models.Q(pro_price__gte=0),
                name="variant_pro_price_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer.name} – {self.label}" if self.label else self.offer.name
