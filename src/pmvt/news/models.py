"""News of the territory: posts by the territory, its verified actors and its inhabitants.

A post's text is Markdown; the service renders it once, at save time, to sanitised HTML
(`body_html`, see pmvt.core.markdown), so pages never render user text themselves. A post is
published in the author's own name, on behalf of a verified actor the author works for, or
"au nom du territoire" by an administrator. Inhabitants' posts wait for a moderator
(`visibility=pending`) before anyone else sees them.
"""

from datetime import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmvt.community.models import ModeratedContent, Theme, Visibility


class Post(ModeratedContent):
    title = models.CharField(_("titre"), max_length=160)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120)
    summary = models.CharField(
        _("résumé"),
        max_length=300,
        blank=True,
        help_text=_("Laissez vide pour reprendre le début du texte."),
    )
    body = models.TextField(_("texte"), max_length=20000)
    body_html = models.TextField(_("texte mis en forme"), editable=False)
    image = models.ImageField(_("image"), upload_to="news/", blank=True)
    image_alt = models.CharField(_("description de l'image"), max_length=200, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("thèmes"), blank=True, related_name="+")
    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("publiée au nom de l'acteur"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    by_territory = models.BooleanField(_("publiée au nom du territoire"), default=False)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
        ordering = [models.F("published_at").desc(nulls_last=True), "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "slug"], name="post_unique_slug"),
            models.CheckConstraint(
                condition=~(models.Q(by_territory=True) & models.Q(actor__isnull=False)),
                name="post_one_publisher",
            ),
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="post_image_has_alt",
            ),
        ]
        indexes = [models.Index(fields=["territory", "visibility", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        # Whoever publishes the post (the service, or a moderator approving it through the
        # community's moderation) stamps the publication date once.
        if self.visibility == Visibility.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "published_at"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse(
            "news:detail", kwargs={"territory_slug": self.territory.slug, "post_slug": self.slug}
        )

    def get_edit_url(self) -> str:
        return reverse(
            "news:edit", kwargs={"territory_slug": self.territory.slug, "post_slug": self.slug}
        )

    def get_delete_url(self) -> str:
        return reverse(
            "news:delete", kwargs={"territory_slug": self.territory.slug, "post_slug": self.slug}
        )

    @property
    def shown_at(self) -> datetime:
        """The date shown to readers: publication, or submission while it waits."""
        return self.published_at or self.created_at

    @property
    def publisher_name(self) -> str:
        """Who signs the post: the territory, the actor, or the author's name."""
        if self.by_territory:
            return self.territory.public_name
        if self.actor_id is not None and self.actor is not None:
            return self.actor.display_name
        if self.author is None or self.author.erased_at is not None:
            return str(_("Compte supprimé"))
        return self.author.display_name or str(_("Membre sans nom affiché"))
