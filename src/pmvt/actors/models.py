"""Actors of the territory: businesses (CAPLA), associations, public bodies; weekly markets."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.actors.identifiers import naf_activity
from pmvt.territories.models import Commune, Territory


class ActorKind(models.TextChoices):
    BUSINESS = "business", _("Entreprise")
    ASSOCIATION = "association", _("Association ou structure de l'économie sociale et solidaire")
    PUBLIC_BODY = "public", _("Organisme public")


class CaplaFamily(models.TextChoices):
    """The four families of local businesses (CAPLA)."""

    COMMERCANT = "commercant", _("Commerçant")
    ARTISAN = "artisan", _("Artisan")
    LIBERAL = "liberal", _("Profession libérale")
    AGRICULTEUR = "agriculteur", _("Agriculteur")


class ActorStatus(models.TextChoices):
    PENDING = "pending", _("En attente de vérification")
    VERIFIED = "verified", _("Vérifié")
    SUSPENDED = "suspended", _("Suspendu")


class ActorLabel(models.TextChoices):
    BIO = "bio", _("Agriculture biologique")
    AOP_IGP = "aop_igp", _("AOP / IGP")
    ARTISAN = "artisan", _("Artisan")
    FAIT_MAISON = "fait_maison", _("Fait maison")
    PRODUCTEUR_LOCAL = "producteur_local", _("Producteur local")
    VENTE_DIRECTE = "vente_directe", _("Vente directe")
    MAITRE_RESTAURATEUR = "maitre_restaurateur", _("Maître restaurateur")
    HVE = "hve", _("Haute valeur environnementale")


class Actor(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="actors")
    kind = models.CharField(_("type d'acteur"), max_length=20, choices=ActorKind.choices)
    legal_name = models.CharField(_("raison sociale"), max_length=200)
    trade_name = models.CharField(_("nom commercial"), max_length=200, blank=True)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, editable=False)
    naf_code = models.CharField(_("code NAF/APE"), max_length=6, blank=True)
    capla_family = models.CharField(
        _("famille CAPLA"), max_length=20, choices=CaplaFamily.choices, blank=True
    )
    capla_family_overridden = models.BooleanField(_("famille choisie à la main"), default=False)
    status = models.CharField(
        _("statut"), max_length=20, choices=ActorStatus.choices, default=ActorStatus.PENDING
    )
    status_reason = models.TextField(_("motif du statut"), blank=True)
    verified_at = models.DateTimeField(_("vérifié le"), null=True, blank=True)
    address = models.CharField(_("adresse"), max_length=255)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    labels = models.JSONField(_("labels"), default=list, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    logo = models.ImageField(_("logo ou photo principale"), upload_to="actors/logos/", blank=True)
    offers_click_collect = models.BooleanField(
        _("propose le retrait (click & collect)"), default=False
    )
    offers_delivery = models.BooleanField(_("propose la livraison"), default=False)
    sells_to_professionals = models.BooleanField(_("vend aux professionnels"), default=False)
    terms_of_sale = models.TextField(_("conditions générales de vente"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        ordering = ["trade_name", "legal_name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="actor_unique_slug"),
            # One page per establishment and territory; associations may have no SIRET.
            models.UniqueConstraint(
                fields=["territory", "siret"],
                condition=~models.Q(siret=""),
                name="actor_unique_siret",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ActorStatus.values), name="actor_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["territory", "status", "capla_family"])]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse(
            "actors:detail", kwargs={"territory_slug": self.territory.slug, "actor_slug": self.slug}
        )

    @property
    def display_name(self) -> str:
        return self.trade_name or self.legal_name

    @property
    def is_public(self) -> bool:
        return self.status == ActorStatus.VERIFIED

    @property
    def naf_label(self) -> str:
        """The activity's label in the NAF rév. 2 nomenclature ("" if unknown)."""
        activity = naf_activity(self.naf_code) if self.naf_code else None
        return activity.label if activity else ""


