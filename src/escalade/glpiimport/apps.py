from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlpiImportConfig(AppConfig):
    name = "escalade.glpiimport"
    label = "glpiimport"
    verbose_name = _("Import depuis GLPI")
    default_auto_field = "django.db.models.BigAutoField"
