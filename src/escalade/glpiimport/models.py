"""Which GLPI row became which Escalade row: what makes ``import-glpi`` rerunnable."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """GLPI's (itemtype, id) → the Escalade row's id (tickets keep GLPI's id)."""

    itemtype = models.CharField(_("type GLPI"), max_length=40)
    glpi_id = models.BigIntegerField(_("identifiant GLPI"))
    escalade_id = models.BigIntegerField(_("identifiant Escalade"))
    # A digest of the GLPI rows the item was built from: unchanged, it is not rewritten.
    fingerprint = models.CharField(max_length=40, blank=True)
    imported_at = models.DateTimeField(_("importé le"), default=timezone.now)

    class Meta:
        verbose_name = _("élément importé de GLPI")
        verbose_name_plural = _("éléments importés de GLPI")
        constraints = [
            models.UniqueConstraint(fields=["itemtype", "glpi_id"], name="glpi_imported_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.itemtype} {self.glpi_id} → {self.escalade_id}"
