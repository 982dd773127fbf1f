"""GLPI legacy API: the API clients administrators allow, and the sessions they open."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiClient(models.Model):
    """A client allowed to call /apirest.php (GLPI's "API clients"): app token, IP range."""

    name = models.CharField(_("nom"), max_length=150)
    app_token = models.CharField(
        _("jeton d'application (App-Token)"),
        max_length=100,
        blank=True,
        help_text=_("Vide : aucun jeton d'application demandé à ce client."),
    )
    is_active = models.BooleanField(_("actif"), default=True)
    ip_start = models.GenericIPAddressField(_("début de la plage IP"), null=True, blank=True)
    ip_end = models.GenericIPAddressField(_("fin de la plage IP"), null=True, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("client d'API GLPI")
        verbose_name_plural = _("clients d'API GLPI")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.ip_start is None) != (self.ip_end is None):
            raise ValidationError(_("Donnez le début et la fin de la plage, ou aucun des deux."))

    def allows_ip(self, address: str) -> bool:
        if not self.ip_start or not self.ip_end:
            return True
        try:
            ip = ipaddress.ip_address(address)
            start = ipaddress.ip_address(self.ip_start)
            end = ipaddress.ip_address(self.ip_end)
        except ValueError:
            return False
        if ip.version != start.version or start.version != end.version:
            return False
        return start <= ip <= end  # type: ignore[operator]


class ApiSession(models.Model):
    """A session opened by initSession; only the SHA-256 of its token is stored."""

    token_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, null=True, blank=True)
    profile_id = models.IntegerField(null=True, blank=True)
    entity_id = models.IntegerField(null=True, blank=True)  # None: all entities
    recursive = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)  # idle expiry, slides with use
    # The absolute end: the idle expiry never slides past it.
    ends_at = models.DateTimeField(null=True, blank=True)
    # What opened the session, so that it dies with it: the user's password (Django's
    # session auth hash at that time), or a personal token.
    auth_hash = models.CharField(max_length=128, blank=True, default="")
    api_token = models.ForeignKey(
        "accounts.ApiToken", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("session d'API GLPI")
        verbose_name_plural = _("sessions d'API GLPI")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.expires_at:%Y-%m-%d %H:%M}"
