"""Aid schemes for local actors, their documents, the announcements of the collectivité.

An aid scheme (aide) says who offers it, what it gives and who may get it. Eligibility is
stored as short JSON lists of codes (actor kinds, CAPLA families, NAF sections, headcount
ranges) and a set of communes; an empty list means "everyone", so a new criterion is opt-in.
The selector `aids_for_profile()` turns them into one database filter and
`pmvt.aids.eligibility.explain()` says in French why an aid matches or not.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.actors.models import Actor
from pmvt.community.models import Theme
from pmvt.territories.models import Commune, Territory

# "Deadline soon": the directory's filter and the badge's warning tone.
DEADLINE_SOON_DAYS = 30


class FunderKind(models.TextChoices):
    EPCI = "epci", _("Intercommunalité")
    COMMUNE = "commune", _("Commune")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")
    STATE = "etat", _("État")
    EUROPE = "europe", _("Union européenne")
    CHAMBER = "chambre", _("Chambre consulaire")
    OTHER = "autre", _("Autre organisme")


class AidKind(models.TextChoices):
    GRANT = "grant", _("Subvention")
    LOAN = "loan", _("Prêt")
    ADVANCE = "advance", _("Avance remboursable")
    GUARANTEE = "guarantee", _("Garantie")
    ADVICE = "advice", _("Conseil et accompagnement")
    TRAINING = "training", _("Formation")
    OTHER = "other", _("Autre")


class HeadcountRange(models.TextChoices):
    """Headcount (salariés) ranges of the INSEE tranches, grouped as aid schemes use them."""

    NONE = "0", _("Sans salarié")
    MICRO = "1-9", _("De 1 à 9 salariés")
    SMALL = "10-49", _("De 10 à 49 salariés")
    MEDIUM = "50-249", _("De 50 à 249 salariés")
    LARGE = "250+", _("250 salariés ou plus")


class AidStatus(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    OPEN = "open", _("Ouverte")
    CLOSED = "closed", _("Clôturée")


class AidScheme(models.Model):
    """An aid a local actor may apply for, published by the territory's admins."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("intitulé"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    funder_name = models.CharField(_("organisme qui finance"), max_length=200)
    funder_kind = models.CharField(_("type d'organisme"), max_length=20, choices=FunderKind.choices)
    summary = models.CharField(_("résumé"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=20000)
    kind = models.CharField(_("nature de l'aide"), max_length=20, choices=AidKind.choices)
    amount_min = models.DecimalField(
        _("montant minimum"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("montant maximum"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    rate_text = models.CharField(_("taux ou modalités"), max_length=200, blank=True)
    # Eligibility: lists of codes, empty = no restriction (see the module docstring).
    eligible_actor_kinds = models.JSONField(_("types d'acteurs"), default=list, blank=True)
    eligible_capla_families = models.JSONField(_("familles CAPLA"), default=list, blank=True)
    eligible_naf_sections = models.JSONField(_("sections NAF"), default=list, blank=True)
    eligible_headcounts = models.JSONField(_("effectifs"), default=list, blank=True)
    eligible_communes = models.ManyToManyField(
        Commune, verbose_name=_("communes"), blank=True, related_name="+"
    )
    opens_at = models.DateField(_("ouverture des demandes"), null=True, blank=True)
    deadline = models.DateField(_("date limite"), null=True, blank=True)
    link = models.URLField(_("lien vers le dispositif"), max_length=500, blank=True)
    contact = models.TextField(_("contact"), blank=True, max_length=1000)
    is_published = models.BooleanField(_("publiée"), default=False)
    themes: "models.ManyToManyField[Theme, Any]" = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("aide")
        verbose_name_plural = _("aides")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="aidscheme_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(funder_kind__in=FunderKind.values),
                name="aidscheme_funder_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=AidKind.values), name="aidscheme_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_min__isnull=True)
                | models.Q(amount_max__isnull=True)
                | models.Q(amount_min__lte=models.F("amount_max")),
                name="aidscheme_amount_order",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(deadline__isnull=True)
                | models.Q(opens_at__lte=models.F("deadline")),
                name="aidscheme_dates_order",
            ),
        ]
        indexes = [models.Index(fields=["territory", "is_published", "deadline"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "aids:detail", kwargs={"territory_slug": self.territory.slug, "aid_slug": self.slug}
        )

    def get_admin_url(self) -> str:
        return reverse(
            "aids:admin_edit",
            kwargs={"territory_slug": self.territory.slug, "aid_slug": self.slug},
        )

    def status_on(self, day: date) -> str:
        if self.opens_at is not None and day < self.opens_at:
            return AidStatus.UPCOMING
        if self.deadline is not None and day > self.deadline:
            return AidStatus.CLOSED
        return AidStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def is_open(self) -> bool:
        return self.status == AidStatus.OPEN

    @property
    def days_left(self) -> int | None:
        """Days until the deadline (0 on its last day), None without one."""
        if self.deadline is None:
            return None
        return (self.deadline - timezone.localdate()).days

    @property
    def has_amount(self) -> bool:
        return self.amount_min is not None or self.amount_max is not None or bool(self.rate_text)


class AidDocument(models.Model):
    """A document of an aid scheme: an uploaded file (PDF, ODT, DOCX) or a link."""

    aid = models.ForeignKey(AidScheme, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(_("fichier"), upload_to="aids/documents/%Y/", blank=True)
    file_format = models.CharField(_("format"), max_length=10, blank=True)
    file_size = models.PositiveIntegerField(_("taille"), default=0)
    url = models.URLField(_("adresse"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="aid__territory")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["position", "pk"]
        constraints = [
            # Exactly one of file and url.
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url=""))
                | (~models.Q(file="") & models.Q(url="")),
                name="aiddocument_file_or_url",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.url:
            return self.url
        return reverse(
            "aids:document",
            kwargs={
                "territory_slug": self.aid.territory.slug,
                "aid_slug": self.aid.slug,
                "document_id": self.pk,
            },
        )


class Announcement(models.Model):
    """An announcement of the collectivité to local actors; a draft until published."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), max_length=10000)
    aid = models.ForeignKey(
        AidScheme,
        verbose_name=_("aide concernée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="announcements",
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("annonce")
        verbose_name_plural = _("annonces")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["territory", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return (
            reverse("aids:announcements", kwargs={"territory_slug": self.territory.slug})
            + f"#annonce-{self.pk}"
        )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ActorAidProfile(models.Model):
    """What an actor tells about itself to find its aids and the Actor model does not hold."""

    actor = models.OneToOneField(Actor, on_delete=models.CASCADE, related_name="aid_profile")
    headcount_range = models.CharField(
        _("effectif salarié"), max_length=10, choices=HeadcountRange.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(territory="actor__territory")

    class Meta:
        verbose_name = _("profil pour les aides")
        verbose_name_plural = _("profils pour les aides")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(headcount_range__in=["", *HeadcountRange.values]),
                name="actoraidprofile_headcount_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor}: {self.headcount_range or '?'}"
