from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailgateConfig(AppConfig):
    name = "escalade.mailgate"
    label = "mailgate"
    verbose_name = _("Passerelle de courriel")
