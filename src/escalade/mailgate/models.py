"""Mail gateway records: the IMAP mailboxes to collect, and every inbound message handled."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from escalade.tickets.models import TicketType


class Security(models.TextChoices):
    SSL = "ssl", _("SSL/TLS (port 993)")
    STARTTLS = "starttls", _("STARTTLS (port 143)")
    NONE = "none", _("Aucune (réseau local de confiance uniquement)")


class Mailbox(models.Model):
    """An IMAP mailbox collected by ``escalade collect`` and the worker."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    host = models.CharField(_("serveur"), max_length=255)
    port = models.PositiveIntegerField(_("port"), default=993)
    security = models.CharField(
        _("sécurité"), max_length=10, choices=Security.choices, default=Security.SSL
    )
    login = models.CharField(_("identifiant"), max_length=255)
    # Stored as given: IMAP needs the clear password. Only administrators reach this table.
    password = models.CharField(_("mot de passe"), max_length=255, blank=True)
    folder = models.CharField(_("dossier à relever"), max_length=255, default="INBOX")
    accepted_folder = models.CharField(
        _("dossier des messages acceptés"),
        max_length=255,
        blank=True,
        default="Escalade-acceptes",
        help_text=_("Vide : les messages acceptés sont supprimés de la boîte."),
    )
    refused_folder = models.CharField(
        _("dossier des messages refusés"), max_length=255, default="Escalade-refuses"
    )
    entity = models.ForeignKey(
        "accounts.Entity",
        verbose_name=_("entité par défaut"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.ForeignKey(
        "tickets.Category",
        verbose_name=_("catégorie par défaut"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ticket_type = models.PositiveSmallIntegerField(
        _("type par défaut"), choices=TicketType.choices, default=TicketType.INCIDENT
    )
    accept_unknown_senders = models.BooleanField(
        _("accepter les expéditeurs inconnus"),
        default=False,
        help_text=_(
            "Un message d'une adresse sans compte ouvre un ticket sans demandeur dans "
            "l'entité par défaut, l'adresse de l'expéditeur en tête de la description."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_collected_at = models.DateTimeField(_("dernière relève"), null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("boîte aux lettres")
        verbose_name_plural = _("boîtes aux lettres")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepté")
    REFUSED = "refused", _("Refusé")
    IGNORED = "ignored", _("Ignoré (déjà traité)")


class InboundMessage(models.Model):
    """One message handled by the gateway, whatever became of it.

    Accepted messages point to their ticket and followup; refused ones keep their raw bytes
    and the reason, so that an administrator can read them and re-process them.
    """

    mailbox = models.ForeignKey(
        Mailbox, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    message_id = models.CharField(_("Message-ID"), max_length=998, blank=True, db_index=True)
    digest = models.CharField(_("empreinte SHA-256"), max_length=64, db_index=True)
    sender = models.CharField(_("expéditeur"), max_length=320, blank=True)
    subject = models.CharField(_("sujet"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("reçu le"))
    outcome = models.CharField(_("résultat"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("motif"), blank=True)
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    followup = models.ForeignKey(
        "tickets.Followup", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raw = models.BinaryField(_("message brut"), blank=True, default=b"")

    class Meta:
        verbose_name = _("message reçu")
        verbose_name_plural = _("messages reçus")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["sender", "outcome", "received_at"])]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} : {self.subject or self.message_id}"
