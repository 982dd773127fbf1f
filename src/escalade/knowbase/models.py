"""Base de connaissances: articles (GLPI's KnowbaseItem), their categories, targets,
revisions and files, and what the suggestions achieved (deflection)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import Entity, Profile, SupportGroup, TreeNode, User
from escalade.tickets.models import Category, attachment_name, attachment_storage


class KnowbaseCategory(TreeNode):
    """KnowbaseItemCategory: a tree, shared with sub-entities when recursive."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("catégorie parente"),
    )
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("visible dans les sous-entités"), default=True)
    comment = models.TextField(_("commentaire"), blank=True)
    ticket_categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="knowbase_categories",
        verbose_name=_("catégories de ticket"),
        help_text=_(
            "Les articles FAQ de cette catégorie sont suggérés à qui crée un ticket de ces "
            "catégories (ou de leurs sous-catégories)."
        ),
    )

    class Meta(TreeNode.Meta):
        verbose_name = _("catégorie de la base de connaissances")
        verbose_name_plural = _("catégories de la base de connaissances")


class Article(models.Model):
    """KnowbaseItem: a question and its answer (sanitized HTML)."""

    name = models.CharField(_("sujet"), max_length=255)
    answer = models.TextField(_("réponse"), blank=True)  # sanitized HTML (richtext)
    is_faq = models.BooleanField(_("dans la FAQ"), default=False)
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("auteur")
    )
    categories = models.ManyToManyField(
        KnowbaseCategory, blank=True, related_name="articles", verbose_name=_("catégories")
    )
    views = models.PositiveIntegerField(_("consultations"), default=0)
    suggested = models.PositiveIntegerField(_("suggestions affichées"), default=0)
    created_at = models.DateTimeField(_("création"), default=timezone.now)
    updated_at = models.DateTimeField(_("dernière modification"), default=timezone.now)
    begin_date = models.DateTimeField(_("visible à partir du"), null=True, blank=True)
    end_date = models.DateTimeField(_("visible jusqu'au"), null=True, blank=True)
    source_solution = models.ForeignKey(
        "tickets.Solution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("solution d'origine"),
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["is_faq", "name"], name="knowbase_faq_name")]

    def __str__(self) -> str:
        return self.name


class EntityTarget(models.Model):
    """Entity_KnowbaseItem: readable in an entity (and its sub-entities if recursive)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="entity_targets")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("sous-entités incluses"), default=False)

    class Meta:
        verbose_name = _("cible : entité")
        verbose_name_plural = _("cibles : entités")

    def __str__(self) -> str:
        return f"{self.entity} ({self.article_id})"


class GroupTarget(models.Model):
    """Group_KnowbaseItem: readable by a group's members (in an entity, or anywhere)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="group_targets")
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, verbose_name=_("groupe"))
    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("entité")
    )
    is_recursive = models.BooleanField(_("sous-entités incluses"), default=False)

    class Meta:
        verbose_name = _("cible : groupe")
        verbose_name_plural = _("cibles : groupes")

    def __str__(self) -> str:
        return f"{self.group} ({self.article_id})"


class ProfileTarget(models.Model):
    """KnowbaseItem_Profile: readable by who acts with a profile (in an entity, or anywhere)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="profile_targets")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, verbose_name=_("profil"))
    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("entité")
    )
    is_recursive = models.BooleanField(_("sous-entités incluses"), default=False)

    class Meta:
        verbose_name = _("cible : profil")
        verbose_name_plural = _("cibles : profils")

    def __str__(self) -> str:
        return f"{self.profile} ({self.article_id})"


class UserTarget(models.Model):
    """KnowbaseItem_User: readable by one user."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="user_targets")
    user = models.ForeignKey(User, on_delete=models.CASCADE, verbose_name=_("utilisateur"))

    class Meta:
        verbose_name = _("cible : utilisateur")
        verbose_name_plural = _("cibles : utilisateurs")

    def __str__(self) -> str:
        return f"{self.user} ({self.article_id})"


class Revision(models.Model):
    """KnowbaseItem_Revision: the article as it was before a change."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("révision"))
    name = models.CharField(_("sujet"), max_length=255)
    answer = models.TextField(_("réponse"), blank=True)
    language = models.CharField(max_length=10, blank=True)
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("révision")
        verbose_name_plural = _("révisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="knowbase_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class ArticleAttachment(models.Model):
    """Document attached to an article (checked as ticket attachments are)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    uploaded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    file = models.FileField(storage=attachment_storage, upload_to=attachment_name, max_length=200)
    filename = models.CharField(_("nom du fichier"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document d'article")
        verbose_name_plural = _("documents d'articles")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.filename


class Deflection(models.Model):
    """« Cet article a résolu mon problème »: once per person and article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="deflections")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    ticket_category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("problème résolu par un article")
        verbose_name_plural = _("problèmes résolus par un article")
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="knowbase_deflection_once")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} — {self.user_id}"
