from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatisfactionConfig(AppConfig):
    name = "escalade.satisfaction"
    verbose_name = _("Enquêtes de satisfaction")

    def ready(self) -> None:
        from escalade.satisfaction import glpi

        glpi.register()
