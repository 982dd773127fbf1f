from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketTemplatesConfig(AppConfig):
    name = "escalade.tickettemplates"
    label = "tickettemplates"
    verbose_name = _("Gabarits de ticket")
