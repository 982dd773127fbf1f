"""GLPI's legacy REST API at /apirest.php/ (namespace ``glpi``)."""

app_name = "glpi"

urlpatterns: list = []
