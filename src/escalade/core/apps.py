from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "escalade.core"
    label = "core"
    verbose_name = "Escalade"
