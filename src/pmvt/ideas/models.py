"""Participatory innovation: the territory opens idea campaigns, members propose and support.

A `Campaign` asks the territory one question ("How to bring young people back to the town
centre?") between two dates, with rules shown before anyone supports an idea. Members submit
`Idea`s (moderated content of the Valeurs territoriales door), support them once each
(`Support`, withdrawable while the campaign is open), follow them (`Follow`) and comment on
them (`Comment`, one level of replies). The territory moves each idea through its status
workflow; every step carries a public answer (`IdeaStatusChange`), the idea's public history.

Counters (`support_count`, `comment_count`) are denormalised so that the campaign page sorts
and shows a thousand ideas in one query; services keep them exact with F() updates, and a
check constraint refuses a negative count.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.community.models import ModeratedContent, Theme
from pmvt.territories.models import Territory


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    OPEN = "open", _("En cours")
    CLOSED = "closed", _("Terminée")


class Campaign(models.Model):
    """A question the territory puts to its members, open to ideas between two dates."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    question = models.CharField(_("question posée"), max_length=300)
    description = models.TextField(_("présentation"), blank=True, max_length=10000)
    themes = models.ManyToManyField(Theme, verbose_name=_("thèmes"), blank=True, related_name="+")
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    rules = models.TextField(_("règles de participation"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("campagne d'idées")
        verbose_name_plural = _("campagnes d'idées")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="campaign_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="campaign_closes_after_opening",
            ),
        ]
        indexes = [models.Index(fields=["territory", "opens_at", "closes_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self._url("ideas:campaign")

    def get_submit_url(self) -> str:
        return self._url("ideas:submit")

    def get_admin_url(self) -> str:
        return self._url("ideas:admin_edit")

    def _url(self, name: str, **kwargs: object) -> str:
        return reverse(
            name,
            kwargs={"territory_slug": self.territory.slug, "campaign_slug": self.slug, **kwargs},
        )

    def status_at(self, moment) -> str:
        if moment < self.opens_at:
            return CampaignStatus.UPCOMING
        if moment < self.closes_at:
            return CampaignStatus.OPEN
        return CampaignStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    @property
    def status_label(self) -> str:
        return str(CampaignStatus(self.status).label)

    @property
    def is_open(self) -> bool:
        return self.status == CampaignStatus.OPEN


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Déposée")
    UNDER_STUDY = "under_study", _("À l'étude")
    ACCEPTED = "accepted", _("Retenue")
    DECLINED = "declined", _("Non retenue")
    IN_PROGRESS = "in_progress", _("En cours de réalisation")
    REALISED = "realised", _("Réalisée")


# The workflow the territory follows: from each status, the statuses it may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    IdeaStatus.SUBMITTED: (IdeaStatus.UNDER_STUDY,),
    IdeaStatus.UNDER_STUDY: (IdeaStatus.ACCEPTED, IdeaStatus.DECLINED),
    IdeaStatus.ACCEPTED: (IdeaStatus.IN_PROGRESS,),
    IdeaStatus.IN_PROGRESS: (IdeaStatus.REALISED,),
    IdeaStatus.DECLINED: (),
    IdeaStatus.REALISED: (),
}
# Display order of the statuses (sorting "by status" follows the workflow).
STATUS_ORDER = [
    IdeaStatus.SUBMITTED,
    IdeaStatus.UNDER_STUDY,
    IdeaStatus.ACCEPTED,
    IdeaStatus.IN_PROGRESS,
    IdeaStatus.REALISED,
    IdeaStatus.DECLINED,
]
STATUS_TONES = {
    IdeaStatus.SUBMITTED: "neutral",
    IdeaStatus.UNDER_STUDY: "warning",
    IdeaStatus.ACCEPTED: "success",
    IdeaStatus.DECLINED: "error",
    IdeaStatus.IN_PROGRESS: "warning",
    IdeaStatus.REALISED: "success",
}


class Idea(ModeratedContent):
    """An idea proposed in a campaign; public once published, then answered by the territory."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("titre"), max_length=150)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    description = models.TextField(_("description"), max_length=5000)
    themes = models.ManyToManyField(Theme, verbose_name=_("thèmes"), blank=True, related_name="+")
    image = models.ImageField(_("image"), upload_to="ideas/", blank=True)
    image_alt = models.CharField(_("description de l'image"), max_length=200, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.SUBMITTED
    )
    support_count = models.IntegerField(_("soutiens"), default=0)
    comment_count = models.IntegerField(_("commentaires"), default=0)

    class Meta:
        verbose_name = _("idée")
        verbose_name_plural = _("idées")
        ordering = ["-support_count", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "slug"], name="idea_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(status__in=IdeaStatus.values), name="idea_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(support_count__gte=0), name="idea_support_count_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(comment_count__gte=0), name="idea_comment_count_not_negative"
            ),
        ]
        # The campaign page reads published ideas of one campaign, sorted three ways.
        indexes = [
            models.Index(
                fields=["campaign", "visibility", "-support_count", "-created_at"],
                name="idea_by_support",
            ),
            models.Index(fields=["campaign", "visibility", "-created_at"], name="idea_by_date"),
            models.Index(fields=["campaign", "visibility", "status"], name="idea_by_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self._url("ideas:detail")

    def _url(self, name: str) -> str:
        return reverse(
            name,
            kwargs={
                "territory_slug": self.campaign.territory.slug,
                "campaign_slug": self.campaign.slug,
                "idea_slug": self.slug,
            },
        )

    @property
    def status_tone(self) -> str:
        return STATUS_TONES.get(IdeaStatus(self.status), "neutral")

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS.get(self.status, ())


class IdeaStatusChange(models.Model):
    """One step of an idea's workflow with the territory's public answer. Never edited."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("état précédent"), max_length=20, choices=IdeaStatus.choices)
    to_status = models.CharField(_("nouvel état"), max_length=20, choices=IdeaStatus.choices)
    answer = models.TextField(_("réponse publique"), max_length=5000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("décidé le"), default=timezone.now)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("réponse à une idée")
        verbose_name_plural = _("réponses aux idées")
        ordering = ["decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(answer=""), name="ideastatuschange_answer_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.idea} : {self.from_status} → {self.to_status}"


class Support(models.Model):
    """One member's support of one idea (at most one: the unique constraint settles races)."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )
    created_at = models.DateTimeField(_("soutenue le"), auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("soutien")
        verbose_name_plural = _("soutiens")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="support_once_per_member"),
        ]
        indexes = [models.Index(fields=["user", "idea"], name="support_by_user")]

    def __str__(self) -> str:
        return f"{self.user} → {self.idea}"


class Follow(models.Model):
    """A member follows an idea: they hear of every answer of the territory."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_follows"
    )
    created_at = models.DateTimeField(_("suivie depuis le"), auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("suivi d'une idée")
        verbose_name_plural = _("suivis d'idées")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="follow_once_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.user} suit {self.idea}"


class Comment(ModeratedContent):
    """A comment on an idea, or a reply to a top-level comment (one level only)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("en réponse à"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    text = models.TextField(_("commentaire"), max_length=3000)

    class Meta:
        verbose_name = _("commentaire sur une idée")
        verbose_name_plural = _("commentaires sur les idées")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["idea", "parent", "visibility", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.idea} #{self.pk}"

    def get_absolute_url(self) -> str:
        top = self.parent_id or self.pk
        return f"{self.idea.get_absolute_url()}?commentaire={top}#commentaire-{self.pk}"
