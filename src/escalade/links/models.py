"""Tickets liés (GLPI's ``glpi_tickets_tickets``) and known incidents (« incident en cours »).

Only escalade.links.workflow writes these rows, inside the ticket workflow's change.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import Entity, User
from escalade.tickets.models import Category, Ticket


class LinkKind(models.IntegerChoices):
    """GLPI's Ticket_Ticket constants (src/Ticket_Ticket.php)."""

    LINK_TO = 1, _("Lié à")
    DUPLICATE_WITH = 2, _("Doublon de")
    SON_OF = 3, _("Enfant de")
    PARENT_OF = 4, _("Parent de")  # stored as SON_OF with the tickets swapped, as GLPI does


class TicketLink(models.Model):
    """One link between two tickets. ``SON_OF``: ticket_1 is the child of ticket_2."""

    ticket_1 = models.ForeignKey(  # tickets_id_1
        Ticket, on_delete=models.CASCADE, related_name="links_as_first"
    )
    ticket_2 = models.ForeignKey(  # tickets_id_2
        Ticket, on_delete=models.CASCADE, related_name="links_as_second"
    )
    link = models.PositiveSmallIntegerField(
        _("lien"), choices=LinkKind.choices, default=LinkKind.LINK_TO
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ticket lié")
        verbose_name_plural = _("tickets liés")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["ticket_1", "ticket_2"], name="ticket_link_unicity"),
            models.CheckConstraint(
                condition=~Q(ticket_1=F("ticket_2")), name="ticket_link_not_itself"
            ),
            models.CheckConstraint(condition=Q(link__in=[1, 2, 3]), name="ticket_link_stored_kind"),
        ]
        indexes = [models.Index(fields=["ticket_2", "link"], name="ticket_link_second")]

    def __str__(self) -> str:
        return f"#{self.ticket_1_id} {self.link} #{self.ticket_2_id}"

    def other(self, ticket_id: int) -> int:
        return self.ticket_2_id if self.ticket_1_id == ticket_id else self.ticket_1_id

    def kind_from(self, ticket_id: int) -> int:
        """The link as read from ``ticket_id``'s side (a parent reads PARENT_OF)."""
        if self.link == LinkKind.SON_OF and self.ticket_2_id == ticket_id:
            return LinkKind.PARENT_OF
        return self.link


class KnownIncident(models.Model):
    """« Incident en cours »: a ticket that stands for everyone hit by the same problem.

    The create form shows it, for its category and entities, with « Je suis aussi
    concerné », which makes the person a requester of this ticket instead of a new one.
    """

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="known_incident")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, verbose_name=_("catégorie"))
    entities = models.ManyToManyField(Entity, related_name="+", verbose_name=_("entités"))
    is_recursive = models.BooleanField(_("sous-entités incluses"), default=True)
    message = models.CharField(_("message affiché"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("incident en cours")
        verbose_name_plural = _("incidents en cours")

    def __str__(self) -> str:
        return f"#{self.ticket_id}"
