"""Clubs: groups of members of the territory who talk, share resources and meet.

The issue names two clubs — the club citoyens–acteurs (inhabitants and actors co-design offers,
give feedback, become ambassadors of local shops) and the club des acteurs (CAPLA help each
other) — and lets a territory open others. All are one model: a club is open or joined on
approval, to every member of the territory or to the staff of verified actors only.

Inside, active members read and write discussion threads (`Thread`, `Reply`, both moderated
content of the Valeurs territoriales door), share resources (links or documents, kept outside
the public media) and see the club's events from the agenda (`ClubEvent`).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.clubs.storage import private_storage
from pmvt.community.models import ModeratedContent
from pmvt.territories.models import Territory


class ClubKind(models.TextChoices):
    CITIZENS_ACTORS = "citizens_actors", _("Club citoyens–acteurs")
    ACTORS = "actors", _("Club des acteurs")
    OTHER = "other", _("Autre club")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Ouvert : l'adhésion est immédiate")
    APPROVAL = "approval", _("Sur demande, validée par les modérateurs du club")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Tous les membres du territoire")
    ACTORS = "actors", _("Les membres de l'équipe d'un acteur vérifié")


class Club(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    purpose = models.CharField(_("raison d'être"), max_length=300)
    description = models.TextField(_("présentation"), blank=True, max_length=5000)
    kind = models.CharField(
        _("type de club"), max_length=20, choices=ClubKind.choices, default=ClubKind.OTHER
    )
    join_policy = models.CharField(
        _("adhésion"), max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    audience = models.CharField(
        _("qui peut adhérer"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    is_active = models.BooleanField(_("ouvert"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("club")
        verbose_name_plural = _("clubs")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="club_unique_slug"),
            models.CheckConstraint(condition=models.Q(kind__in=ClubKind.values), name="club_kind"),
            models.CheckConstraint(
                condition=models.Q(join_policy__in=JoinPolicy.values), name="club_join_policy"
            ),
            models.CheckConstraint(
                condition=models.Q(audience__in=Audience.values), name="club_audience"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self._url("clubs:detail")

    def _url(self, name: str, **kwargs: object) -> str:
        return reverse(
            name,
            kwargs={"territory_slug": self.territory.slug, "club_slug": self.slug, **kwargs},
        )

    @property
    def categories(self) -> list["ThreadCategory"]:
        """The kinds of discussion this club offers, in display order."""
        return CATEGORIES_BY_KIND.get(self.kind, list(ThreadCategory))


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Membre")
    MODERATOR = "moderator", _("Modérateur ou modératrice du club")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Demande en attente")
    ACTIVE = "active", _("Membre")
    REFUSED = "refused", _("Demande refusée")
    LEFT = "left", _("A quitté le club")
    REMOVED = "removed", _("Retiré du club par la modération")


# A person has at most one current (pending or active) membership of a club; the ended ones
# stay as the club's history.
CURRENT_STATUSES = (MembershipStatus.PENDING, MembershipStatus.ACTIVE)


class ClubMembership(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="club_memberships"
    )
    role = models.CharField(
        _("rôle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(
        _("état"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    requested_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    reason = models.TextField(_("motif"), blank=True, max_length=1000)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("adhésion à un club")
        verbose_name_plural = _("adhésions aux clubs")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["club", "user"],
                condition=models.Q(status__in=CURRENT_STATUSES),
                name="clubmembership_one_current",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=MembershipRole.values), name="clubmembership_role"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MembershipStatus.values),
                name="clubmembership_status",
            ),
        ]
        indexes = [models.Index(fields=["club", "status", "role"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.club} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    @property
    def is_moderator(self) -> bool:
        return self.is_active and self.role == MembershipRole.MODERATOR


class ThreadCategory(models.TextChoices):
    QUESTION = "question", _("Question")
    GOOD_PRACTICE = "good_practice", _("Bonne pratique")
    GROUP_PURCHASE = "group_purchase", _("Achat groupé")
    RESOURCE_SHARING = "resource_sharing", _("Partage de ressources")
    TRAINING = "training", _("Formation")
    FEEDBACK = "feedback", _("Retour d'expérience")
    CO_DESIGN = "co_design", _("Co-construction d'offres")
    OTHER = "other", _("Autre sujet")


C = ThreadCategory
CATEGORIES_BY_KIND: dict[str, list[ThreadCategory]] = {
    ClubKind.CITIZENS_ACTORS: [C.CO_DESIGN, C.FEEDBACK, C.QUESTION, C.GOOD_PRACTICE, C.OTHER],
    ClubKind.ACTORS: [
        C.QUESTION,
        C.GOOD_PRACTICE,
        C.GROUP_PURCHASE,
        C.RESOURCE_SHARING,
        C.TRAINING,
        C.OTHER,
    ],
}


class Thread(ModeratedContent):
    """A discussion of a club; a question can be marked solved by the reply that helped."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    category = models.CharField(
        _("catégorie"), max_length=20, choices=ThreadCategory.choices, default=ThreadCategory.OTHER
    )
    body = models.TextField(_("message"), max_length=10000)
    pinned = models.BooleanField(_("épinglée"), default=False)
    locked = models.BooleanField(_("close aux réponses"), default=False)
    solved_reply = models.ForeignKey(
        "Reply",
        verbose_name=_("réponse qui a résolu la question"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reply_count = models.PositiveIntegerField(_("réponses"), default=0)
    last_activity_at = models.DateTimeField(_("dernière activité"), db_index=True)

    class Meta:
        verbose_name = _("discussion de club")
        verbose_name_plural = _("discussions de club")
        ordering = ["-pinned", "-last_activity_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["club", "slug"], name="thread_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(category__in=ThreadCategory.values), name="thread_category"
            ),
        ]
        indexes = [models.Index(fields=["club", "visibility", "pinned", "last_activity_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.club._url("clubs:thread", thread_slug=self.slug)

    @property
    def is_question(self) -> bool:
        return self.category == ThreadCategory.QUESTION

    @property
    def is_solved(self) -> bool:
        return self.solved_reply_id is not None


class Reply(ModeratedContent):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("réponse"), max_length=10000)

    class Meta:
        verbose_name = _("réponse dans un club")
        verbose_name_plural = _("réponses dans les clubs")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "visibility", "created_at"])]

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}?reponse={self.pk}#reponse-{self.pk}"


