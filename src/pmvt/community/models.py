"""What every area of the Valeurs territoriales door shares: themes and moderation.

News posts, events, ideas, club threads… inherit `ModeratedContent`; anyone can report them
(`Report`), and every moderator decision is logged (`ModerationAction`).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.territories.models import Commune, Territory


class Theme(models.Model):
    """A theme of the territory's social life (mobilité, jeunesse, commerce…)."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("nom"), max_length=80)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=80)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="theme_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Visibility(models.TextChoices):
    PENDING = "pending", _("En attente de modération")
    PUBLISHED = "published", _("Publié")
    HIDDEN = "hidden", _("Masqué en attendant l'examen d'un modérateur")
    REMOVED = "removed", _("Retiré par la modération")


class ModeratedContent(models.Model):
    """Base of every piece of content people publish on the territory.

    Public pages show `visibility=published` only. Content by inhabitants may start
    `pending`; content reported by enough people becomes `hidden` until a moderator decides.
    """

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    visibility = models.CharField(
        _("visibilité"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLISHED
    )
    report_count = models.PositiveIntegerField(_("signalements en attente"), default=0)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLISHED


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Publicité ou spam")
    OFFENSIVE = "offensive", _("Propos injurieux, haineux ou harcèlement")
    ILLEGAL = "illegal", _("Contenu illégal")
    PERSONAL_DATA = "personal_data", _("Données personnelles exposées")
    MISLEADING = "misleading", _("Information fausse ou trompeuse")
    OTHER = "other", _("Autre raison")


class Report(models.Model):
    """One person's report of one piece of content (one report per person and content)."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("motif"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("précisions"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("signalé le"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("traité le"), null=True, blank=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"], name="report_once_per_person"
            ),
        ]
        indexes = [models.Index(fields=["territory", "resolved_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}/{self.object_id}: {self.reason}"


class ModerationDecision(models.TextChoices):
    APPROVE = "approve", _("Publier")
    HIDE = "hide", _("Masquer")
    REMOVE = "remove", _("Retirer")
    RESTORE = "restore", _("Rétablir")
    DISMISS = "dismiss", _("Classer les signalements sans suite")


class ModerationAction(models.Model):
    """The log of every moderator decision: who, what, why. Never edited."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    content_title = models.CharField(_("contenu"), max_length=300)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(_("décision"), max_length=20, choices=ModerationDecision.choices)
    reason = models.TextField(_("motif"))
    created_at = models.DateTimeField(_("décidé le"), auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("décision de modération")
        verbose_name_plural = _("décisions de modération")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.decision}: {self.content_title}"


class CommunitySettings(models.Model):
    """The territory's choices for the Valeurs territoriales door (one row, created lazily)."""

    territory = models.OneToOneField(
        Territory, on_delete=models.CASCADE, related_name="community_settings"
    )
    report_threshold = models.PositiveSmallIntegerField(
        _("seuil de signalements"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "Nombre de signalements en attente à partir duquel un contenu est masqué "
            "jusqu'à l'examen d'un modérateur."
        ),
    )
    moderate_before_publication = models.BooleanField(
        _("modérer avant publication"),
        default=True,
        help_text=_(
            "Les contenus des habitants attendent l'accord d'un modérateur avant d'être "
            "visibles. Ceux des administrateurs, des modérateurs et des acteurs vérifiés "
            "sont publiés directement."
        ),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("réglages de la modération")
        verbose_name_plural = _("réglages de la modération")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report_threshold__gte=1), name="community_threshold_positive"
            ),
        ]

    def __str__(self) -> str:
        return str(self.territory)
