"""Local investment calls: a project presents its need, members record non-binding pledges.

The platform collects no money and is not a crowdfunding intermediary: a pledge is a
declaration of intent that lets the project holder contact the pledger. The holder is a
verified actor (`actor`) or, with `actor` empty, the collectivité itself. Totals are always
derived from the pledges (one aggregate query), never stored: a withdrawn or erased pledge is
deleted and the totals drop with it.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.actors.models import Actor
from pmvt.territories.models import Commune, Territory

# A pledge above this is not a local inhabitant's intent but a typing mistake.
PLEDGE_MAX = Decimal("100000.00")
AMOUNT_MAX = Decimal("100000000.00")


class CallKind(models.TextChoices):
    SHOP = "shop", _("Ouverture ou reprise de commerce")
    FARM = "farm", _("Ferme ou installation agricole")
    ENERGY = "energy", _("Énergie renouvelable")
    COOPERATIVE = "coop", _("Parts de SCIC ou de coopérative")
    OTHER = "other", _("Autre projet")


class Instrument(models.TextChoices):
    DONATION = "donation", _("Don")
    LOAN = "loan", _("Prêt")
    SHARES = "shares", _("Parts sociales ou actions")


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("En attente de validation")
    PUBLISHED = "published", _("Publié")
    CLOSED = "closed", _("Clôturé")
    REJECTED = "rejected", _("Refusé")


# Statuses the holder may still edit; a published call keeps what the territory approved.
EDITABLE_STATUSES = {CallStatus.DRAFT, CallStatus.REJECTED}
PUBLIC_STATUSES = {CallStatus.PUBLISHED, CallStatus.CLOSED}


class InvestmentCall(models.Model):
    """A local project looking for money from the inhabitants, approved by the territory."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("porteur du projet"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="investment_calls",
        help_text=_("Vide : le projet est porté par la collectivité."),
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    kind = models.CharField(_("type de projet"), max_length=20, choices=CallKind.choices)
    summary = models.CharField(_("résumé"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=20000)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    amount_sought = models.DecimalField(_("montant recherché"), max_digits=12, decimal_places=2)
    accepts_donation = models.BooleanField(_("dons acceptés"), default=False)
    accepts_loan = models.BooleanField(_("prêts acceptés"), default=False)
    accepts_shares = models.BooleanField(_("parts sociales ou actions acceptées"), default=False)
    minimum_pledge = models.DecimalField(
        _("promesse minimale"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    opens_on = models.DateField(_("ouverture des promesses"))
    closes_on = models.DateField(_("clôture des promesses"))
    project_starts_on = models.DateField(_("démarrage prévu du projet"), null=True, blank=True)
    risks = models.TextField(_("risques"), max_length=10000)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    rejection_reason = models.TextField(_("motif du refus"), blank=True, max_length=2000)
    # Folded, stemmed words of the call (catalog.text.search_text) for the marketplace search.
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    submitted_at = models.DateTimeField(_("soumis le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("clôturé le"), null=True, blank=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("appel à investissement")
        verbose_name_plural = _("appels à investissement")
        ordering = ["closes_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "slug"], name="investmentcall_unique_slug"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=CallKind.values), name="investmentcall_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CallStatus.values),
                name="investmentcall_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_sought__gt=0), name="investmentcall_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(minimum_pledge__isnull=True)
                | (
                    models.Q(minimum_pledge__gt=0)
                    & models.Q(minimum_pledge__lte=models.F("amount_sought"))
                ),
                name="investmentcall_minimum_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_on__lte=models.F("closes_on")),
                name="investmentcall_dates_order",
            ),
            models.CheckConstraint(
                condition=models.Q(accepts_donation=True)
                | models.Q(accepts_loan=True)
                | models.Q(accepts_shares=True),
                name="investmentcall_one_instrument",
            ),
        ]
        indexes = [models.Index(fields=["territory", "status", "closes_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "investments:detail",
            kwargs={"territory_slug": self.territory.slug, "call_slug": self.slug},
        )

    def get_manage_url(self) -> str:
        """The holder's page of the call: the actor's pro space or the territory's back office."""
        return self.holder_url("manage")

    def get_review_url(self) -> str:
        """The territory admins' page of the call (approval; management for their own calls)."""
        return reverse(
            "investments:admin_manage",
            kwargs={"territory_slug": self.territory.slug, "call_slug": self.slug},
        )

    def holder_url(self, name: str, **kwargs: object) -> str:
        if self.actor_id is None:
            return reverse(
                f"investments:admin_{name}",
                kwargs={"territory_slug": self.territory.slug, "call_slug": self.slug, **kwargs},
            )
        assert self.actor is not None
        return reverse(
            f"investments:pro_{name}",
            kwargs={
                "territory_slug": self.territory.slug,
                "actor_slug": self.actor.slug,
                "call_slug": self.slug,
                **kwargs,
            },
        )

    @property
    def holder_name(self) -> str:
        if self.actor is not None:
            return self.actor.display_name
        return self.territory.public_name

    @property
    def instruments(self) -> list[str]:
        """The accepted instruments, in the order of `Instrument`."""
        flags = {
            Instrument.DONATION: self.accepts_donation,
            Instrument.LOAN: self.accepts_loan,
            Instrument.SHARES: self.accepts_shares,
        }
        return [value for value, accepted in flags.items() if accepted]

    @property
    def instrument_labels(self) -> list[str]:
        return [str(Instrument(value).label) for value in self.instruments]

    def is_open_on(self, day: date) -> bool:
        """Published, and the day is within the pledge period."""
        return self.status == CallStatus.PUBLISHED and self.opens_on <= day <= self.closes_on

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_upcoming(self) -> bool:
        return self.status == CallStatus.PUBLISHED and timezone.localdate() < self.opens_on

    @property
    def is_over(self) -> bool:
        """Closed by the holder, or its closing date is past."""
        return self.status == CallStatus.CLOSED or (
            self.status == CallStatus.PUBLISHED and timezone.localdate() > self.closes_on
        )

    @property
    def pledge_maximum(self) -> Decimal:
        return min(self.amount_sought, PLEDGE_MAX)


class CallDocument(models.Model):
    """A public PDF of a call: business plan, statutes, forecast."""

    call = models.ForeignKey(InvestmentCall, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(_("fichier"), upload_to="investments/documents/%Y/")
    file_size = models.PositiveIntegerField(_("taille"), default=0)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(territory="call__territory")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "investments:document",
            kwargs={
                "territory_slug": self.call.territory.slug,
                "call_slug": self.call.slug,
                "document_id": self.pk,
            },
        )


class CallNews(models.Model):
    """A dated update of the project by its holder ("actualités du projet")."""

    call = models.ForeignKey(InvestmentCall, on_delete=models.CASCADE, related_name="news")
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("publiée le"), auto_now_add=True)

    objects = ScopedManager(territory="call__territory")

    class Meta:
        verbose_name = _("actualité du projet")
        verbose_name_plural = _("actualités du projet")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Pledge(models.Model):
    """A member's non-binding declaration of intent to invest in a call; one per member."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey(InvestmentCall, on_delete=models.CASCADE, related_name="pledges")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="investment_pledges"
    )
    amount = models.DecimalField(_("montant"), max_digits=12, decimal_places=2)
    instrument = models.CharField(_("forme"), max_length=20, choices=Instrument.choices)
    message = models.TextField(_("message au porteur du projet"), blank=True, max_length=2000)
    consent_contact = models.BooleanField(_("accepte d'être contacté"), default=False)
    created_at = models.DateTimeField(_("promis le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("promesse d'investissement")
        verbose_name_plural = _("promesses d'investissement")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="pledge_one_per_member"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="pledge_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(amount__lte=PLEDGE_MAX), name="pledge_amount_sane"
            ),
            models.CheckConstraint(
                condition=models.Q(instrument__in=Instrument.values),
                name="pledge_instrument_valid",
            ),
            # No pledge without the consent to be contacted: that is all a pledge is for.
            models.CheckConstraint(
                condition=models.Q(consent_contact=True), name="pledge_consent_given"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.call_id}: {self.amount}"
