"""Collective projects of the Maison de création de valeur territoriale, and what they need.

Anyone proposes a `Project` (the problem, the vision, the expected economic / social /
environmental value, the UN goals it serves); its team (`ProjectMember`: carriers and members)
lists its `Need`s — skills with hours, assets with dates, funds (linked to a local investment
call where one exists), volunteers — tracks `Milestone`s and posts `ProjectNews`; anyone may
support it (`Supporter`). The matching of needs to people and assets lives in pmvt.maison.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.assets.models import AssetKind
from pmvt.ideas.models import Idea
from pmvt.investments.models import InvestmentCall
from pmvt.skills.models import SkillLevel, SkillTerm
from pmvt.territories.models import Commune, Territory


class ProjectStatus(models.TextChoices):
    # A draft (e.g. born from a workshop action) is seen only by its team until published.
    DRAFT = "draft", _("Brouillon")
    IDEA = "idea", _("Idée")
    FORMING = "forming", _("Équipe en constitution")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Réalisé")
    PAUSED = "paused", _("En pause")


class Project(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    summary = models.CharField(_("en une phrase"), max_length=300)
    problem = models.TextField(_("le problème auquel il répond"), max_length=5000)
    vision = models.TextField(_("la vision"), max_length=5000, blank=True)
    value_economic = models.TextField(_("valeur économique attendue"), max_length=2000, blank=True)
    value_social = models.TextField(_("valeur sociale attendue"), max_length=2000, blank=True)
    value_environmental = models.TextField(
        _("valeur environnementale attendue"), max_length=2000, blank=True
    )
    # Numbers 1–17 of the UN Sustainable Development Goals (pmvt.core.sdgs).
    sdgs = models.JSONField(_("objectifs de développement durable"), default=list, blank=True)
    # The same numbers as "|1|7|12|", so that every database filters on one goal alike.
    sdg_index = models.CharField(max_length=60, editable=False, blank=True, default="")
    communes = models.ManyToManyField(
        Commune, verbose_name=_("communes concernées"), blank=True, related_name="+"
    )
    image = models.ImageField(_("image"), upload_to="projects/", blank=True)
    image_alt = models.CharField(_("description de l'image"), max_length=200, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    # The participatory-innovation idea the project was born from, if any.
    idea = models.ForeignKey(
        Idea,
        verbose_name=_("idée d'origine"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
    )
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("proposé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("projet collectif")
        verbose_name_plural = _("projets collectifs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="project_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(status__in=ProjectStatus.values), name="project_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="project_image_has_alt",
            ),
        ]
        indexes = [models.Index(fields=["territory", "status", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "projects:detail",
            kwargs={"territory_slug": self.territory.slug, "project_slug": self.slug},
        )


class MemberRole(models.TextChoices):
    CARRIER = "carrier", _("Porteur ou porteuse")
    MEMBER = "member", _("Membre")


class ProjectMember(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=MemberRole.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membre de l'équipe")
        verbose_name_plural = _("équipe du projet")
        ordering = ["role", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="projectmember_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=MemberRole.values), name="projectmember_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("étape"), max_length=200)
    due_on = models.DateField(_("pour le"), null=True, blank=True)
    done_on = models.DateField(_("franchie le"), null=True, blank=True)

    class Meta:
        verbose_name = _("étape")
        verbose_name_plural = _("étapes")
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]

    def __str__(self) -> str:
        return self.title


class ProjectNews(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="news")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), max_length=10000)
    published_at = models.DateTimeField(_("publiée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("nouvelle du projet")
        verbose_name_plural = _("nouvelles du projet")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Supporter(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="supporters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supported_projects"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="supporter_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.project}"


class NeedKind(models.TextChoices):
    SKILL = "skill", _("Compétence")
    ASSET = "asset", _("Bien matériel")
    FUNDS = "funds", _("Financement")
    VOLUNTEERS = "volunteers", _("Bénévoles")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Ouvert")
    MET = "met", _("Pourvu")
    CLOSED = "closed", _("Fermé")


class Need(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("type de besoin"), max_length=20, choices=NeedKind.choices)
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("précisions"), max_length=3000, blank=True)
    # Skill and volunteer needs.
    skill_terms = models.ManyToManyField(
        SkillTerm, verbose_name=_("compétences recherchées"), blank=True, related_name="+"
    )
    keywords = models.CharField(_("mots-clés"), max_length=300, blank=True)
    min_level = models.PositiveSmallIntegerField(
        _("niveau souhaité"), choices=SkillLevel.choices, null=True, blank=True
    )
    hours_per_month = models.PositiveSmallIntegerField(_("heures par mois"), null=True, blank=True)
    people = models.PositiveSmallIntegerField(_("nombre de personnes"), default=1)
    remote_ok = models.BooleanField(_("possible à distance"), default=False)
    # Where the need is; the project's first commune when empty.
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Asset needs.
    asset_kind = models.CharField(
        _("type de bien"), max_length=20, choices=AssetKind.choices, blank=True
    )
    starts_on = models.DateField(_("du"), null=True, blank=True)
    ends_on = models.DateField(_("au"), null=True, blank=True)
    # Fund needs.
    amount = models.DecimalField(
        _("montant recherché (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    investment_call = models.ForeignKey(
        InvestmentCall,
        verbose_name=_("appel à investissement local"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("état"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("besoin d'un projet")
        verbose_name_plural = _("besoins des projets")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=NeedKind.values), name="need_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=NeedStatus.values), name="need_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gt=Decimal(0)),
                name="need_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="need_dates_ordered",
            ),
        ]
        indexes = [models.Index(fields=["territory", "status", "kind"])]

    def __str__(self) -> str:
        return self.title
