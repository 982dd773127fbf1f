from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowbaseConfig(AppConfig):
    name = "escalade.knowbase"
    verbose_name = _("Base de connaissances")

    def ready(self) -> None:
        from escalade.knowbase import glpi

        glpi.register()