class StaffRole(models.TextChoices):
    OWNER = "owner", _("Responsable")
    MANAGER = "manager", _("Gérant ou gérante")
    STAFF = "staff", _("Équipe")


class ActorStaff(models.Model):
    """A person working for an actor; the role decides who edits the page, catalog, orders."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="actor_roles"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=StaffRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="actor__territory")

    class Meta:
        verbose_name = _("membre de l'équipe")
        verbose_name_plural = _("équipe")
        constraints = [
            models.UniqueConstraint(fields=["actor", "user"], name="actorstaff_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.actor} ({self.get_role_display()})"


INVITATION_VALIDITY = timedelta(days=14)


class ActorInvitation(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse électronique"))
    role = models.CharField(_("rôle"), max_length=20, choices=StaffRole.choices)
    # SHA-256 (hex) of the secret sent by email: a copy of the database opens no team.
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(territory="actor__territory")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.actor}"

    @property
    def expires_at(self) -> datetime:
        return self.created_at + INVITATION_VALIDITY

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lundi")
    TUESDAY = 1, _("mardi")
    WEDNESDAY = 2, _("mercredi")
    THURSDAY = 3, _("jeudi")
    FRIDAY = 4, _("vendredi")
    SATURDAY = 5, _("samedi")
    SUNDAY = 6, _("dimanche")


class OpeningHours(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    opens = models.TimeField(_("ouverture"))
    closes = models.TimeField(_("fermeture"))

    objects = ScopedManager(territory="actor__territory")

    class Meta:
        verbose_name = _("horaire d'ouverture")
        verbose_name_plural = _("horaires d'ouverture")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="openinghours_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    """An exceptional closure (holidays, works), both dates included."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("du"))
    end_date = models.DateField(_("au"))
    reason = models.CharField(_("motif"), max_length=200, blank=True)

    objects = ScopedManager(territory="actor__territory")

    class Meta:
        verbose_name = _("fermeture exceptionnelle")
        verbose_name_plural = _("fermetures exceptionnelles")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="closure_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_date} – {self.end_date}"


class ActorPhoto(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="actors/photos/")
    alt_text = models.CharField(_("description de la photo"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(territory="actor__territory")

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class Market(models.Model):
    """A weekly open-air market (marché de plein vent)."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="markets")
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(max_length=120)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("lieu"), max_length=255)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    start_time = models.TimeField(_("début"))
    end_time = models.TimeField(_("fin"))
    season_start_month = models.PositiveSmallIntegerField(_("de (mois)"), default=1)
    season_end_month = models.PositiveSmallIntegerField(_("à (mois)"), default=12)
    description = models.TextField(_("description"), blank=True)
    producers: "models.ManyToManyField[Actor, MarketStall]" = models.ManyToManyField(
        Actor, through="MarketStall", related_name="markets"
    )

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("marché")
        verbose_name_plural = _("marchés")
        ordering = ["weekday", "start_time", "name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="market_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")), name="market_time_order"
            ),
            models.CheckConstraint(
                condition=models.Q(season_start_month__gte=1, season_start_month__lte=12)
                & models.Q(season_end_month__gte=1, season_end_month__lte=12),
                name="market_season_months",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return (
            reverse("actors:markets", kwargs={"territory_slug": self.territory.slug})
            + f"#marche-{self.slug}"
        )

    @property
    def is_all_year(self) -> bool:
        return self.season_start_month == 1 and self.season_end_month == 12

    def is_in_season(self, month: int) -> bool:
        """True if the market runs in this month; a season may wrap (October to March)."""
        start, end = self.season_start_month, self.season_end_month
        if start <= end:
            return start <= month <= end
        return month >= start or month <= end


class MarketStall(models.Model):
    """A producer present at a market; it may offer pickup of orders at its stall."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="stalls")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="stalls")
    offers_pickup = models.BooleanField(_("retrait des commandes au stand"), default=False)

    objects = ScopedManager(territory="market__territory")

    class Meta:
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        constraints = [
            models.UniqueConstraint(fields=["market", "actor"], name="marketstall_unique_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} @ {self.market}"