def _document_path(instance: "Resource", filename: str) -> str:
    return f"clubs/{instance.club_id}/{filename}"


class DocumentType(models.TextChoices):
    PDF = "pdf", "PDF"
    ODT = "odt", "ODT"
    ODS = "ods", "ODS"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    JPEG = "jpg", "JPEG"
    PNG = "png", "PNG"
    WEBP = "webp", "WebP"


class Resource(models.Model):
    """A link or a document shared with the club's members (members only: never public)."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("titre"), max_length=200)
    url = models.URLField(_("adresse du lien"), blank=True, max_length=500)
    document = models.FileField(
        _("document"), upload_to=_document_path, storage=private_storage, blank=True
    )
    document_type = models.CharField(
        _("format"), max_length=10, choices=DocumentType.choices, blank=True
    )
    document_size = models.PositiveIntegerField(_("taille en octets"), default=0)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    pinned = models.BooleanField(_("épinglée"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("ressource de club")
        verbose_name_plural = _("ressources de club")
        ordering = ["-pinned", "-created_at", "-pk"]
        constraints = [
            # Exactly one of a link or a document.
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(document=""))
                | (~models.Q(url="") & models.Q(document="")),
                name="resource_link_or_document",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_document(self) -> bool:
        return bool(self.document)

    def get_download_url(self) -> str:
        return self.club._url("clubs:resource_download", resource_id=self.pk)


class ClubEvent(models.Model):
    """An event of the territory's agenda that a club puts forward to its members."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="club_events")
    event = models.ForeignKey("agenda.Event", on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("événement du club")
        verbose_name_plural = _("événements du club")
        constraints = [
            models.UniqueConstraint(fields=["club", "event"], name="clubevent_once_per_club"),
        ]

    def __str__(self) -> str:
        return f"{self.club} – {self.event}"
