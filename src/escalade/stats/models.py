from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import SupportGroup, User
from escalade.tickets.models import Ticket


class MonthlyReport(models.Model):
    """One monthly statistics mail sent to a group's supervisor (sent once, whatever the
    number of workers: the row is written in the transaction that sends it)."""

    month = models.DateField(_("mois"))  # its first day
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, verbose_name=_("groupe"))
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, verbose_name=_("destinataire"))
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilan mensuel envoyé")
        verbose_name_plural = _("bilans mensuels envoyés")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "group", "recipient"], name="monthly_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} — {self.group}"


class TicketTiming(models.Model):
    """A ticket's time to own and to solve in working time (escalade.slas's arithmetic),
    computed by the worker (``stats.timings``) so that the statistics aggregate them by
    index instead of replaying every ticket's log. One row per ticket."""

    ticket = models.OneToOneField(
        Ticket, on_delete=models.CASCADE, primary_key=True, related_name="timing"
    )
    own_seconds = models.PositiveIntegerField(_("prise en compte (s ouvrées)"), null=True)
    solve_seconds = models.PositiveIntegerField(_("résolution (s ouvrées)"), null=True)
    computed_at = models.DateTimeField(_("calculé le"))

    class Meta:
        verbose_name = _("durées ouvrées d'un ticket")
        verbose_name_plural = _("durées ouvrées des tickets")

    def __str__(self) -> str:
        return f"#{self.ticket_id}"


class TimingCursor(models.Model):
    """How far the worker has computed: the last ticket done, in (updated_at, id) order.
    Its row lock lets one worker at a time advance it."""

    name = models.CharField(max_length=40, unique=True)
    updated_at = models.DateTimeField(null=True)
    ticket_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return self.name
