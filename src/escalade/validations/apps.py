from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValidationsConfig(AppConfig):
    name = "escalade.validations"
    label = "validations"
    verbose_name = _("Validations")
