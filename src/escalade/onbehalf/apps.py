from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnBehalfConfig(AppConfig):
    name = "escalade.onbehalf"
    label = "onbehalf"
    verbose_name = _("Tickets pour le compte d'autrui")
