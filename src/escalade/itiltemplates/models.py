"""Modèles de suivi, de tâche et de solution (GLPI's ITILFollowupTemplate, TaskTemplate,
SolutionTemplate) and types de solution (SolutionType)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import Entity, SupportGroup, User
from escalade.tickets.models import Category, Source, TaskState


class SolutionType(models.Model):
    """SolutionType: how a ticket was solved (« Contournement », « Correctif »…)."""

    name = models.CharField(_("nom"), max_length=255)
    comment = models.TextField(_("commentaire"), blank=True)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("visible dans les sous-entités"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("type de solution")
        verbose_name_plural = _("types de solution")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Template(models.Model):
    """A text offered in « Ajouter », with variables (``{{ ticket.id }}``…), of an entity
    (and its sub-entities when recursive); first for its ticket categories."""

    name = models.CharField(_("nom"), max_length=255)
    content = models.TextField(_("contenu"), blank=True)  # sanitized HTML, with {{ … }}
    comment = models.TextField(_("commentaire"), blank=True)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("visible dans les sous-entités"), default=False)
    categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="+",
        verbose_name=_("catégories de ticket"),
        help_text=_("Proposé en premier pour ces catégories et leurs sous-catégories."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class FollowupTemplate(Template):
    """ITILFollowupTemplate."""

    is_private = models.BooleanField(_("privé"), default=False)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.HELPDESK
    )

    class Meta(Template.Meta):
        verbose_name = _("modèle de suivi")
        verbose_name_plural = _("modèles de suivi")


class TaskTemplate(Template):
    """TaskTemplate."""

    is_private = models.BooleanField(_("privée"), default=False)
    state = models.PositiveSmallIntegerField(
        _("statut"), choices=TaskState.choices, default=TaskState.TODO
    )
    duration_seconds = models.PositiveIntegerField(_("durée (s)"), default=0)
    technician = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("technicien"),
    )
    group = models.ForeignKey(
        SupportGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("groupe"),
    )

    class Meta(Template.Meta):
        verbose_name = _("modèle de tâche")
        verbose_name_plural = _("modèles de tâche")


class SolutionTemplate(Template):
    """SolutionTemplate."""

    solution_type = models.ForeignKey(
        SolutionType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("type de solution"),
    )

    class Meta(Template.Meta):
        verbose_name = _("modèle de solution")
        verbose_name_plural = _("modèles de solution")
