from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ItilTemplatesConfig(AppConfig):
    name = "escalade.itiltemplates"
    verbose_name = _("Modèles de suivi, de tâche et de solution")

    def ready(self) -> None:
        from escalade.itiltemplates import glpi

        glpi.register()
