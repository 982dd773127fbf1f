from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlpiConfig(AppConfig):
    name = "escalade.glpi"
    label = "glpi"
    verbose_name = _("API compatible GLPI")
