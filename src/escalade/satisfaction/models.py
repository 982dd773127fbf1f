"""Satisfaction surveys (GLPI's « Enquête de satisfaction », ``TicketSatisfaction``).

- ``SurveySettings``: per entity (inherited by its sub-entities that have none), whether
  closed tickets are surveyed, how (Escalade's own form or an external URL), after how
  many days, which share of them, how long a survey stays open, the top of the scale and
  the score under which a comment is required.
- ``Survey``: one per surveyed ticket; it expires for real (``expires_at``), and keeps the
  scale it was asked with (``max_score``), so changing the settings later does not change
  the meaning of past answers.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import Entity, User
from escalade.tickets.models import Ticket


class SurveyKind(models.IntegerChoices):
    """GLPI's ``type`` of a TicketSatisfaction (and ``inquest_config`` of an entity)."""

    INTERNAL = 1, _("Interne (formulaire d'Escalade)")
    EXTERNAL = 2, _("Externe (adresse d'un autre outil)")


class SurveySettings(models.Model):
    entity = models.OneToOneField(
        Entity, on_delete=models.CASCADE, related_name="survey_settings", verbose_name=_("entité")
    )
    kind = models.PositiveSmallIntegerField(
        _("type d'enquête"), choices=SurveyKind.choices, default=SurveyKind.INTERNAL
    )
    external_url = models.CharField(
        _("adresse de l'enquête externe"),
        max_length=500,
        blank=True,
        help_text=_(
            "Balises remplacées : [TICKET_ID], [TICKET_NAME], [TICKET_CREATEDATE], "
            "[TICKET_SOLVEDATE], [TICKET_PRIORITY], [TICKETCATEGORY_ID], "
            "[TICKETCATEGORY_NAME], [TICKETTYPE_ID], [ENTITY_ID]."
        ),
    )
    delay_days = models.PositiveIntegerField(
        _("délai après la clôture (jours)"),
        default=0,
        validators=[MaxValueValidator(365)],
    )
    rate = models.PositiveSmallIntegerField(
        _("part des tickets interrogés (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("0 : pas d'enquête dans cette entité."),
    )
    lifetime_days = models.PositiveIntegerField(
        _("durée de validité (jours)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Passé ce délai, l'enquête expire et on ne peut plus y répondre."),
    )
    max_score = models.PositiveSmallIntegerField(
        _("note maximale"), default=5, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    comment_below = models.PositiveSmallIntegerField(
        _("commentaire obligatoire sous la note"),
        default=0,
        validators=[MaxValueValidator(10)],
        help_text=_("Une note strictement inférieure demande un commentaire (0 : jamais)."),
    )

    class Meta:
        verbose_name = _("réglage des enquêtes de satisfaction")
        verbose_name_plural = _("réglages des enquêtes de satisfaction")
        constraints = [
            models.CheckConstraint(condition=Q(rate__lte=100), name="survey_rate_percent"),
            models.CheckConstraint(
                condition=Q(lifetime_days__gte=1), name="survey_lifetime_positive"
            ),
            models.CheckConstraint(
                condition=Q(max_score__gte=2, max_score__lte=10), name="survey_scale_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.entity)


class Survey(models.Model):
    ticket = models.OneToOneField(
        Ticket, on_delete=models.CASCADE, related_name="survey", verbose_name=_("ticket")
    )
    kind = models.PositiveSmallIntegerField(
        _("type d'enquête"), choices=SurveyKind.choices, default=SurveyKind.INTERNAL
    )
    created_at = models.DateTimeField(_("date de l'enquête"))
    expires_at = models.DateTimeField(_("date d'expiration"))
    max_score = models.PositiveSmallIntegerField(_("note maximale"), default=5)
    comment_below = models.PositiveSmallIntegerField(
        _("commentaire obligatoire sous la note"), default=0
    )
    answered_at = models.DateTimeField(_("date de réponse"), null=True, blank=True)
    answered_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("répondu par"),
    )
    score = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)  # plain text, as typed

    class Meta:
        verbose_name = _("enquête de satisfaction")
        verbose_name_plural = _("enquêtes de satisfaction")
        indexes = [models.Index(fields=["expires_at"], name="survey_expires")]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=models.F("max_score")),
                name="survey_score_in_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
