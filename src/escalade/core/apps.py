from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "escalade.core"
    label = "core"
    verbose_name = "Escalade"

    def ready(self) -> None:
        # Technical tables, named for a desk's administrator and listed last in the admin.
        names = {
            "django_tasks_database": _("Technique : tâches de fond"),
            "axes": _("Technique : tentatives de connexion et blocages"),
        }
        for label, name in names.items():
            if label in apps.app_configs:
                apps.app_configs[label].verbose_name = name
