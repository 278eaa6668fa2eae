"""The territory (an EPCI) is PM-VT's tenant; its communes come from the official data."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.core.colors import validate_contrasting_color


class TerritoryKind(models.TextChoices):
    CC = "CC", _("Communauté de communes")
    CA = "CA", _("Communauté d'agglomération")
    CU = "CU", _("Communauté urbaine")
    METRO = "METRO", _("Métropole")
    MET69 = "MET69", _("Métropole de Lyon")


class ConformanceState(models.TextChoices):
    FULL = "full", _("totalement conforme")
    PARTIAL = "partial", _("partiellement conforme")
    NONE = "none", _("non conforme")


siren_validator = RegexValidator(r"^\d{9}$", _("Le SIREN doit comporter exactement 9 chiffres."))
color_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Indiquez une couleur au format #RRVVBB, par exemple #1d4e89.")
)


class Territory(models.Model):
    """An EPCI running PM-VT. Not scoped itself: it is the scope of everything else."""

    siren = models.CharField(_("SIREN"), max_length=9, unique=True, validators=[siren_validator])
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("nature juridique"), max_length=5, choices=TerritoryKind.choices)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=80, unique=True)
    population = models.PositiveIntegerField(_("population totale"), default=0)
    is_active = models.BooleanField(_("actif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped (after commit) whenever the public catalog changes: part of every catalog cache
    # key, read for free with the territory every request loads. See pmvt.catalog.cache.
    catalog_version = models.PositiveBigIntegerField(default=0, editable=False)
    # The same for the sellers' delivery settings, pickup points, rounds and bank transfer: see
    # pmvt.orders.logistics_cache.
    logistics_version = models.PositiveBigIntegerField(default=0, editable=False)

    # Settings a territory admin edits in the back office.
    display_name = models.CharField(
        _("nom affiché"),
        max_length=200,
        blank=True,
        help_text=_("Laissez vide pour le nom officiel."),
    )
    tagline = models.CharField(_("accroche"), max_length=255, blank=True)
    logo = models.ImageField(_("logo"), upload_to="territories/logos/", blank=True)
    primary_color = models.CharField(
        _("couleur principale"),
        max_length=7,
        default="#1d4e89",
        validators=[color_validator, validate_contrasting_color],
        help_text=_(
            "Utilisée pour les liens et les boutons : contraste d'au moins 4,5:1 sur blanc."
        ),
    )
    accent_color = models.CharField(
        _("couleur d'accent"),
        max_length=7,
        default="#7a3b00",
        validators=[color_validator, validate_contrasting_color],
        help_text=_(
            "Utilisée pour la porte « Valeurs territoriales » : contraste d'au moins 4,5:1."
        ),
    )
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=30, blank=True)
    contact_address = models.TextField(_("adresse postale"), blank=True)
    publisher_name = models.CharField(
        _("directeur ou directrice de la publication"), max_length=200, blank=True
    )
    legal_mentions = models.TextField(
        _("mentions légales complémentaires"),
        blank=True,
        help_text=_("Texte brut ; les paragraphes sont séparés par une ligne vide."),
    )
    accessibility_contact = models.EmailField(_("contact accessibilité"), blank=True)
    accessibility_state = models.CharField(
        _("état de conformité RGAA"),
        max_length=10,
        choices=ConformanceState.choices,
        default=ConformanceState.NONE,
        help_text=_("Sans audit RGAA complet, le territoire est « non conforme » (guide RGAA)."),
    )
    accessibility_audit_date = models.DateField(
        _("date du dernier audit RGAA"), null=True, blank=True
    )
    accessibility_audit_rate = models.DecimalField(
        _("taux de conformité du dernier audit (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.public_name

    def get_absolute_url(self) -> str:
        return reverse("portal:home", kwargs={"territory_slug": self.slug})

    @property
    def public_name(self) -> str:
        return self.display_name or self.name


class TerritoryDomain(models.Model):
    """A custom host name (e.g. place.ma-communaute.fr) that serves one territory."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="domains")
    hostname = models.CharField(_("nom d'hôte"), max_length=253, unique=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("nom de domaine")
        verbose_name_plural = _("noms de domaine")

    def __str__(self) -> str:
        return self.hostname

    def save(self, *args, **kwargs) -> None:
        self.hostname = self.hostname.strip().lower().rstrip(".")
        super().save(*args, **kwargs)


class Commune(models.Model):
    """A member commune of a territory, as in the official data (INSEE code, postal codes)."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="communes")
    insee_code = models.CharField(_("code INSEE"), max_length=5)
    name = models.CharField(_("nom"), max_length=200)
    postal_codes = models.CharField(
        _("codes postaux"), max_length=200, blank=True, help_text=_("Séparés par des espaces.")
    )
    population = models.PositiveIntegerField(_("population"), default=0)
    departement_code = models.CharField(_("code du département"), max_length=3)
    departement_name = models.CharField(_("département"), max_length=100)
    region_code = models.CharField(_("code de la région"), max_length=3)
    region_name = models.CharField(_("région"), max_length=100)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    # Reference point (town centre) for distances, e.g. "local first"; not in the official data,
    # so set by the territory's admin (or the demo loader).
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "insee_code"], name="commune_unique_insee"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def postal_code_list(self) -> list[str]:
        return self.postal_codes.split()
