"""Notifications: what is mailed, to whom, with which words, and the outbox of mails.

- ``NotificationSetting``: per event, on/off and the kinds of recipients.
- ``NotificationTemplate``: per event and language, the subject, text and HTML,
  in Django's template language (editable by administrators).
- ``Notification``: the outbox. One row per (change, recipient), written in the
  same transaction as the change; a worker claims it, sends it and records
  the outcome. Only ``escalade.notifications`` writes these rows.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import User
from escalade.tickets.models import Ticket


class Event(models.TextChoices):
    """What a mail tells about (GLPI's notification events, in Escalade's words)."""

    NEW = "new", _("Nouveau ticket")
    RECEIVED = "received", _("Accusé de réception (au demandeur)")
    ASSIGN_USER = "assign_user", _("Attribution à un utilisateur")
    ASSIGN_GROUP = "assign_group", _("Attribution à un groupe")
    FOLLOWUP = "followup", _("Nouveau suivi")
    TASK = "task", _("Nouvelle tâche")
    SOLVED = "solved", _("Solution ajoutée")
    SOLUTION_REFUSED = "solution_refused", _("Solution refusée")
    CLOSED = "closed", _("Ticket clos")
    UPDATED = "updated", _("Ticket modifié")
    ESCALATED = "escalated", _("Escalade")
    SURVEY = "survey", _("Enquête de satisfaction")
    LEVEL_REACHED = "level_reached", _("Niveau d'escalade atteint")
    VALIDATION = "validation", _("Demande de validation")


class RecipientKind(models.TextChoices):
    REQUESTERS = "requesters", _("Demandeurs (utilisateurs et membres des groupes demandeurs)")
    OBSERVERS = "observers", _("Observateurs (utilisateurs et membres des groupes observateurs)")
    ASSIGNED_USERS = "assigned_users", _("Utilisateurs attribués")
    ASSIGNED_GROUPS = "assigned_groups", _("Membres des groupes attribués")
    GROUP_SUPERVISORS = "group_supervisors", _("Responsables des groupes attribués")
    AUTHOR = "author", _("Auteur de la modification")
    ENTITY_ADMINS = "entity_admins", _("Administrateurs de l'entité")
    VALIDATORS = "validators", _("Valideurs sollicités")


ASSIGNEES: list[str] = [RecipientKind.ASSIGNED_USERS, RecipientKind.ASSIGNED_GROUPS]
EVERYONE: list[str] = [RecipientKind.REQUESTERS, RecipientKind.OBSERVERS, *ASSIGNEES]

# The defaults make the procedure work (seeded by migration 0002, also used
# when an event has no setting row).
DEFAULT_RECIPIENTS: dict[str, tuple[bool, list[str]]] = {
    Event.NEW: (True, EVERYONE),
    # The receipt goes to the requesters, the author included: it is meant for them.
    Event.RECEIVED: (True, [RecipientKind.REQUESTERS]),
    Event.ASSIGN_USER: (True, [RecipientKind.ASSIGNED_USERS, RecipientKind.REQUESTERS]),
    Event.ASSIGN_GROUP: (True, [RecipientKind.ASSIGNED_GROUPS]),
    Event.FOLLOWUP: (True, EVERYONE),
    Event.TASK: (True, EVERYONE),
    Event.SOLVED: (True, EVERYONE),
    Event.SOLUTION_REFUSED: (True, EVERYONE),
    Event.CLOSED: (True, EVERYONE),
    Event.UPDATED: (False, EVERYONE),
    Event.ESCALATED: (True, ASSIGNEES),
    Event.SURVEY: (True, [RecipientKind.REQUESTERS]),
    Event.LEVEL_REACHED: (True, [RecipientKind.GROUP_SUPERVISORS]),
    Event.VALIDATION: (True, [RecipientKind.VALIDATORS]),
}


class NotificationSetting(models.Model):
    event = models.CharField(_("événement"), max_length=30, choices=Event.choices, unique=True)
    enabled = models.BooleanField(_("activée"), default=True)
    recipients = models.JSONField(
        _("destinataires"),
        default=list,
        blank=True,
        help_text=_("Les sortes de destinataires de cet événement."),
    )

    class Meta:
        verbose_name = _("réglage de notification")
        verbose_name_plural = _("réglages des notifications")
        ordering = ["event"]

    def __str__(self) -> str:
        return str(Event(self.event).label) if self.event in Event.values else self.event


class NotificationTemplate(models.Model):
    event = models.CharField(_("événement"), max_length=30, choices=Event.choices)
    language = models.CharField(
        _("langue"), max_length=8, choices=[("fr", "Français"), ("en", "English")]
    )
    subject = models.CharField(_("objet"), max_length=255)
    text = models.TextField(_("texte"))
    html = models.TextField(_("HTML"))

    class Meta:
        verbose_name = _("modèle de courriel")
        verbose_name_plural = _("modèles de courriel")
        ordering = ["event", "language"]
        constraints = [
            models.UniqueConstraint(fields=["event", "language"], name="template_unique_lang"),
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} ({self.language})"


class Status(models.TextChoices):
    WAITING = "waiting", _("En attente")
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")
    FAILED = "failed", _("Échec")
    CANCELLED = "cancelled", _("Annulé")


class Notification(models.Model):
    """One mail to one person about one change (the outbox row)."""

    batch = models.UUIDField(_("lot"), default=uuid.uuid4, editable=False, db_index=True)
    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ticket"),
    )
    ticket_number = models.PositiveIntegerField(_("n° de ticket"))
    recipient = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("destinataire"),
    )
    email = models.EmailField(_("adresse"))
    language = models.CharField(_("langue"), max_length=8, default="fr")
    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("auteur de la modification"),
    )
    events = models.JSONField(_("événements"), default=list)  # [Event codes], main first
    items = models.JSONField(default=list)  # [{"event": code, "kind": ..., "data": {...}}]
    changed_at = models.DateTimeField(_("date de la modification"), default=timezone.now)
    status = models.CharField(
        _("état"), max_length=12, choices=Status.choices, default=Status.WAITING
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), default=timezone.now)
    claimed_at = models.DateTimeField(_("pris par un envoi le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    subject = models.CharField(_("objet"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("courriel en file")
        verbose_name_plural = _("file des courriels")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
            models.Index(fields=["ticket_number", "created_at"], name="notification_ticket"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="notification_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_number} → {self.email}"

    @property
    def main_event(self) -> str:
        return self.events[0] if self.events else ""
