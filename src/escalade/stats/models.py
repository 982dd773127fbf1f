from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import SupportGroup, User


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
