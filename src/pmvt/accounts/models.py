"""Accounts are installation-wide; roles are held per territory through memberships."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from pmvt.territories.models import Commune, Territory


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person. The platform operator is a superuser; every other power is a Membership."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("adresse électronique"), unique=True)
    display_name = models.CharField(_("nom affiché"), max_length=150, blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    terms_version = models.CharField(
        _("version des conditions acceptées"), max_length=20, blank=True
    )
    terms_accepted_at = models.DateTimeField(_("conditions acceptées le"), null=True, blank=True)
    erased_at = models.DateTimeField(_("compte supprimé le"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()  # type: ignore[misc, assignment]

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def is_operator(self) -> bool:
        return self.is_active and self.is_superuser


class Role(models.TextChoices):
    MEMBER = "member", _("Habitant ou habitante")
    ACTOR_MEMBER = "actor_member", _("Membre d'un acteur")
    MODERATOR = "moderator", _("Modérateur ou modératrice")
    ADMIN = "admin", _("Administrateur ou administratrice du territoire")


class Membership(models.Model):
    """A user's place in one territory: their role and commune of residence."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune de résidence"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    joined_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)

    objects = ScopedManager(territory="territory")

    class Meta:
        verbose_name = _("membre")
        verbose_name_plural = _("membres")
        ordering = ["-joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "user"], name="membership_unique_user"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ConsentRecord(models.Model):
    """Proof of consent to the terms of use, kept per version (RGPD art. 7)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    terms_version = models.CharField(max_length=20)
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("consentements")
        ordering = ["-accepted_at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.terms_version}"
