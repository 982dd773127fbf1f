from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "escalade.demo"
    label = "demo"
    verbose_name = "Démonstration"
