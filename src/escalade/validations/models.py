"""Validations (demandes d'approbation) of tickets, in GLPI 10's shape: one row per
validator (a group request gives one row per member, as GLPI 10.0 does). Only
``escalade.validations.workflow`` writes them."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import SupportGroup, User
from escalade.tickets.models import Ticket


class ValidationStatus(models.IntegerChoices):
    """GLPI's CommonITILValidation constants."""

    NONE = 1, _("Aucune validation")
    WAITING = 2, _("En attente de validation")
    ACCEPTED = 3, _("Accordée")
    REFUSED = 4, _("Refusée")


class Threshold(models.IntegerChoices):
    """GLPI's validation_percent: the share of approvals that decides."""

    ANY = 0, _("Une réponse suffit")
    HALF = 50, _("50 %")
    ALL = 100, _("100 %")


class TicketValidation(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="validations")
    requester = models.ForeignKey(  # users_id
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("demandeur")
    )
    validator = models.ForeignKey(  # users_id_validate
        User,
        on_delete=models.CASCADE,
        related_name="ticket_validations",
        verbose_name=_("valideur"),
    )
    group = models.ForeignKey(
        SupportGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("groupe valideur"),
    )
    comment_submission = models.TextField(_("commentaire de la demande"), blank=True)
    comment_validation = models.TextField(_("commentaire de la réponse"), blank=True)
    status = models.PositiveSmallIntegerField(
        _("statut"), choices=ValidationStatus.choices, default=ValidationStatus.WAITING
    )
    submission_date = models.DateTimeField(_("demandée le"), default=timezone.now)
    validation_date = models.DateTimeField(_("répondue le"), null=True, blank=True)

    class Meta:
        verbose_name = _("validation")
        verbose_name_plural = _("validations")
        ordering = ["submission_date", "pk"]
        indexes = [
            models.Index(fields=["ticket", "status"], name="validation_ticket_status"),
            models.Index(fields=["validator", "status"], name="validation_validator_status"),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} → {self.validator}"


def global_status(statuses: list[int], threshold: int) -> int:
    """GLPI's computeValidation: the ticket's global state from the answers."""
    total = len(statuses)
    if not total:
        return ValidationStatus.NONE
    accepted = round(statuses.count(ValidationStatus.ACCEPTED) * 100 / total)
    refused = round(statuses.count(ValidationStatus.REFUSED) * 100 / total)
    if threshold > 0:
        if accepted >= threshold:
            return ValidationStatus.ACCEPTED
        if refused + threshold > 100:
            return ValidationStatus.REFUSED
    elif accepted > 0:
        return ValidationStatus.ACCEPTED
    elif refused > 0:
        return ValidationStatus.REFUSED
    return ValidationStatus.WAITING


class ValidationDocument(models.Model):
    """A document sent with a validation request: GLPI's Document_Item whose itemtype is
    TicketValidation. The file is an ordinary ``Attachment`` of the ticket (stored, checked
    and downloaded as the others); a group request links it to every member's row."""

    validation = models.ForeignKey(
        TicketValidation, on_delete=models.CASCADE, related_name="document_links"
    )
    attachment = models.ForeignKey(
        "tickets.Attachment", on_delete=models.CASCADE, related_name="validation_links"
    )

    class Meta:
        verbose_name = _("document de validation")
        verbose_name_plural = _("documents de validation")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["validation", "attachment"], name="validation_document_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.validation_id} — {self.attachment_id}"
