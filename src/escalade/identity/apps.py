from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "escalade.identity"
    verbose_name = _("Identité et connexion")
    default_auto_field = "django.db.models.BigAutoField"
